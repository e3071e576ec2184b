import { randomBytes } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { MemberRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { completeCreditCode, CREDIT_CODE_ALPHABET } from '@qsgj/shared/rules';
import type { Actor } from '../../src/common/auth/actor';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AuditModule } from '../../src/modules/audit/audit.module';
import { Changes } from '../../src/modules/audit/changes';
import { EnterpriseBindingService } from '../../src/modules/enterprises/enterprise-binding.service';
import { EnterpriseMembersService } from '../../src/modules/enterprises/enterprise-members.service';
import { EnterprisesService } from '../../src/modules/enterprises/enterprises.service';
import { UsersService } from '../../src/modules/users/users.service';
import { EnterprisesModule } from '../../src/modules/enterprises/enterprises.module';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { WechatModule } from '../../src/modules/wechat/wechat.module';
import { newEnterpriseUser, newStaff } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

/** A random valid 统一社会信用代码: a new enterprise each time. */
function newCreditCode(): string {
  return completeCreditCode('91430300', [...randomBytes(8)].map((b) => CREDIT_CODE_ALPHABET[b % 31]).join(''));
}

const META = { ip: '127.0.0.1', requestId: 'medium' };

/**
 * Binding an enterprise by its credit code (EnterpriseBindingService, wired by EnterprisesModule):
 * the first binder of an enterprise without an approved owner owns it, everyone after waits for
 * approval, and the database — the partial unique index `uq_enterprise_members_approved_owner` —
 * keeps it at one approved owner however many bind at once.
 */
