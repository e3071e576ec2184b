/**
 * Bugs the weapp harness found in the app that are not fixed yet. Each is tolerated in the other
 * journeys (so they keep proving the rest) and has its own `knownIssueTest`, which asserts the right
 * behaviour and passes only while the bug is still there: once it is fixed, that test fails and
 * asks for the entry to be removed. Nothing else is tolerated. See docs/weapp-harness.md.
 */
export interface KnownIssue {
  id: string;
  summary: string;
  /** Harness problems (`[kind] message`) this issue causes. */
  problems?: RegExp;
  /** Budget violations (as budgetViolations() words them) this issue causes. */
  budget?: RegExp;
  /** What the issue's own test fails with while the bug is there. */
  symptom: RegExp;
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    id: 'weapp-empty-json-body',
    summary:
      'Bodyless writes (mark read, mark all read, sign out, delete account) leave WeChat with its default ' +
      '`content-type: application/json` and an empty body; the server answers 400 BAD_JSON. ' +
      'Fix: send `{}` for bodyless writes in services/http.ts, or let the server accept an empty JSON body.',
    // Only the four endpoints known today: a new bodyless write is not excused.
    problems:
      /^\[request\] (POST \/api\/v1\/notifications\/[\w-]+\/read|POST \/api\/v1\/notifications\/read-all|POST \/api\/v1\/auth\/logout|DELETE \/api\/v1\/me) has no body /,
    symptom: /read_at/,
  },
  {
    id: 'weapp-subscribe-after-request',
    summary:
      '「开启微信通知」 asks the server for the templates first and only then calls wx.requestSubscribeMessage, ' +
      'outside the tap: WeChat refuses ("can only be invoked by user TAP gesture"). ' +
      'Fix: load the templates when 消息 shows, and call requestSubscribeMessage synchronously in the tap.',
    problems: /^\[wx-fail\] wx\.requestSubscribeMessage failed: can only be invoked by user TAP gesture/,
    symptom: /开启失败，请稍后再试|TAP gesture/,
  },
  {
    id: 'me-requests-before-render',
    summary:
      '我的 (signed in) starts 3 requests before its first meaningful render on a cold start, 4 for an approved ' +
      'owner: GET /notifications/unread-count twice (App and page useDidShow), GET /me, and GET /me/butler as ' +
      'soon as /me answers. Budget: 2. Fix: share one in-flight refreshUnreadBadge(), and fetch the butler ' +
      'after 我的 has rendered (or embed it in GET /me).',
    budget: /^pages\/me\/index: [34] requests before its first meaningful render/,
    symptom: /requests before its first meaningful render/,
  },
];

export function knownIssue(id: string): KnownIssue {
  const issue = KNOWN_ISSUES.find((i) => i.id === id);
  if (!issue) throw new Error(`unknown known issue ${id}`);
  return issue;
}

/** The known issue behind a harness problem line or budget violation, if any. */
export function excusedBy(line: string, kind: 'problem' | 'budget'): KnownIssue | undefined {
  return KNOWN_ISSUES.find((i) => (kind === 'problem' ? i.problems : i.budget)?.test(line));
}
