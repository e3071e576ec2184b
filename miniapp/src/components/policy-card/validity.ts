import type { PolicyListItem } from '@qsgj/shared/contracts';
import { PolicyStatus } from '@qsgj/shared/enums';

/** 「有效期：2026-01-01 至 2027-12-31」, 「有效期：2026-01-01 起长期有效」, 「长期有效」. */
export function validityText(p: Pick<PolicyListItem, 'validFrom' | 'validTo'>): string {
  if (p.validFrom && p.validTo) return `有效期：${p.validFrom} 至 ${p.validTo}`;
  if (p.validTo) return `有效期至 ${p.validTo}`;
  if (p.validFrom) return `有效期：${p.validFrom} 起长期有效`;
  return '长期有效';
}

/** Whether the policy is past its validity (the server says so in `status`). */
export function isExpired(p: Pick<PolicyListItem, 'status'>): boolean {
  return p.status === PolicyStatus.EXPIRED;
}
