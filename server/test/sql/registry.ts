import type { DataSource } from 'typeorm';
import { EXAMPLE, type ReviewedStatements } from '../../src/database/reviewed.sql';
import { IDEMPOTENCY_SQL } from '../../src/common/idempotency/idempotency.sql';
import { SessionsRepository } from '../../src/modules/auth/sessions.repository';
import { EnterpriseMembersRepository } from '../../src/modules/enterprises/enterprise-members.repository';
import { CASE_SWEEP_SQL } from '../../src/modules/cases/case-sweep.sql';
import { CASES_SQL } from '../../src/modules/cases/cases.sql';
import { CasesRepository } from '../../src/modules/cases/cases.repository';
import { STATS_SQL } from '../../src/modules/stats/stats.sql';
import { ENTERPRISE_MEMBERS_SQL } from '../../src/modules/enterprises/enterprise-members.sql';
import { NotificationsRepository } from '../../src/modules/notifications/notifications.repository';
import { NOTIFICATIONS_SQL } from '../../src/modules/notifications/notifications.sql';
import { OUTBOX_SQL } from '../../src/modules/notifications/outbox.sql';
import { DICTIONARIES_SQL } from '../../src/modules/dictionaries/dictionaries.sql';
import { BUTLERS_SQL } from '../../src/modules/butlers/butlers.sql';
import { BUTLER_ASSIGNMENTS_SQL } from '../../src/modules/butler-admin/butler-assignments.sql';
import { SERVICE_PACKAGES_SQL } from '../../src/modules/service-packages/service-packages.sql';
import { POLICY_PUSH_SQL } from '../../src/modules/policies/push/policy-push.sql';
import { EVENTS_SQL } from '../../src/modules/events/events.sql';

/**
 * The reviewed SQL, by repository: each entry becomes `server/test/sql/<name>.sql`. A repository
 * with hand-written statements adds ONE line here (its `<repository>.sql.ts` module); the test
 * fails while a `*.sql.ts` module is missing from this list.
 */
export const REVIEWED_SQL: Record<string, ReviewedStatements> = {
  'outbox.repository': OUTBOX_SQL,
  'notifications.repository': NOTIFICATIONS_SQL,
  'enterprise-members.repository': ENTERPRISE_MEMBERS_SQL,
  'idempotency.repository': IDEMPOTENCY_SQL,
  'cases.repository': CASES_SQL,
  'case-sweep.repository': CASE_SWEEP_SQL,
  'stats.repository': STATS_SQL,
  'dictionaries.repository': DICTIONARIES_SQL,
  'policy-push.repository': POLICY_PUSH_SQL,
  'butlers.repository': BUTLERS_SQL,
  'butler-assignments.repository': BUTLER_ASSIGNMENTS_SQL,
  'service-packages.repository': SERVICE_PACKAGES_SQL,
  'events.repository': EVENTS_SQL,
};

/** Staff 5003 (a butler of department 3 in the seed) and the queue's fixed moment. */
const STAFF = '00000000-0000-4000-8000-000000005003';
const BUTLER_SCOPE = { kind: 'butler', departmentId: '50000000-0000-4000-8000-000000000003', userId: STAFF } as const;
const QUEUE_NOW = new Date('2026-11-30T04:00:00.000Z');
/** The seed's 5,000th newest case. */
const DEEP_CASE = '60000000-0000-4000-8000-000000005000';

/**
 * Hot queries TypeORM builds (no hand-written text to list): the method is called on the seeded
 * database and the SQL it sends is printed with its plan, under `<name>.sql` next to the reviewed
 * ones. Reads only — the seed must stay as it is.
 */
export const CAPTURED_SQL: Record<string, Record<string, (ds: DataSource) => Promise<unknown>>> = {
  'notifications.repository.typeorm': {
    listForUser: (ds) => new NotificationsRepository(ds).listForUser(EXAMPLE.UUID, undefined, 20),
    // The second page: after notification 10001 (user 1's); the keyset reads the anchor's keys from its row.
    listForUserAfterCursor: (ds) =>
      new NotificationsRepository(ds).listForUser(
        EXAMPLE.UUID,
        { k: 'read from the row', id: '10000000-0000-4000-8000-000000010001' },
        20,
      ),
    countUnread: (ds) => new NotificationsRepository(ds).countUnread(EXAMPLE.UUID),
  },
  'enterprise-members.repository.typeorm': {
    // GET /me and every enterprise route: the caller's membership with its enterprise.
    findMembershipOfUser: (ds) => new EnterpriseMembersRepository(ds).findMembershipOfUser(EXAMPLE.UUID),
  },
  'cases.repository.typeorm': {
    // The staff queue (GET /cases) of the centre (every case), a butler (department 3, staff 5003) and their 我的,
    // the first page and the page after the seed's 5,000th newest case; and the counts per filter (GET /cases/counts).
    listCentre: (ds) => new CasesRepository(ds).list({ kind: 'all' }, {}, STAFF, QUEUE_NOW, undefined, 20),
    listCentreAfterCursor: (ds) =>
      new CasesRepository(ds).list(
        { kind: 'all' },
        {},
        STAFF,
        QUEUE_NOW,
        { k: 'read from the row', id: DEEP_CASE },
        20,
      ),
    listButler: (ds) => new CasesRepository(ds).list(BUTLER_SCOPE, {}, STAFF, QUEUE_NOW, undefined, 20),
    listButlerMine: (ds) => new CasesRepository(ds).list(BUTLER_SCOPE, { mine: true }, STAFF, QUEUE_NOW, undefined, 20),
    countsCentre: (ds) => new CasesRepository(ds).counts({ kind: 'all' }, STAFF, QUEUE_NOW),
    countsButler: (ds) => new CasesRepository(ds).counts(BUTLER_SCOPE, STAFF, QUEUE_NOW),
  },
  'sessions.repository.typeorm': {
    // Every signed-in request: the auth guard's session lookup.
    findWithUser: (ds) => new SessionsRepository(ds).findWithUser('30000000-0000-4000-8000-000000000001'),
  },
};
