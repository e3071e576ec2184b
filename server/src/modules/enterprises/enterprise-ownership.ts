/**
 * Who may own an enterprise (ADR 007). A credit code is public, so knowing it proves nothing: the first
 * binder owns only an enterprise nobody else is bound to and the city knows nothing about.
 */

/** Why a binder became the owner, or why their binding waits for approval. Recorded in the audit row. */
export const ClaimReason = {
  /** Nobody is bound to the enterprise and the city holds no record of it: the first binder owns it. */
  FIRST_BINDER: 'first_binder',
  /** The enterprise is on record and the binder's WeChat-verified phone is its contact phone on record. */
  PHONE_MATCHES_RECORD: 'phone_matches_record',
  /** Someone is bound already (approved, pending or rejected): the owner or staff decide. */
  HAS_MEMBERS: 'has_members',
  /** On record, and no verified phone matching the record: the assigned butler (or staff) confirms. */
  AWAITS_BUTLER: 'awaits_butler',
} as const;
export type ClaimReason = (typeof ClaimReason)[keyof typeof ClaimReason];

export interface ClaimedEnterprise {
  /** The city put it on record (demo data, an import, an admin). */
  onRecord: boolean;
  /** A butler serves it: the city knows it, whoever created the row. */
  butlerId: string | null;
  contactPhone: string | null;
}

/** `+86 138-1234-5678` → `13812345678`: digits only, without the country code. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** True when both are set and are the same number. */
export function samePhone(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const na = normalizePhone(a);
  return na.length > 0 && na === normalizePhone(b);
}

/**
 * Does this binding make the binder the owner, or does it wait for approval?
 * - any membership row (approved, pending or rejected) → wait: the owner or staff decide. Rejected rows
 *   count too: a new owner would read their names and phones in the member list;
 * - the enterprise is on record (or has a butler) → owner only with a WeChat-verified phone equal to the
 *   contact phone on record, otherwise wait for the butler;
 * - otherwise (a code nobody holds) → owner.
 */
export function claimOwnership(
  enterprise: ClaimedEnterprise,
  hasMembers: boolean,
  verifiedPhone: string | null,
): { owner: boolean; reason: ClaimReason } {
  if (hasMembers) return { owner: false, reason: ClaimReason.HAS_MEMBERS };
  if (enterprise.onRecord || enterprise.butlerId !== null) {
    return samePhone(verifiedPhone, enterprise.contactPhone)
      ? { owner: true, reason: ClaimReason.PHONE_MATCHES_RECORD }
      : { owner: false, reason: ClaimReason.AWAITS_BUTLER };
  }
  return { owner: true, reason: ClaimReason.FIRST_BINDER };
}
