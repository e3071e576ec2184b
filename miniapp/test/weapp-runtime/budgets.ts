import type { PageVisit } from './runtime';

/** The weapp performance budgets (docs/performance.md): the suite fails above them. */
export interface Budgets {
  /** Largest single setData, in bytes of JSON. */
  setDataBytes: number;
  /** Nodes (elements and text) of a page's first meaningful render. */
  firstRenderNodes: number;
  /** Depth of that tree. */
  firstRenderDepth: number;
  /** Requests started between a page's load and its first meaningful render. */
  requestsBeforeRender: number;
}

export const BUDGETS: Budgets = {
  setDataBytes: 64 * 1024,
  firstRenderNodes: 1000,
  firstRenderDepth: 30,
  requestsBeforeRender: 2,
};

export interface PageFigures {
  route: string;
  visits: number;
  /** Largest single setData seen on the page, bytes. */
  maxSetDataBytes: number;
  setDataCalls: number;
  /** Of the first visit that reached a meaningful render. */
  firstRenderNodes: number | null;
  firstRenderDepth: number | null;
  firstRenderMs: number | null;
  requestsBeforeRender: string[] | null;
}

/** Budget violations of these visits, as readable lines (empty when within budget). */
export function budgetViolations(visits: PageVisit[], budgets: Budgets = BUDGETS): string[] {
  const out: string[] = [];
  for (const v of visits) {
    const biggest = Math.max(0, ...v.setData.map((s) => s.bytes));
    if (biggest > budgets.setDataBytes)
      out.push(`${v.route}: a setData of ${biggest} bytes (budget ${budgets.setDataBytes})`);
    const first = v.firstMeaningfulRender;
    if (!first) continue;
    if (first.nodes >= budgets.firstRenderNodes)
      out.push(`${v.route}: first render has ${first.nodes} nodes (budget < ${budgets.firstRenderNodes})`);
    if (first.depth >= budgets.firstRenderDepth)
      out.push(`${v.route}: first render is ${first.depth} deep (budget < ${budgets.firstRenderDepth})`);
    if (first.requests.length > budgets.requestsBeforeRender)
      out.push(
        `${v.route}: ${first.requests.length} requests before its first meaningful render ` +
          `(budget ${budgets.requestsBeforeRender}): ${first.requests.join(', ')}`,
      );
  }
  return out;
}

/** Per-page figures over many visits: the largest setData, and the first meaningful render. */
export function pageFigures(visits: PageVisit[]): PageFigures[] {
  const byRoute = new Map<string, PageVisit[]>();
  for (const v of visits) byRoute.set(v.route, [...(byRoute.get(v.route) ?? []), v]);
  return [...byRoute.entries()].map(([route, vs]) => {
    const first = vs.find((v) => v.firstMeaningfulRender)?.firstMeaningfulRender;
    return {
      route,
      visits: vs.length,
      maxSetDataBytes: Math.max(0, ...vs.flatMap((v) => v.setData.map((s) => s.bytes))),
      setDataCalls: vs.reduce((n, v) => n + v.setData.length, 0),
      firstRenderNodes: first?.nodes ?? null,
      firstRenderDepth: first?.depth ?? null,
      firstRenderMs: first?.at ?? null,
      requestsBeforeRender: first ? first.requests : null,
    };
  });
}
