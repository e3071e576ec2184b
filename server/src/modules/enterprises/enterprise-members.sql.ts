import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * EnterpriseMembersRepository's hand-written statements. Printed with their plans in
 * server/test/sql/enterprise-members.repository.sql.
 */
export const ENTERPRISE_MEMBERS_SQL = reviewedSql({
  /**
   * $1 enterprise, $2 user, $3 'owner', $4 'approved', $5 contact name, $6 decided at. Inserts nothing
   * when the enterprise already has an approved owner: the partial unique index
   * `uq_enterprise_members_approved_owner` is the arbiter, so of two racing binders exactly one wins.
   */
  addOwnerIfNone: {
    text: `INSERT INTO "enterprise_members" ("enterprise_id", "user_id", "role", "status", "contact_name", "decided_at")
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT ("enterprise_id") WHERE role = 'owner' AND status = 'approved' DO NOTHING
RETURNING "id"`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID, 'owner', 'approved', '联系人', EXAMPLE.DATE],
  },
});
