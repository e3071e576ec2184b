/** The value axis of a bar chart: round tick values from 0 up to at least `max` (integers: the chart counts cases). */
export function niceTicks(max: number, target = 4): number[] {
  const top = Math.max(0, Math.ceil(Number.isFinite(max) ? max : 0));
  if (top === 0) return [0, 1];
  const raw = top / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) ticks.push(t);
  return ticks;
}

/** Show every n-th category label so that at most `most` fit under the chart (the rest stay in the table). */
export function labelEvery(count: number, most: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, most)));
}

/** A bar's length in % of the axis (a value above 0 never vanishes). */
export function share(value: number, top: number): string {
  if (!(top > 0) || !(value > 0)) return '0%';
  return `${Number(Math.max(1, Math.min(100, (value / top) * 100)).toFixed(2))}%`;
}
