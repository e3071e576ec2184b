import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The accessibility audit every H5 journey runs on every page it visits (harness.ts calls `check`
 * from `open()`/`waitForRoute()` and at the end of each journey test), in both modes:
 *
 * - axe-core on the whole document (the visible Taro page and the tab bar; earlier pages on Taro's
 *   stack are hidden and skipped): any serious or critical violation fails the journey.
 * - Text contrast measured here, not assumed: every visible text node (and each input's value and
 *   placeholder), its computed colour composited over its effective background — the ancestors'
 *   background colours and every colour stop of a gradient, with opacity — so nothing is skipped as
 *   axe's "incomplete" (gradients, Taro's custom elements). Below 4.5:1 fails (3:1 for large text as
 *   WCAG defines it: ≥ 24 px, or ≥ 18.66 px bold — at least what product.md asks of 长辈版, 3:1 above 18 px).
 *   A background that cannot be determined (an image behind text) fails too.
 * - Tap targets measured: every control at least 60 × 60 px in 长辈版 and 44 × 44 px otherwise (product.md).
 *
 * 长辈版 is checked on every page even when the journey never switched it on: the audit adds
 * `qs-elder` (the one thing 长辈版 changes, see PageShell and app.scss) to the page root for the
 * check and takes it off again; a page already in 长辈版 is checked in the standard mode the same way.
 * A state already checked (same route, mode and set of class names on screen) is not checked again.
 */

export type Mode = 'standard' | 'elder';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = join(__dirname, '..', '..', '..', 'artifacts', 'journeys', 'a11y');
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface ContrastSample {
  text: string;
  where: string;
  ratio: number;
  required: number;
  fg: string;
  bg: string;
  px: number;
  bold: boolean;
}

interface ContrastReport {
  measured: number;
  exemptDisabled: number;
  min?: ContrastSample;
  failures: ContrastSample[];
  undetermined: { text: string; where: string; why: string }[];
}

export interface CheckResult {
  route: string;
  mode: Mode;
  /** Serious and critical axe violations, one line each. */
  violations: string[];
  /** Moderate and minor ones: reported, not failed. */
  notes: string[];
  contrast: ContrastReport;
  /** Tap targets smaller than product.md's minimum for the mode (60 × 60 px in 长辈版, 44 × 44 px otherwise). */
  smallTargets: string[];
  /** Nodes axe left "incomplete" for colour contrast (all of them measured by the contrast check). */
  axeContrastIncomplete: number;
}

/** The route of the H5 hash router, without its query (`/pages/me/index`). */
export function routeOf(url: string): string {
  const hash = new URL(url).hash.replace(/^#/, '');
  return hash.split('?')[0] || '/';
}

export class A11yAudit {
  /** Problems found since the last `takeProblems()`, as readable lines. */
  private problems: string[] = [];
  private seen = new Set<string>();
  readonly results: CheckResult[] = [];
  private lowest: Partial<Record<Mode, ContrastSample & { route: string }>> = {};

  constructor(private readonly name: string) {}

  /** Checks the page on screen in its own mode, and once per state in the other mode. */
  async check(page: Page): Promise<void> {
    const route = routeOf(page.url());
    await page
      .locator('.qs-page:visible')
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE};0`);
    const state = await page.evaluate(() => {
      const roots = Array.from(document.querySelectorAll<HTMLElement>('.qs-page')).filter((el) => el.checkVisibility());
      const classes = new Set<string>();
      for (const root of roots)
        for (const el of Array.from(root.querySelectorAll('[class]')))
          el.classList.forEach((c: string) => classes.add(c));
      return { elder: roots.some((r) => r.classList.contains('qs-elder')), signature: [...classes].sort().join(' ') };
    });
    const actual: Mode = state.elder ? 'elder' : 'standard';
    for (const mode of [actual, actual === 'elder' ? 'standard' : 'elder'] as Mode[]) {
      const key = `${route} ${mode} ${state.signature}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.record(await checkInMode(page, route, mode, mode !== actual));
    }
  }

  private record(r: CheckResult): void {
    this.results.push(r);
    const at = `${r.route} (${r.mode === 'elder' ? '长辈版' : '标准版'})`;
    for (const v of r.violations) this.problems.push(`${at} axe ${v}`);
    for (const f of r.contrast.failures)
      this.problems.push(
        `${at} contrast ${f.ratio.toFixed(2)}:1 < ${f.required}:1 — ${f.where} "${f.text}" (${f.fg} on ${f.bg}, ${f.px}px${f.bold ? ' bold' : ''})`,
      );
    for (const t of r.smallTargets) this.problems.push(`${at} tap target ${t}`);
    for (const u of r.contrast.undetermined)
      this.problems.push(`${at} contrast not measurable (${u.why}) — ${u.where} "${u.text}"`);
    const min = r.contrast.min;
    if (min && (!this.lowest[r.mode] || min.ratio < this.lowest[r.mode]!.ratio))
      this.lowest[r.mode] = { ...min, route: r.route };
  }

  /** The problems found since the last call, and forgets them. */
  takeProblems(): string[] {
    const p = this.problems;
    this.problems = [];
    return p;
  }

  /** One paragraph for the test output: pages and modes checked, the lowest contrast measured in each mode. */
  summary(): string {
    const pages = new Set(this.results.map((r) => r.route));
    const texts = this.results.reduce((n, r) => n + r.contrast.measured, 0);
    const lines = [
      `a11y (${this.name}): ${this.results.length} checks of ${pages.size} pages (${[...pages].join(', ')}), ${texts} texts measured`,
    ];
    for (const mode of ['standard', 'elder'] as Mode[]) {
      const m = this.lowest[mode];
      if (m)
        lines.push(
          `  lowest contrast ${mode === 'elder' ? '长辈版' : '标准版'}: ${m.ratio.toFixed(2)}:1 (needs ${m.required}:1) — ${m.route} ${m.where} "${m.text}" ${m.fg} on ${m.bg}, ${m.px}px`,
        );
    }
    const notes = new Map<string, number>();
    for (const r of this.results) for (const n of r.notes) notes.set(n, (notes.get(n) ?? 0) + 1);
    for (const [n, count] of notes) lines.push(`  note (not failed): ${n} ×${count}`);
    const incomplete = this.results.reduce((n, r) => n + r.axeContrastIncomplete, 0);
    if (incomplete) lines.push(`  axe left ${incomplete} colour-contrast nodes incomplete; all were measured above`);
    return lines.join('\n');
  }
}

