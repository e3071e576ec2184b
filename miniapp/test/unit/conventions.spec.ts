import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The mini-program's patterns, checked so that every new section follows them (docs/miniapp.md):
 * one import style, pages without fetching logic, and every page inside PageShell's error boundary.
 */
const SRC = join(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = files(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const pages = sources.filter((s) => /(^|\/)pages\/[^/]+\/index\.tsx$/.test(s.path));

/** Pages another change is rewriting; remove them from here once they follow the pattern. */
const PAGE_SHAPE_PENDING = new Set<string>();

describe('miniapp/src conventions', () => {
  it('imports across folders with `@/…`, never `../`', () => {
    const offenders = sources.filter((s) => /from '\.\.\//.test(s.text)).map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('calls Taro.request only in services/http.ts', () => {
    const offenders = sources
      .filter((s) => s.path !== 'services/http.ts' && /\bTaro\.request\b|\brequest\(\{/.test(s.text))
      .map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('keeps fetching out of pages: a page imports services only as types (its use-<thing>.ts hook fetches)', () => {
    const offenders = pages.filter((s) => /^import (?!type )[^;]*from '@\/services\//m.test(s.text)).map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('puts every page inside PageShell: the default export is <PageShell> around the page’s content component', () => {
    const shape =
      /export default function \w+\(\) \{\s*return \(\s*<PageShell[^>]*>\s*<[A-Z]\w* \/>\s*<\/PageShell>\s*\);\s*\}/;
    const offenders = pages.filter((s) => !PAGE_SHAPE_PENDING.has(s.path) && !shape.test(s.text)).map((s) => s.path);
    expect(offenders).toEqual([]);
    expect(pages.length).toBeGreaterThanOrEqual(12);
  });

  it('compares roles with the shared helpers, not string literals', () => {
    const offenders = sources
      .filter((s) => /role (?:===|!==) '(enterprise|butler|supervisor|admin|owner|member)'/.test(s.text))
      .map((s) => s.path);
    expect(offenders.filter((p) => !PAGE_SHAPE_PENDING.has(p))).toEqual([]);
  });
});
