import { randomBytes } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { MemberRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@qsgj/shared/rules';
import type { Actor } from '../../src/common/auth/actor';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AuditModule } from '../../src/modules/audit/audit.module';
import { EnterpriseBindingService } from '../../src/modules/enterprises/enterprise-binding.service';
import { EnterprisesModule } from '../../src/modules/enterprises/enterprises.module';
import { WechatClient } from '../../src/modules/wechat/wechat.client';
import { WechatModule } from '../../src/modules/wechat/wechat.module';
import { newEnterpriseUser } from './factories';
import { type MediumDatabase, mediumDatabase, mediumModule, onPostgres, SETUP_TIMEOUT_MS } from './medium';

/** A random 统一社会信用代码 with a correct check character: a new enterprise each time. */
function newCreditCode(): string {
  const body = `91430300${[...randomBytes(9)].map((b) => CREDIT_CODE_ALPHABET[b % 31]).join('')}`;
  return body + creditCodeCheckChar(body);
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

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, {
      imports: [EnterprisesModule, AuditModule, WechatModule, RedisModule],
      // No phone code is sent: WeChat is never asked.
      fake: [{ provide: WechatClient, useValue: {} }],
    });
    binding = module.get(EnterpriseBindingService);
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
});