async function checkInMode(page: Page, route: string, mode: Mode, simulate: boolean): Promise<CheckResult> {
  if (simulate) await setElder(page, mode === 'elder');
  try {
    const axe = (await page.evaluate(() =>
      // Taro's toast is the platform's (WeChat draws its own): a toast caught mid-fade measures as low contrast.
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(
        { include: [document], exclude: [['.taro__toast']] } as unknown as Document,
        { resultTypes: ['violations', 'incomplete'] },
      ),
    )) as AxeResults;
    const line = (v: AxeResults['violations'][number]) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 5)
        .map(
          (n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''}`,
        )
        .join('; ')}${v.nodes.length > 5 ? `; and ${v.nodes.length - 5} more` : ''}`;
    const violations = axe.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
    const notes = axe.violations
      .filter((v) => !FAILING_IMPACTS.has(v.impact ?? ''))
      .map((v) => `${v.id} (${v.impact})`);
    const contrast = await page.evaluate(measureContrast);
    const smallTargets = await page.evaluate(measureTargets, mode === 'elder' ? 60 : 44);
    const result: CheckResult = {
      route,
      mode,
      violations: violations.map(line),
      notes,
      contrast,
      smallTargets,
      axeContrastIncomplete: axe.incomplete.find((i) => i.id === 'color-contrast')?.nodes.length ?? 0,
    };
    if (result.violations.length || contrast.failures.length || contrast.undetermined.length || smallTargets.length) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = `${route.replace(/[^\w]+/g, '_')}-${mode}.png`;
      await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true }).catch(() => undefined);
    }
    return result;
  } finally {
    if (simulate) await setElder(page, mode !== 'elder');
  }
}

/** Switches 长辈版's class on the visible page roots (what PageShell does when the switch is on). */
async function setElder(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => {
    for (const root of Array.from(document.querySelectorAll<HTMLElement>('.qs-page')))
      if (root.checkVisibility()) root.classList.toggle('qs-elder', on);
  }, on);
}

/**
 * Runs in the page: every control on the page (not the tab bar, WeChat's own in the weapp) smaller
 * than `min` px either way. A control inside a label is measured by its label (a tap on the label
 * is a tap on the control).
 */
function measureTargets(min: number): string[] {
  const controls =
    'taro-button-core, [role="button"], [role="switch"], [role="link"], [role="checkbox"], taro-input-core, ' +
    'taro-switch-core, taro-checkbox-core, taro-radio-core, a[href], [tabindex="0"]';
  const small: string[] = [];
  for (const root of Array.from(document.querySelectorAll<HTMLElement>('.qs-page'))) {
    if (!root.checkVisibility()) continue;
    for (const el of Array.from(root.querySelectorAll(controls))) {
      if (!el.checkVisibility() || el.parentElement?.closest(controls)) continue;
      const target = el.closest('taro-label-core') ?? el.closest('label') ?? el;
      const { width, height } = target.getBoundingClientRect();
      if (width + 0.5 < min || height + 0.5 < min) {
        const name = `${target.localName}${Array.from(target.classList)
          .map((c) => `.${c}`)
          .join('')}`;
        small.push(
          `${Math.round(width)}×${Math.round(height)} px < ${min}×${min} — ${name} "${(target.textContent ?? '').trim().slice(0, 16)}"`,
        );
      }
    }
  }
  return small;
}