describe('enterprise binding: the owner rule (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let binding: EnterpriseBindingService;
  let enterprises: EnterprisesService;
  let decisions: EnterpriseMembersService;
  let changes: Changes;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      imports: [EnterprisesModule, AuditModule, WechatModule, RedisModule],
      // No phone code is sent: WeChat is never asked.
      fake: [{ provide: WechatClient, useValue: {} }],
    });
    binding = module.get(EnterpriseBindingService);
    enterprises = module.get(EnterprisesService);
    decisions = module.get(EnterpriseMembersService);
    changes = module.get(Changes);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  async function enterpriseUser(): Promise<Actor> {
    return { id: await newEnterpriseUser(ds), role: Role.ENTERPRISE, sessionId: 'medium', departmentId: null };
  }

  const bind = (actor: Actor, creditCode: string) =>
    binding.bind(actor, { creditCode, name: '湘潭绑定测试有限公司', contactName: '张三' }, META);

  async function membersOf(enterpriseId: string) {
    return (await ds.query(
      `SELECT user_id, role, status FROM enterprise_members WHERE enterprise_id = $1 ORDER BY created_at`,
      [enterpriseId],
    )) as Array<{ user_id: string; role: string; status: string }>;
  }

  it('the first binder owns the enterprise; the second asks to join, and the owner is told', async () => {
    const [first, second] = [await enterpriseUser(), await enterpriseUser()];
    const code = newCreditCode();
    const owned = await bind(first, code);
    expect(owned).toMatchObject({ role: MemberRole.OWNER, status: MembershipStatus.APPROVED });
    const asked = await bind(second, code);
    expect(asked).toEqual({
      enterpriseId: owned.enterpriseId,
      role: MemberRole.MEMBER,
      status: MembershipStatus.PENDING,
    });
    expect(await membersOf(owned.enterpriseId)).toEqual([
      { user_id: first.id, role: MemberRole.OWNER, status: MembershipStatus.APPROVED },
      { user_id: second.id, role: MemberRole.MEMBER, status: MembershipStatus.PENDING },
    ]);
    const told = (await ds.query(`SELECT kind FROM notifications WHERE user_id = $1`, [first.id])) as unknown[];
    expect(told).toEqual([{ kind: 'membership' }]);
    // Both bindings are audited in their transactions.
    const audited = (await ds.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [
      owned.enterpriseId,
    ])) as Array<{ action: string }>;
    expect(audited.map((a) => a.action)).toEqual(['enterprise.bound', 'enterprise.join_requested']);
  });

  it('the database itself refuses a second approved owner (uq_enterprise_members_approved_owner)', async () => {
    const [first, second] = [await enterpriseUser(), await enterpriseUser()];
    const code = newCreditCode();
    const { enterpriseId } = await bind(first, code);
    await bind(second, code);
    // Whatever a future code path does (approving a request as owner, a staff tool), the index says no.
    await expect(
      ds.query(
        `UPDATE enterprise_members SET role = 'owner', status = 'approved' WHERE enterprise_id = $1 AND user_id = $2`,
        [enterpriseId, second.id],
      ),
    ).rejects.toThrow(/uq_enterprise_members_approved_owner/);
  });

  /** Eight users bind the code at once: one owner, seven waiting, one enterprise. */
  async function race(code: string) {
    const users = await Promise.all(Array.from({ length: 8 }, () => enterpriseUser()));
    const outcomes = await Promise.all(users.map((u) => bind(u, code)));
    expect(new Set(outcomes.map((o) => o.enterpriseId)).size).toBe(1);
    expect(outcomes.filter((o) => o.role === MemberRole.OWNER)).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === MembershipStatus.PENDING)).toHaveLength(7);
    const members = await membersOf(outcomes[0].enterpriseId);
    expect(members).toHaveLength(8);
    const owners = members.filter((m) => m.role === MemberRole.OWNER && m.status === MembershipStatus.APPROVED);
    expect(owners.map((m) => m.user_id)).toEqual([users[outcomes.findIndex((o) => o.role === MemberRole.OWNER)].id]);
  }

  onPostgres('eight users bind a new credit code at once: one owner, seven waiting, one enterprise', async () => {
    await race(newCreditCode());
  });

  onPostgres(
    'eight users bind an existing enterprise without an owner at once: exactly one becomes owner (the index decides)',
    async () => {
      // Registered by staff, nobody bound yet: every binder gets past "create the enterprise" at once,
      // so nothing but the owner rule keeps them from all becoming owners.
      const code = newCreditCode();
      await ds.query(`INSERT INTO enterprises (credit_code, name) VALUES ($1, '湘潭无主企业有限公司')`, [code]);
      await race(code);
    },
  );
  /** The user leaves their enterprise as account deletion makes them: their lock, then the one way out (with succession). */
  const leave = (actor: Actor) =>
    changes.run({ actor, meta: META }, async (change) => {
      await module.get(UsersService).lockById(actor.id, change.manager); // as PrivacyService.deleteAccount does
      return enterprises.removeMembershipOf(actor.id, change, 'account_deleted');
    });

  /** Approves the user's pending request directly (as the owner's decision does), `ms` after the owner's binding. */
  async function approveAt(enterpriseId: string, userId: string, ms: number) {
    await ds.query(
      `UPDATE enterprise_members SET status = 'approved', decided_at = now() + ($3 || ' milliseconds')::interval
       WHERE enterprise_id = $1 AND user_id = $2`,
      [enterpriseId, userId, String(ms)],
    );
  }

  const approvedOwners = async (enterpriseId: string) =>
    (await membersOf(enterpriseId)).filter(
      (m) => m.role === MemberRole.OWNER && m.status === MembershipStatus.APPROVED,
    );

  it('when the owner leaves, the member approved longest owns the enterprise, audited and told in the same transaction', async () => {
    const [owner, later, earlier, waiting] = await Promise.all([1, 2, 3, 4].map(() => enterpriseUser()));
    const code = newCreditCode();
    const { enterpriseId } = await bind(owner, code);
    for (const u of [later, earlier, waiting]) await bind(u, code);
    await approveAt(enterpriseId, later.id, 2000);
    await approveAt(enterpriseId, earlier.id, 1000);
    await leave(owner);
    expect((await approvedOwners(enterpriseId)).map((m) => m.user_id)).toEqual([earlier.id]);
    expect(await membersOf(enterpriseId)).toEqual(
      expect.arrayContaining([
        { user_id: later.id, role: MemberRole.MEMBER, status: MembershipStatus.APPROVED },
        { user_id: waiting.id, role: MemberRole.MEMBER, status: MembershipStatus.PENDING },
      ]),
    );
    const [audit] = (await ds.query(`SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2`, [
      'enterprise.ownership_transferred',
      enterpriseId,
    ])) as Array<{ actor_id: string; details: unknown }>;
    expect(audit).toEqual({
      actor_id: owner.id,
      details: { from: owner.id, to: earlier.id, reason: 'account_deleted' },
    });
    expect(await ds.query(`SELECT title FROM notifications WHERE user_id = $1`, [earlier.id])).toEqual([
      { title: '您已成为「湘潭绑定测试有限公司」的企业管理员' },
    ]);
  });

  it('a succession that fails leaves everything as it was: the owner is not removed without a successor told', async () => {
    const [owner, member] = [await enterpriseUser(), await enterpriseUser()];
    const code = newCreditCode();
    const { enterpriseId } = await bind(owner, code);
    await bind(member, code);
    await approveAt(enterpriseId, member.id, 0);
    // The rest of the account deletion fails after the succession: the transaction rolls back, all of it.
    await expect(
      changes.run({ actor: owner, meta: META }, async (change) => {
        await enterprises.removeMembershipOf(owner.id, change, 'account_deleted');
        throw new Error('the rest of the deletion failed');
      }),
    ).rejects.toThrow('the rest of the deletion failed');
    expect((await approvedOwners(enterpriseId)).map((m) => m.user_id)).toEqual([owner.id]);
    expect(await ds.query(`SELECT id FROM notifications WHERE user_id = $1`, [member.id])).toEqual([]);
  });

  onPostgres('the owner and their successor leave at once: the next member owns it, never nobody', async () => {
    for (let round = 0; round < 5; round++) {
      const [owner, first, second] = await Promise.all([1, 2, 3].map(() => enterpriseUser()));
      const code = newCreditCode();
      const { enterpriseId } = await bind(owner, code);
      await bind(first, code);
      await bind(second, code);
      await approveAt(enterpriseId, first.id, 1000);
      await approveAt(enterpriseId, second.id, 2000);
      await Promise.all([leave(owner), leave(first)]);
      expect((await approvedOwners(enterpriseId)).map((m) => m.user_id)).toEqual([second.id]);
    }
  });

  onPostgres('strangers bind while the owner leaves: every stranger waits, the member owns it', async () => {
    const [owner, member] = [await enterpriseUser(), await enterpriseUser()];
    const code = newCreditCode();
    const { enterpriseId } = await bind(owner, code);
    await bind(member, code);
    await approveAt(enterpriseId, member.id, 0);
    const strangers = await Promise.all(Array.from({ length: 6 }, () => enterpriseUser()));
    const [, ...outcomes] = await Promise.all([leave(owner), ...strangers.map((u) => bind(u, code))]);
    expect(outcomes.every((o) => o && 'status' in o && o.status === MembershipStatus.PENDING)).toBe(true);
    expect((await approvedOwners(enterpriseId)).map((m) => m.user_id)).toEqual([member.id]);
  });

  onPostgres(
    'staff approve two first binders of an enterprise on record at once: one owner, one member, no error',
    async () => {
      const butler = await newStaff(ds);
      const staff: Actor = { id: butler, role: Role.BUTLER, sessionId: 'medium', departmentId: null };
      for (let round = 0; round < 5; round++) {
        const code = newCreditCode();
        const [{ id: enterpriseId }] = (await ds.query(
          `INSERT INTO enterprises (credit_code, name, on_record, contact_phone, butler_id)
           VALUES ($1, '湘潭在册企业有限公司', true, '13912345678', $2) RETURNING id`,
          [code, butler],
        )) as Array<{ id: string }>;
        const [a, b] = [await enterpriseUser(), await enterpriseUser()];
        expect((await bind(a, code)).status).toBe(MembershipStatus.PENDING);
        expect((await bind(b, code)).status).toBe(MembershipStatus.PENDING);
        const decided = await Promise.all([
          decisions.decideAsStaff(staff, enterpriseId, a.id, true, META),
          decisions.decideAsStaff(staff, enterpriseId, b.id, true, META),
        ]);
        expect(decided.map((d) => d.role).sort()).toEqual([MemberRole.MEMBER, MemberRole.OWNER]);
        expect(await approvedOwners(enterpriseId)).toHaveLength(1);
      }
    },
  );
});
