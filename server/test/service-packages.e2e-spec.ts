import { randomUUID } from 'node:crypto';
import type {
  CaseDetail,
  CaseDetailStaff,
  CaseSummary,
  CaseSummaryStaff,
  Page,
  PolicyApplicationItem,
  ServicePackageDetail,
  ServicePackageItem,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { type CalendarYear, dueAfter, shanghaiDay, workingDaysBetween } from '@qsgj/shared/rules';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { indexFields } from '../src/modules/policies/search/index-fields';
import { createDepartment, makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 惠企服务 over HTTP: the admin writes packages (every change audited, bad input refused whole), the public catalogue
 * and detail (retired: 404 to all but staff), an application that becomes a `service` case in the provider
 * department's queue with the package's deadline on the working-day calendar, the same Idempotency-Key answering with
 * the same case, an ineligible enterprise told what it lacks; and 一键申报 from a matched policy with 我的申报.
 */
describe('service packages: 惠企服务 and 一键申报', () => {
  let t: TestApp;
  let admin: SignedIn;
  let providerDept: string;
  let homeDept: string;
  let providerButler: SignedIn & { entity: { id: string } };
  let homeButler: SignedIn & { entity: { id: string } };
  /** 高新技术企业 in 岳塘区, its butler in the home department. */
  let qualified: SignedIn;
  let qualifiedId: string;
  /** No qualification at all. */
  let unqualified: SignedIn;
  let packageId: string;

  const LIMIT_DAYS = 12;

  async function bindOwner(name: string, profile: { qualifications: string[]; butlerId: string | null }) {
    const who = await signInWechat(t);
    const creditCode = makeCreditCode();
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name, contactName: '刘经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
    const id = (await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode })).id;
    await t.ds.query(
      `UPDATE enterprises SET industry = '电气机械和器材制造业', scale = 'medium', district = '岳塘区',
         qualifications = $2, butler_id = $3 WHERE id = $1`,
      [id, profile.qualifications, profile.butlerId],
    );
    return { who, id };
  }

  const packageInput = (patch: Record<string, unknown> = {}) => ({
    name: `知识产权质押融资${randomUUID().slice(0, 6)}`,
    departmentId: providerDept,
    description: '协调银行以专利、商标质押为企业授信。\n评估费用由财政补贴。',
    qualifications: ['高新技术企业', '专精特新中小企业'],
    districts: ['全市'],
    materials: ['营业执照复印件', '专利证书'],
    timeLimitDays: LIMIT_DAYS,
    ...patch,
  });

  const createPackage = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/admin/service-packages').set(admin.auth).send(body);

  const apply = (
    who: SignedIn | null,
    id: string,
    body: Record<string, unknown> = {},
    key: string | null = randomUUID(),
  ) => {
    const req = t.http.post(`/api/v1/service-packages/${id}/applications`);
    if (who) req.set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  const auditRows = async (action: string, targetId: string) =>
    (await t.ds.query(
      `SELECT actor_id, target_type, target_id, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
      [action, targetId],
    )) as Array<{ actor_id: string; target_type: string; target_id: string; details: Record<string, unknown> }>;

  const countCases = async (where: string, params: unknown[]) =>
    ((await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE ${where}`, params)) as [{ n: number }])[0].n;

  async function calendar(): Promise<CalendarYear[]> {
    const rows = (await t.ds.query(`SELECT year, holidays, workdays FROM working_calendar`)) as Array<{
      year: number;
      holidays: string[];
      workdays: string[];
    }>;
    return rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    providerDept = (await createDepartment(t.ds, '湘潭市知识产权局')).id;
    homeDept = (await createDepartment(t.ds, '岳塘区营商办')).id;
    providerButler = await staffSession(t, Role.BUTLER, providerDept);
    homeButler = await staffSession(t, Role.BUTLER, homeDept);
    const q = await bindOwner('湘潭电机配件有限公司', {
      qualifications: ['高新技术企业'],
      butlerId: homeButler.entity.id,
    });
    qualified = q.who;
    qualifiedId = q.id;
    unqualified = (await bindOwner('湘潭小五金商行', { qualifications: [], butlerId: null })).who;
  }, 90_000);
  afterAll(() => t?.close());

  describe('the admin writes packages', () => {
    it('creates one (201, active by default), audited with the admin and the fields', async () => {
      const res = await createPackage(packageInput({ name: '知识产权质押融资' }));
      expect(res.status).toBe(201);
      const p = res.body as ServicePackageDetail;
      packageId = p.id;
      expect(p).toMatchObject({
        name: '知识产权质押融资',
        provider: { id: providerDept, name: '湘潭市知识产权局' },
        summary: '协调银行以专利、商标质押为企业授信。',
        timeLimitDays: LIMIT_DAYS,
        active: true,
        applications: 0,
        satisfactionRate: null,
        materials: ['营业执照复印件', '专利证书'],
        eligibility: {
          industries: [],
          scales: [],
          districts: ['全市'],
          qualifications: ['高新技术企业', '专精特新中小企业'],
        },
      });
      const audits = await auditRows('admin.service_package.created', packageId);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_id: admin.user.id, target_type: 'service_package' });
      expect(audits[0].details).toMatchObject({ fields: { name: '知识产权质押融资', timeLimitDays: LIMIT_DAYS } });
    });

    it('refuses bad input whole with Chinese messages: nothing stored, nothing audited', async () => {
      const before = ((await t.ds.query(`SELECT count(*)::int AS n FROM service_packages`)) as [{ n: number }])[0].n;
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [packageInput({ qualifications: ['不存在的资质'] }), 'qualifications', '不存在的资质'],
        [packageInput({ departmentId: randomUUID() }), 'departmentId', '服务提供部门不存在，请重新选择'],
        [packageInput({ name: '知识产权质押融资' }), 'name', '已有同名的服务，请换一个名称'],
        [packageInput({ timeLimitDays: 0 }), 'timeLimitDays', '办理时限至少 1 个工作日'],
        [packageInput({ timeLimitDays: 61 }), 'timeLimitDays', '办理时限最多 60 个工作日'],
        [packageInput({ materials: ['营业执照', '营业执照'] }), 'materials', '所需材料不能重复'],
        [packageInput({ scales: ['huge'] }), 'scales', '适用规模只能是微型、小型、中型或大型'],
        [packageInput({ name: '   ' }), 'name', '请输入服务名称'],
      ];
      for (const [body, field, message] of cases) {
        const res = await createPackage(body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        const details = res.body.details as Array<{ field: string; message: string }>;
        expect(details.find((d) => d.field === field)?.message).toContain(message);
      }
      const after = ((await t.ds.query(`SELECT count(*)::int AS n FROM service_packages`)) as [{ n: number }])[0].n;
      expect(after).toBe(before);
    });

    it('a PATCH that changes nothing writes no audit row; one that changes writes before and after', async () => {
      const same = await t.http
        .patch(`/api/v1/admin/service-packages/${packageId}`)
        .set(admin.auth)
        .send({ timeLimitDays: LIMIT_DAYS });
      expect(same.status).toBe(200);
      expect(await auditRows('admin.service_package.updated', packageId)).toHaveLength(0);
      const changed = await t.http
        .patch(`/api/v1/admin/service-packages/${packageId}`)
        .set(admin.auth)
        .send({ materials: ['营业执照复印件', '专利证书', '近一年财务报表'] });
      expect(changed.status).toBe(200);
      const [row] = await auditRows('admin.service_package.updated', packageId);
      expect(row.details).toEqual({
        changed: {
          materials: {
            before: ['营业执照复印件', '专利证书'],
            after: ['营业执照复印件', '专利证书', '近一年财务报表'],
          },
        },
      });
    });
  });

  describe('the catalogue', () => {
    it('lists active packages to a visitor, keyset paged, and filters by provider department', async () => {
      const other = await createDepartment(t.ds, '湘潭市人社局');
      for (const name of ['人才招聘', '稳岗服务']) {
        expect((await createPackage(packageInput({ name, departmentId: other.id }))).status).toBe(201);
      }
      const first = await t.http.get('/api/v1/service-packages?limit=2');
      expect(first.status).toBe(200);
      const p1 = first.body as Page<ServicePackageItem>;
      expect(p1.items).toHaveLength(2);
      expect(p1.nextCursor).not.toBeNull();
      const p2 = (await t.http.get(`/api/v1/service-packages?limit=2&cursor=${p1.nextCursor}`))
        .body as Page<ServicePackageItem>;
      const names = [...p1.items, ...p2.items].map((i) => i.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toEqual(expect.arrayContaining(['知识产权质押融资', '人才招聘', '稳岗服务']));

      const filtered = (await t.http.get(`/api/v1/service-packages?department=${other.id}`))
        .body as Page<ServicePackageItem>;
      expect(filtered.items.map((i) => i.name)).toEqual(['人才招聘', '稳岗服务']);
      expect((await t.http.get('/api/v1/service-packages?department=abc')).status).toBe(400);
    });

    it('tells a signed-in member what the enterprise meets and lacks; a visitor gets no match', async () => {
      const visitor = (await t.http.get(`/api/v1/service-packages/${packageId}`)).body as ServicePackageDetail;
      expect(visitor.match).toBeNull();
      const mine = (await t.http.get(`/api/v1/service-packages/${packageId}`).set(qualified.auth))
        .body as ServicePackageDetail;
      expect(mine.match).toEqual({ eligible: true, met: ['高新技术企业'], missing: [] });
      const theirs = (await t.http.get(`/api/v1/service-packages/${packageId}`).set(unqualified.auth))
        .body as ServicePackageDetail;
      expect(theirs.match).toEqual({ eligible: false, met: [], missing: ['高新技术企业或专精特新中小企业'] });
    });
  });

  describe('applying', () => {
    let caseId: string;
    const KEY = randomUUID();

    it('refuses without an Idempotency-Key (400), and an ineligible enterprise with what it lacks (422): no case', async () => {
      const noKey = await apply(qualified, packageId, {}, null);
      expect(noKey.status).toBe(400);
      expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');

      const refused = await apply(unqualified, packageId, { note: '我们也想申请' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'SERVICE_NOT_ELIGIBLE',
        message: '您的企业暂不符合申请条件，尚缺：高新技术企业或专精特新中小企业',
        details: { missing: ['高新技术企业或专精特新中小企业'], met: [] },
      });
      expect(await countCases('service_package_id = $1', [packageId])).toBe(0);
    });

    it('opens a service case in the provider department with the package’s deadline on the working-day calendar', async () => {
      const res = await apply(qualified, packageId, { note: '希望月底前完成评估' }, KEY);
      expect(res.status).toBe(201);
      const c = res.body as CaseDetail;
      caseId = c.id;
      expect(c).toMatchObject({
        type: 'service',
        source: 'miniapp',
        state: 'submitted',
        department: { id: providerDept, name: '湘潭市知识产权局' },
      });
      // Prefilled from 一企一档: the enterprise typed only its note.
      expect(c.content).toContain('申请惠企服务「知识产权质押融资」（湘潭市知识产权局）');
      expect(c.content).toContain('湘潭电机配件有限公司');
      expect(c.content).toContain('企业资质：高新技术企业');
      expect(c.content).toContain('补充说明：希望月底前完成评估');
      expect(c.application).toMatchObject({
        kind: 'package',
        id: packageId,
        title: '知识产权质押融资',
        met: ['高新技术企业'],
        materials: ['营业执照复印件', '专利证书', '近一年财务报表'],
        note: '希望月底前完成评估',
        profile: { name: '湘潭电机配件有限公司', scaleLabel: '中型企业', district: '岳塘区' },
      });

      const [row] = (await t.ds.query(
        `SELECT type, department_id, butler_id, service_package_id, resolve_limit_days, resolve_due_at, resolve_clock
           FROM cases WHERE id = $1`,
        [caseId],
      )) as Array<{
        type: string;
        department_id: string;
        butler_id: string | null;
        service_package_id: string;
        resolve_limit_days: number;
        resolve_due_at: Date;
        resolve_clock: { startedAt: string; limitDays: number };
      }>;
      expect(row).toMatchObject({
        type: 'service',
        department_id: providerDept,
        // The enterprise's butler works elsewhere: the provider department assigns its own.
        butler_id: null,
        service_package_id: packageId,
        resolve_limit_days: LIMIT_DAYS,
      });
      expect(row.resolve_clock.limitDays).toBe(LIMIT_DAYS);
      const started = new Date(row.resolve_clock.startedAt);
      const cal = await calendar();
      expect(new Date(row.resolve_due_at).toISOString()).toBe(dueAfter(started, LIMIT_DAYS, cal).toISOString());
      expect(workingDaysBetween(shanghaiDay(started), shanghaiDay(new Date(row.resolve_due_at)), cal)).toBe(LIMIT_DAYS);
      expect(c.expectedBy).toBe(new Date(row.resolve_due_at).toISOString());
    });

    it('is in the provider department’s queue, not in the enterprise’s butler’s (another department)', async () => {
      const queue = (await t.http.get('/api/v1/cases?limit=100').set(providerButler.auth))
        .body as Page<CaseSummaryStaff>;
      expect(queue.items.map((i) => i.id)).toContain(caseId);
      const other = (await t.http.get('/api/v1/cases?limit=100').set(homeButler.auth)).body as Page<CaseSummaryStaff>;
      expect(other.items.map((i) => i.id)).not.toContain(caseId);

      const staffView = (await t.http.get(`/api/v1/cases/${caseId}`).set(providerButler.auth)).body as CaseDetailStaff;
      expect(staffView.application).toMatchObject({ kind: 'package', met: ['高新技术企业'] });
      expect(staffView.resolveDueAt).not.toBeNull();

      // The applicant follows it in 我的诉求.
      const mine = (await t.http.get('/api/v1/cases').set(qualified.auth)).body as Page<CaseSummary>;
      expect(mine.items.map((i) => i.id)).toContain(caseId);
    });

    it('a retry with the same key answers with the same case; the package has one application', async () => {
      const again = await apply(qualified, packageId, { note: '希望月底前完成评估' }, KEY);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((again.body as CaseDetail).id).toBe(caseId);
      expect(await countCases('service_package_id = $1', [packageId])).toBe(1);
    });

    it('goes to the enterprise’s butler when that butler works in the provider department', async () => {
      const { who } = await bindOwner('湘潭高新电子有限公司', {
        qualifications: ['专精特新中小企业'],
        butlerId: providerButler.entity.id,
      });
      const res = await apply(who, packageId);
      expect(res.status).toBe(201);
      const [row] = (await t.ds.query(`SELECT butler_id FROM cases WHERE id = $1`, [res.body.id])) as Array<{
        butler_id: string;
      }>;
      expect(row.butler_id).toBe(providerButler.entity.id);
    });

    it('counts applications and satisfaction as the ledger does (held by the check: not counted; voided: not rated)', async () => {
      const ids = (
        (await t.ds.query(`SELECT id FROM cases WHERE service_package_id = $1 ORDER BY created_at`, [
          packageId,
        ])) as Array<{ id: string }>
      ).map((r) => r.id);
      expect(ids).toHaveLength(2);
      // Two more applications written directly: one rated 3 (基本满意: satisfied), one still held by the check.
      const extra = async (state: string) => {
        const [{ id }] = (await t.ds.query(
          `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, resolve_limit_days,
             service_package_id, created_at, updated_at)
           VALUES ($1, 'service', 'miniapp', $2, '申请', $3, $4, 12, $5, now(), now()) RETURNING id`,
          [`QS20261001-${randomUUID().slice(0, 4)}`, state, qualifiedId, providerDept, packageId],
        )) as Array<{ id: string }>;
        return id;
      };
      const rated = await extra('closed');
      await extra('pending_check');
      const rate = (id: string, level: number, voided: boolean) =>
        t.ds.query(`INSERT INTO case_ratings (case_id, level, department_id, voided) VALUES ($1, $2, $3, $4)`, [
          id,
          level,
          providerDept,
          voided,
        ]);
      await rate(rated, 3, false);
      await rate(ids[0], 2, false);
      await rate(ids[1], 5, true);
      const p = (await t.http.get(`/api/v1/service-packages/${packageId}`)).body as ServicePackageDetail;
      // 3 applications (the held one is not); rated 2 (the voided one is not), satisfied 1 (level 3; level 2 is not).
      expect(p.applications).toBe(3);
      expect(p.satisfactionRate).toBe(0.5);
    });
  });

  describe('retiring', () => {
    it('takes a package out of sight (404) for all but staff, audited; PATCH active re-activates it', async () => {
      const res = await t.http.post(`/api/v1/admin/service-packages/${packageId}/retire`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect(await auditRows('admin.service_package.retired', packageId)).toHaveLength(1);
      // Retiring twice changes and records nothing.
      await t.http.post(`/api/v1/admin/service-packages/${packageId}/retire`).set(admin.auth);
      expect(await auditRows('admin.service_package.retired', packageId)).toHaveLength(1);

      for (const who of [null, qualified]) {
        const req = t.http.get(`/api/v1/service-packages/${packageId}`);
        if (who) req.set(who.auth);
        const r = await req;
        expect(r.status).toBe(404);
        expect(r.body.message).toBe(ERROR_MESSAGES.NOT_FOUND);
      }
      expect((await t.http.get(`/api/v1/service-packages/${packageId}`).set(providerButler.auth)).status).toBe(200);
      const list = (await t.http.get('/api/v1/service-packages?limit=50')).body as Page<ServicePackageItem>;
      expect(list.items.map((i) => i.id)).not.toContain(packageId);
      const applied = await apply(qualified, packageId);
      expect(applied.status).toBe(404);
      const adminList = (await t.http.get('/api/v1/admin/service-packages?status=retired').set(admin.auth))
        .body as Page<ServicePackageItem>;
      expect(adminList.items.map((i) => i.id)).toContain(packageId);

      const back = await t.http
        .patch(`/api/v1/admin/service-packages/${packageId}`)
        .set(admin.auth)
        .send({ active: true });
      expect(back.status).toBe(200);
      const [row] = (await auditRows('admin.service_package.updated', packageId)).slice(-1);
      expect(row.details).toEqual({ changed: { active: { before: false, after: true } } });
      expect((await t.http.get(`/api/v1/service-packages/${packageId}`)).status).toBe(200);
    });
  });

  describe('一键申报 from a matched policy', () => {
    async function policy(patch: { qualifications: string[]; validTo?: string }): Promise<string> {
      const p = {
        title: `湘潭市高新技术企业研发奖补${randomUUID().slice(0, 4)}`,
        docNumber: `潭科发〔2026〕${randomUUID().slice(0, 6)}`,
        summary: '研发投入奖补',
        body: '<p>正文</p>',
      };
      const index = indexFields({ ...p, interpretation: '' });
      const [{ id }] = (await t.ds.query(
        `INSERT INTO policies (title, doc_number, issuer, level, categories, qualifications, valid_to, summary, body,
           status, published_at, search_title, search_doc, search_vector)
         VALUES ($1, $2, '湘潭市科学技术局', 'city', '{科技创新}', $3, $4, $5, $6, 'published', now(), $7, $8, $9::tsvector)
         RETURNING id`,
        [
          p.title,
          p.docNumber,
          patch.qualifications,
          patch.validTo ?? null,
          p.summary,
          p.body,
          index.searchTitle,
          index.searchDoc,
          index.searchVector,
        ],
      )) as Array<{ id: string }>;
      return id;
    }
    const applyPolicy = (who: SignedIn, id: string, key = randomUUID()) =>
      t.http.post(`/api/v1/policies/${id}/applications`).set(who.auth).set('Idempotency-Key', key).send({});

    it('opens a service case for the policy in the enterprise’s butler’s department, idempotently', async () => {
      const id = await policy({ qualifications: ['高新技术企业'] });
      const key = randomUUID();
      const res = await applyPolicy(qualified, id, key);
      expect(res.status).toBe(201);
      const c = res.body as CaseDetail;
      expect(c).toMatchObject({ type: 'service', department: { id: homeDept } });
      expect(c.application).toMatchObject({ kind: 'policy', id, met: ['高新技术企业'], materials: [], note: null });
      expect(c.content).toContain('申请享受政策「');
      expect(c.content).toContain('统一社会信用代码');
      const [row] = (await t.ds.query(`SELECT policy_id, butler_id, service_package_id FROM cases WHERE id = $1`, [
        c.id,
      ])) as Array<{ policy_id: string; butler_id: string; service_package_id: string | null }>;
      expect(row).toEqual({ policy_id: id, butler_id: homeButler.entity.id, service_package_id: null });
      // The department handling it sees what the enterprise qualifies by.
      const staff = (await t.http.get(`/api/v1/cases/${c.id}`).set(homeButler.auth)).body as CaseDetailStaff;
      expect(staff.application?.met).toEqual(['高新技术企业']);

      const again = await applyPolicy(qualified, id, key);
      expect((again.body as CaseDetail).id).toBe(c.id);
      expect(await countCases('policy_id = $1', [id])).toBe(1);

      // 我的申报: mine (a consultation about a policy is not an application); not another enterprise's.
      await t.http
        .post('/api/v1/cases')
        .set(qualified.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ type: 'consult', content: '这个政策怎么申报？', policyId: id });
      const mine = (await t.http.get('/api/v1/me/policy-applications').set(qualified.auth))
        .body as Page<PolicyApplicationItem>;
      const entries = mine.items.filter((i) => i.policy.id === id);
      expect(entries).toHaveLength(1);
      expect(entries[0].case).toMatchObject({ id: c.id, number: c.number, state: 'submitted' });
      expect(entries[0].case.expectedBy).not.toBeNull();
      const theirs = (await t.http.get('/api/v1/me/policy-applications').set(unqualified.auth))
        .body as Page<PolicyApplicationItem>;
      expect(theirs.items).toEqual([]);
    });

    it('tells an enterprise that does not match what it lacks, and refuses a policy no longer in force', async () => {
      const id = await policy({ qualifications: ['高新技术企业'] });
      const res = await applyPolicy(unqualified, id);
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('您的企业暂不符合申请条件，尚缺：高新技术企业');
      const expired = await policy({ qualifications: [], validTo: '2020-12-31' });
      const late = await applyPolicy(qualified, expired);
      expect(late.status).toBe(422);
      expect(late.body.message).toBe('该政策不在有效期内，不能申报');
      expect(await countCases('policy_id = ANY($1::uuid[])', [[id, expired]])).toBe(0);
    });
  });
});
