import type {
  CaseDetail,
  CaseDetailStaff,
  CaseImageItem,
  CaseMessageItem,
  CaseNoteItem,
  CaseSummary,
  CaseSummaryStaff,
  CaseTimelineEntry,
} from '@qsgj/shared/contracts';
import type { CaseAction } from '@qsgj/shared/enums';
import { readClock, type WorkingCalendar } from '@qsgj/shared/rules';
import type { CaseEventWithActor } from './case-events.repository';
import type { CaseMessageWithAuthor } from './case-messages.repository';
import type { CaseNoteWithAuthor } from './case-notes.repository';
import { fromStoredClock } from './case-record';
import type { CaseWithNames } from './cases.repository';

/** How an anonymous complaint's enterprise is shown to the department concerned. */
export const ANONYMOUS_ENTERPRISE = '匿名企业';
const EXCERPT_CHARS = 60;

/** What the mappers need to know besides the rows: the calendar and the moment, and who looks. */
export interface MapContext {
  calendar: WorkingCalendar;
  now: Date;
  /** The enterprise is hidden from this viewer (anonymous complaint, department concerned). */
  hideEnterprise: boolean;
}

function excerpt(content: string): string {
  const chars = [...content];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : content;
}

function clocks(c: CaseWithNames, ctx: MapContext) {
  const accept = fromStoredClock(c.acceptClock);
  const resolve = fromStoredClock(c.resolveClock);
  return {
    accept: accept && readClock(accept, ctx.calendar, ctx.now),
    resolve: resolve && readClock(resolve, ctx.calendar, ctx.now),
  };
}

/** A case in 我的诉求: what its enterprise sees. */
export function toCaseSummary(c: CaseWithNames, ctx: MapContext): CaseSummary {
  const { resolve } = clocks(c, ctx);
  const open = resolve && (resolve.running || resolve.paused);
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    source: c.source,
    state: c.state,
    category: c.category,
    excerpt: excerpt(c.content),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    expectedBy: open ? resolve.dueAt.toISOString() : null,
    paused: resolve?.paused ?? false,
    department: c.department ? { id: c.department.id, name: c.department.name } : null,
    awaitingRating: c.state === 'resolved',
  };
}

/** A case in the staff queue. */
export function toCaseSummaryStaff(c: CaseWithNames, ctx: MapContext): CaseSummaryStaff {
  const { accept, resolve } = clocks(c, ctx);
  const live = <T extends { running: boolean; paused: boolean }>(r: T | null) =>
    r && (r.running || r.paused) ? r : null;
  const liveAccept = live(accept);
  const liveResolve = live(resolve);
  return {
    ...toCaseSummary(c, ctx),
    enterprise: ctx.hideEnterprise
      ? { id: null, name: ANONYMOUS_ENTERPRISE }
      : { id: c.enterprise.id, name: c.enterprise.name },
    anonymous: c.anonymous,
    butler: c.butler ? { id: c.butler.id, name: c.butler.name ?? '' } : null,
    acceptDueAt: liveAccept ? liveAccept.dueAt.toISOString() : null,
    resolveDueAt: liveResolve ? liveResolve.dueAt.toISOString() : null,
    overdue: Boolean((liveAccept && liveAccept.overdue) || (liveResolve && liveResolve.overdue)),
    dueSoon: Boolean(liveResolve?.dueSoon),
    estimatedDeadline: [liveAccept, liveResolve].some((r) => r && r.estimatedYears.length > 0),
  };
}

function toTimelineEntry(e: CaseEventWithActor, departments: Map<string, string>): CaseTimelineEntry {
  const p = e.payload ?? {};
  const departmentId = e.action === 'transfer' ? (p.departmentId ?? null) : null;
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    action: e.action,
    // Staff are named; the enterprise and the system are not.
    actor: { kind: e.actorKind, name: e.actorKind === 'enterprise' || !e.actor ? null : e.actor.name },
    from: e.fromState,
    to: e.toState,
    reason: p.reason ?? null,
    result: p.result ?? null,
    plan: p.plan ?? null,
    nextReviewOn: p.nextReviewOn ?? null,
    extensionDays: p.extensionDays ?? null,
    toType: p.toType ?? null,
    department: departmentId ? { id: departmentId, name: departments.get(departmentId) ?? '' } : null,
  };
}

function toMessageItem(m: CaseMessageWithAuthor, images: Map<string, CaseImageItem[]>): CaseMessageItem {
  return {
    id: m.id,
    at: m.createdAt.toISOString(),
    author: { kind: m.authorKind, name: m.authorKind === 'staff' ? (m.author?.name ?? null) : null },
    content: m.content,
    images: images.get(m.id) ?? [],
  };
}

export interface CaseParts {
  images: CaseImageItem[];
  events: CaseEventWithActor[];
  messages: CaseMessageWithAuthor[];
  /** Each message's images, by message id. */
  messageImages: Map<string, CaseImageItem[]>;
  /** Names of the departments the timeline mentions (transfers). */
  departments: Map<string, string>;
  allowedActions: CaseAction[];
  /** The rating and the follow-up of a bad one, where they exist (case-rating.mapper.ts `ratingParts`). */
  rating?: CaseDetail['rating'];
  followUp?: CaseDetail['followUp'];
}

/** One case as its enterprise sees it: never an internal note, never a clock's inner workings. */
export function toCaseDetail(c: CaseWithNames, parts: CaseParts, ctx: MapContext): CaseDetail {
  return {
    ...toCaseSummary(c, ctx),
    content: c.content,
    images: parts.images,
    anonymous: c.anonymous,
    messages: parts.messages.map((msg) => toMessageItem(msg, parts.messageImages)),
    timeline: parts.events.map((e) => toTimelineEntry(e, parts.departments)),
    extensions: parts.events
      .filter((e) => e.action === 'extend')
      .map((e) => ({ at: e.at.toISOString(), days: e.payload.extensionDays ?? 0, reason: e.payload.reason ?? '' })),
    nextReviewOn: c.nextReviewOn,
    rating: parts.rating ?? null,
    followUp: parts.followUp ?? null,
    allowedActions: parts.allowedActions,
    application: c.application ?? null,
  };
}

function toNoteItem(n: CaseNoteWithAuthor): CaseNoteItem {
  return {
    id: n.id,
    at: n.createdAt.toISOString(),
    author: { id: n.authorId ?? '', name: n.author?.name ?? '' },
    content: n.content,
  };
}

/** One case as staff see it: the enterprise's view plus internal notes, clocks and (unless hidden) the contact. */
export function toCaseDetailStaff(
  c: CaseWithNames,
  parts: CaseParts & {
    notes: CaseNoteWithAuthor[];
    contact: { name: string | null; phone: string | null } | null;
    appeal: CaseDetailStaff['appeal'];
  },
  ctx: MapContext,
): CaseDetailStaff {
  const { resolve } = clocks(c, ctx);
  return {
    ...toCaseDetail(c, parts, ctx),
    ...toCaseSummaryStaff(c, ctx),
    notes: parts.notes.map(toNoteItem),
    contact: ctx.hideEnterprise ? null : parts.contact,
    resolveWarnAt: resolve && (resolve.running || resolve.paused) ? resolve.warnAt.toISOString() : null,
    appeal: parts.appeal,
  };
}
