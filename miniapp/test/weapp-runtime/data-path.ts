/**
 * WeChat's setData paths: `a.b`, `a[0]`, and Taro's form with a dot before brackets,
 * `root.cn.[0].cn.[1].v`. Intermediate objects and arrays are created as WeChat does.
 */
export type PathKey = string | number;

export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) keys.push(Number(m[1]));
    else keys.push(m[2]);
  }
  return keys;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = parsePath(path);
  if (!keys.length) throw new Error(`setData: empty path "${path}"`);
  let cur: Record<string | number, unknown> = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    let next = cur[key];
    if (next === null || typeof next !== 'object') {
      next = typeof keys[i + 1] === 'number' ? [] : {};
      cur[key] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

export function getPath(target: unknown, path: string): unknown {
  let cur = target;
  for (const key of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** `a.b` and `a.b.c` overlap (one contains the other); `a.b` and `a.bc` do not. */
export function pathsOverlap(a: string, b: string): boolean {
  const ka = parsePath(a);
  const kb = parsePath(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) if (ka[i] !== kb[i]) return false;
  return true;
}
