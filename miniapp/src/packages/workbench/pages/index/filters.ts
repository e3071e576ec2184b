import type { CaseCountsResponse } from '@qsgj/shared/contracts';
import type { CaseListFilters } from '@/services/cases.api';

export type QueueFilterKey =
  | 'open'
  | 'pendingCheck'
  | 'submitted'
  | 'mine'
  | 'unassigned'
  | 'dueSoon'
  | 'overdue'
  | 'awaitingEnterprise'
  | 'longTerm'
  | 'resolved';

export interface QueueFilter {
  key: QueueFilterKey & keyof CaseCountsResponse;
  label: string;
  /** The list's query (`GET /cases`); its count is `GET /cases/counts`'s field of the same key. */
  query: CaseListFilters;
}

/**
 * The queue's chips, in order. 待审核 (cases the content check holds) exists only for those who see them: the
 * coordinating centre and admins (`pendingCheck` is 0 for everyone else).
 *
 * 全部待办, 我的 and 未指派 are of open cases (`stage: 'open'`: not closed, not rejected), as their counts are.
 */
export const QUEUE_FILTERS: readonly QueueFilter[] = [
  { key: 'open', label: '全部待办', query: { stage: 'open' } },
  { key: 'pendingCheck', label: '待审核', query: { state: 'pending_check' } },
  { key: 'submitted', label: '待受理', query: { state: 'submitted' } },
  { key: 'mine', label: '我的', query: { mine: true, stage: 'open' } },
  { key: 'unassigned', label: '未指派', query: { unassigned: true, stage: 'open' } },
  { key: 'dueSoon', label: '即将超期', query: { dueSoon: true } },
  { key: 'overdue', label: '已超期', query: { overdue: true } },
  { key: 'awaitingEnterprise', label: '待补充', query: { state: 'awaiting_enterprise' } },
  { key: 'longTerm', label: '长期推进', query: { state: 'long_term' } },
  { key: 'resolved', label: '已办结', query: { state: 'resolved' } },
];