/**
 * Runs in the page: the contrast of every visible text against its effective background.
 * Self-contained (it is serialised into the browser).
 */
function measureContrast(): ContrastReport {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA | undefined => {
    const m = /^rgba?\(([^)]+)\)$/.exec(c.trim());
    if (!m) return undefined;
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0], p[1], p[2], p[3] ?? 1];
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const ch = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  };
  const lum = (c: RGBA) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c: RGBA) =>
    `#${c
      .slice(0, 3)
      .map((v) => Math.round(v).toString(16).padStart(2, '0'))
      .join('')}`;
  const opacityOf = (el: Element | null): number => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const describe = (el: Element) => {
    const cls = (e: Element) =>
      `${e.localName}${Array.from(e.classList)
        .map((c) => `.${c}`)
        .join('')}`;
    const named = el.classList.length ? el : (el.closest('[class]') ?? el);
    return named === el ? cls(el) : `${cls(named)} > ${cls(el)}`;
  };

  /** The backgrounds the element's text may be painted on: one, or one per gradient colour stop. */
  const backgrounds = (el: Element): RGBA[] | string => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
    let candidates: RGBA[] = [[255, 255, 255, 1]];
    for (const e of chain) {
      const s = getComputedStyle(e);
      const o = opacityOf(e);
      const base = parse(s.backgroundColor);
      if (!base) return `background colour ${s.backgroundColor}`;
      const withAlpha = (c: RGBA): RGBA => [c[0], c[1], c[2], c[3] * o];
      let layers: RGBA[] = [withAlpha(base)];
      if (s.backgroundImage !== 'none') {
        if (!s.backgroundImage.includes('gradient')) return `background image on ${describe(e)}`;
        const stops = (s.backgroundImage.match(/rgba?\([^)]*\)/g) ?? []).map(parse).filter(Boolean) as RGBA[];
        if (!stops.length) return `gradient without colours on ${describe(e)}`;
        layers = stops.map((c) => over(withAlpha(c), withAlpha(base)));
      }
      const next: RGBA[] = [];
      for (const c of candidates) for (const l of layers) next.push(over(l, c));
      candidates = next.filter((c, i) => next.findIndex((d) => hex(d) === hex(c)) === i);
    }
    return candidates;
  };

  const report: ContrastReport = { measured: 0, exemptDisabled: 0, failures: [], undetermined: [] };
  const sample = (el: Element, text: string, colour: string) => {
    const s = getComputedStyle(el);
    const fgRaw = parse(colour);
    const bgs = backgrounds(el);
    const short = text.replace(/\s+/g, ' ').trim().slice(0, 24);
    if (!fgRaw || typeof bgs === 'string') {
      report.undetermined.push({ text: short, where: describe(el), why: fgRaw ? (bgs as string) : `colour ${colour}` });
      return;
    }
    const fg: RGBA = [fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacityOf(el)];
    if (fg[3] === 0) return;
    const px = parseFloat(s.fontSize);
    const bold = parseInt(s.fontWeight, 10) >= 700;
    const required = px >= 24 || (px >= 18.66 && bold) ? 3 : 4.5;
    let worst: ContrastSample | undefined;
    for (const bg of bgs) {
      const r = ratio(over(fg, bg), bg);
      if (!worst || r < worst.ratio)
        worst = {
          text: short,
          where: describe(el),
          ratio: Math.round(r * 100) / 100,
          required,
          fg: hex(over(fg, bg)),
          bg: hex(bg),
          px,
          bold,
        };
    }
    if (!worst) return;
    report.measured++;
    if (!report.min || worst.ratio < report.min.ratio) report.min = worst;
    if (worst.ratio < required) report.failures.push(worst);
  };
  const disabled = (el: Element) => !!el.closest('[disabled]:not([disabled="false"]), [aria-disabled="true"]');
  const shown = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const done = new Set<Element>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || done.has(el) || !node.textContent?.trim()) continue;
    // Taro's toast is the platform's (WeChat draws its own), as axe is told above: one caught mid-fade is not a colour.
    if (el.closest('.taro__toast')) continue;
    if (el.closest('script, style, noscript, template') || !shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!Array.from(range.getClientRects()).some((r) => r.width > 0 && r.height > 0)) continue;
    done.add(el);
    if (disabled(el)) {
      report.exemptDisabled++;
      continue;
    }
    sample(el, node.textContent, getComputedStyle(el).color);
  }
  for (const input of Array.from(
    document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'),
  )) {
    if (['checkbox', 'radio', 'hidden', 'range', 'color', 'file'].includes(input.type) || !shown(input)) continue;
    const rect = input.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    if (disabled(input)) {
      report.exemptDisabled++;
      continue;
    }
    if (input.value) sample(input, input.type === 'password' ? '••••' : input.value, getComputedStyle(input).color);
    else if (input.placeholder)
      sample(input, `(placeholder) ${input.placeholder}`, getComputedStyle(input, '::placeholder').color);
  }
  return report;
}
