import { randomBytes } from 'node:crypto';
import type { DictionaryEntry, DictionaryResponse } from '@qsgj/shared/contracts';
import { AuditAction, type DictionaryKind, Role } from '@qsgj/shared/enums';
import type { ErrorBody } from '@qsgj/shared/errors';
import { WHOLE_CITY } from '@qsgj/shared/rules';
import { DEFAULT_DICTIONARIES } from '../src/modules/dictionaries/defaults';
import { DictionariesService } from '../src/modules/dictionaries/dictionaries.service';
import { createDepartment, makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const CJK = /[\u4e00-\u9fff]/;
const tag = () => randomBytes(3).toString('hex');

describe('dictionaries', () => {
  let t: TestApp;
  let admin: SignedIn & { entity: { id: string } };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
  }, 60_000);
  afterAll(() => t?.close());

  const publicList = async (kind: string) => t.http.get(`/api/v1/dictionaries/${kind}`);
  const values = async (kind: DictionaryKind) =>
    ((await publicList(kind)).body as DictionaryResponse).items.map((i) => i.value);
  const create = (kind: string, body: Record<string, unknown>, who: SignedIn = admin) =>
    t.http.post(`/api/v1/admin/dictionaries/${kind}`).set(who.auth).send(body);
  const patch = (kind: string, id: number, body: Record<string, unknown>, who: SignedIn = admin) =>
    t.http.patch(`/api/v1/admin/dictionaries/${kind}/${id}`).set(who.auth).send(body);
  const entryOf = async (kind: DictionaryKind, value: string) => {
    const rows = (await t.ds.query(`SELECT id, sort, active FROM dictionary_entries WHERE kind = $1 AND value = $2`, [
      kind,
      value,
    ])) as Array<{ id: number; sort: number; active: boolean }>;
    return rows[0];
  };
  const auditRows = async (action: string, targetId: string) =>
    (await t.ds.query(`SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`, [
      action,
      targetId,
    ])) as Array<{ actor_id: string; details: Record<string, unknown> }>;

  describe('seeding at start', () => {
    it('fills every empty dictionary with the demo city’s values, in their order', async () => {
      for (const [kind, defaults] of Object.entries(DEFAULT_DICTIONARIES) as Array<[DictionaryKind, string[]]>) {
        expect(await values(kind)).toEqual(defaults);
      }
    });

    it('is idempotent and leaves a dictionary that has entries alone (a city’s own values are not re-seeded)', async () => {
      await t.ds.query(`DELETE FROM dictionary_entries WHERE kind = 'qualifications' AND value = '个体工商户'`);
      const service = t.app.get(DictionariesService);
      await Promise.all([service.seedDefaults(), service.seedDefaults()]);
      const [{ n }] = (await t.ds.query(
        `SELECT count(*)::int AS n FROM dictionary_entries WHERE kind = 'industries'`,
      )) as Array<{ n: number }>;
      expect(n).toBe(DEFAULT_DICTIONARIES.industries.length);
      expect(await entryOf('qualifications', '个体工商户')).toBeUndefined();
      await t.ds.query(
        `INSERT INTO dictionary_entries (kind, value, sort) VALUES ('qualifications', '个体工商户', 60)`,
      );
    });
  });

  describe('GET /dictionaries/:kind (public)', () => {
    it('answers without sign-in, active entries only, by sort', async () => {
      const k = tag();
      // Through the API, as an admin would (a direct INSERT would wait out the per-process cache).
      for (const [value, sort] of [
        [`乙${k}`, 3],
        [`甲${k}`, 2],
        [`丙${k}`, 1],
        [`停${k}`, 0],
      ] as const) {
        expect((await create('categories', { value, sort })).status).toBe(201);
      }
      const stopped = (
        (await t.http.get('/api/v1/admin/dictionaries/categories').set(admin.auth)).body as DictionaryResponse
      ).items.find((i) => i.value === `停${k}`)!;
      expect((await patch('categories', stopped.id, { active: false })).status).toBe(200);
      const res = await publicList('categories');
      expect(res.status).toBe(200);
      const body = res.body as DictionaryResponse;
      expect(body.kind).toBe('categories');
      expect(body.items.filter((i) => i.value.endsWith(k)).map((i) => i.value)).toEqual([`丙${k}`, `甲${k}`, `乙${k}`]);
      expect(body.items.every((i) => i.active)).toBe(true);
      expect(body.items.map((i) => i.value)).not.toContain(`停${k}`);
      const sorts = body.items.map((i) => i.sort);
      expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
    });

    it('breaks ties of sort by value', async () => {
      const k = tag();
      expect((await create('industries', { value: `b${k}`, sort: 7777 })).status).toBe(201);
      expect((await create('industries', { value: `a${k}`, sort: 7777 })).status).toBe(201);
      const ours = (await values('industries')).filter((v) => v.endsWith(k));
      expect(ours).toEqual([`a${k}`, `b${k}`]);
    });

    it('refuses an unknown kind with 404 and a Chinese message', async () => {
      for (const kind of ['cities', 'CATEGORIES', '%E8%A1%8C%E4%B8%9A', 'x'.repeat(300)]) {
        const res = await publicList(kind);
        expect(res.status).toBe(404);
        expect((res.body as ErrorBody).message).toMatch(CJK);
      }
    });
  });

  describe('admin', () => {
    it('lists every entry, inactive ones too', async () => {
      const v = `停用${tag()}`;
      await t.ds.query(
        `INSERT INTO dictionary_entries (kind, value, sort, active) VALUES ('districts', $1, 1, false)`,
        [v],
      );
      const res = await t.http.get('/api/v1/admin/dictionaries/districts').set(admin.auth);
      expect(res.status).toBe(200);
      const item = (res.body as DictionaryResponse).items.find((i) => i.value === v);
      expect(item).toMatchObject({ kind: 'districts', value: v, active: false });
    });

    it('creates an entry (after the last one unless sorted), shown at once to the public, audited', async () => {
      const v = `新资质${tag()}`;
      const res = await create('qualifications', { value: `  ${v} ` });
      expect(res.status).toBe(201);
      const entry = res.body as DictionaryEntry;
      expect(entry).toMatchObject({ kind: 'qualifications', value: v, active: true });
      const [{ max }] = (await t.ds.query(
        `SELECT max(sort) AS max FROM dictionary_entries WHERE kind = 'qualifications'`,
      )) as Array<{ max: number }>;
      expect(entry.sort).toBe(Number(max));
      expect(await values('qualifications')).toContain(v);
      const audit = await auditRows(AuditAction.DICTIONARY_ENTRY_CREATED, String(entry.id));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: admin.entity.id, details: { kind: 'qualifications', value: v } });
    });

    it('refuses a duplicate value with 409 in Chinese, and writes nothing', async () => {
      const before = (await t.ds.query(`SELECT count(*)::int AS n FROM dictionary_entries`)) as Array<{ n: number }>;
      const res = await create('industries', { value: '建筑业' });
      expect(res.status).toBe(409);
      expect((res.body as ErrorBody).message).toBe('行业字典中已有“建筑业”');
      const after = (await t.ds.query(`SELECT count(*)::int AS n FROM dictionary_entries`)) as Array<{ n: number }>;
      expect(after[0].n).toBe(before[0].n);
      // The same value in another dictionary is fine.
      expect((await create('categories', { value: `建筑业${tag()}` })).status).toBe(201);
    });

    it('refuses a district longer than an enterprise’s district column holds', async () => {
      const res = await create('districts', { value: '区'.repeat(31) });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).message).toMatch(CJK);
      expect((await create('districts', { value: `区${tag()}`.padEnd(30, '区') })).status).toBe(201);
    });

    it('refuses blank and wrongly typed bodies with 400', async () => {
      for (const body of [{}, { value: '   ' }, { value: 12 }, { value: 'x'.repeat(51) }, { value: 'ok', sort: -1 }]) {
        const res = await create('categories', body);
        expect(res.status).toBe(400);
        expect((res.body as ErrorBody).message).toMatch(CJK);
      }
      const bad = await patch('categories', 1, { active: 'no' });
      expect(bad.status).toBe(400);
      for (const id of ['0', '-1', 'abc', '99999999999']) {
        const res = await t.http.patch(`/api/v1/admin/dictionaries/categories/${id}`).set(admin.auth).send({});
        expect(res.status).toBe(400);
      }
    });

    it('answers 404 for an entry of another kind or none', async () => {
      const district = await entryOf('districts', '雨湖区');
      expect((await patch('industries', district.id, { sort: 3 })).status).toBe(404);
      expect((await patch('districts', 2_000_000_000, { sort: 3 })).status).toBe(404);
    });

    it('renames a value everywhere it is stored, in one go, and audits the rename with what it rewrote', async () => {
      const k = tag();
      const [oldCategory, newCategory] = [`旧类别${k}`, `新类别${k}`];
      const [oldIndustry, newIndustry] = [`旧行业${k}`, `新行业${k}`];
      const [oldDistrict, newDistrict] = [`旧区${k}`, `新区${k}`];
      const [oldQual, newQual] = [`旧资质${k}`, `新资质${k}`];
      const ids: Record<string, number> = {};
      for (const [kind, value] of [
        ['categories', oldCategory],
        ['industries', oldIndustry],
        ['districts', oldDistrict],
        ['qualifications', oldQual],
      ] as Array<[DictionaryKind, string]>) {
        ids[kind] = ((await create(kind, { value })).body as DictionaryEntry).id;
      }
      const [{ id: policyId }] = (await t.ds.query(
        `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, districts, qualifications)
         VALUES ('改名测试政策', $1, '湘潭市人民政府', 'city', $2, $3, $4, $5) RETURNING id`,
        [
          `潭改〔2026〕${k}号`,
          ['人才', oldCategory],
          [oldIndustry, '建筑业'],
          [oldDistrict],
          ['高新技术企业', oldQual],
        ],
      )) as Array<{ id: string }>;
      const [{ id: enterpriseId }] = (await t.ds.query(
        `INSERT INTO enterprises (credit_code, name, industry, district, qualifications) VALUES ($1, '改名测试企业', $2, $3, $4) RETURNING id`,
        [makeCreditCode(), oldIndustry, oldDistrict, [oldQual]],
      )) as Array<{ id: string }>;
      const subscriber = await signInWechat(t);
      await t.ds.query(
        `INSERT INTO policy_subscriptions (user_id, categories, industries, districts) VALUES ($1, $2, $3, $4)`,
        [subscriber.user.id, [oldCategory], [oldIndustry, '金融业'], ['雨湖区', oldDistrict]],
      );
      const [{ id: faqId }] = (await t.ds.query(
        `INSERT INTO faq_entries (question, answer, categories) VALUES ('改名测试问题', '改名测试答案', $1) RETURNING id`,
        [[oldCategory, '人才']],
      )) as Array<{ id: string }>;
      const department = await createDepartment(t.ds, `改名测试部门${k}`);
      const [{ id: packageId }] = (await t.ds.query(
        `INSERT INTO service_packages (name, department_id, description, industries, districts, qualifications, time_limit_days)
         VALUES ($1, $2, '改名测试服务', $3, $4, $5, 5) RETURNING id`,
        [`改名测试服务包${k}`, department.id, ['建筑业', oldIndustry], [oldDistrict], [oldQual, '高新技术企业']],
      )) as Array<{ id: string }>;
      const [{ id: eventId }] = (await t.ds.query(
        `INSERT INTO events (kind, title, starts_at, ends_at, signup_deadline, capacity, audience_districts, audience_industries)
         VALUES ('lecture', '改名测试讲堂', now() + interval '2 days', now() + interval '3 days', now() + interval '1 day', 10, $1, $2)
         RETURNING id`,
        [['雨湖区', oldDistrict], [oldIndustry]],
      )) as Array<{ id: string }>;
      const [{ id: postId }] = (await t.ds.query(
        `INSERT INTO market_posts (enterprise_id, kind, category, industry, district, title, description, expires_at)
         VALUES ($1, 'supply', '原材料', $2, $3, '改名测试供应', '改名测试描述', now() + interval '30 days') RETURNING id`,
        [enterpriseId, oldIndustry, oldDistrict],
      )) as Array<{ id: string }>;

      for (const [kind, value] of [
        ['categories', newCategory],
        ['industries', newIndustry],
        ['districts', newDistrict],
        ['qualifications', newQual],
      ] as Array<[DictionaryKind, string]>) {
        const res = await patch(kind, ids[kind], { value });
        expect(res.status).toBe(200);
        expect((res.body as DictionaryEntry).value).toBe(value);
      }

      const [policy] = (await t.ds.query(
        `SELECT categories, industries, districts, qualifications FROM policies WHERE id = $1`,
        [policyId],
      )) as Array<Record<string, string[]>>;
      expect(policy).toEqual({
        categories: ['人才', newCategory],
        industries: [newIndustry, '建筑业'],
        districts: [newDistrict],
        qualifications: ['高新技术企业', newQual],
      });
      const [enterprise] = (await t.ds.query(
        `SELECT industry, district, qualifications FROM enterprises WHERE id = $1`,
        [enterpriseId],
      )) as Array<Record<string, unknown>>;
      expect(enterprise).toEqual({ industry: newIndustry, district: newDistrict, qualifications: [newQual] });
      const [subscription] = (await t.ds.query(
        `SELECT categories, industries, districts FROM policy_subscriptions WHERE user_id = $1`,
        [subscriber.user.id],
      )) as Array<Record<string, string[]>>;
      expect(subscription).toEqual({
        categories: [newCategory],
        industries: [newIndustry, '金融业'],
        districts: ['雨湖区', newDistrict],
      });
      const [faq] = (await t.ds.query(`SELECT categories FROM faq_entries WHERE id = $1`, [faqId])) as Array<
        Record<string, string[]>
      >;
      expect(faq).toEqual({ categories: [newCategory, '人才'] });
      const [servicePackage] = (await t.ds.query(
        `SELECT industries, districts, qualifications FROM service_packages WHERE id = $1`,
        [packageId],
      )) as Array<Record<string, string[]>>;
      expect(servicePackage).toEqual({
        industries: ['建筑业', newIndustry],
        districts: [newDistrict],
        qualifications: [newQual, '高新技术企业'],
      });
      const [event] = (await t.ds.query(`SELECT audience_districts, audience_industries FROM events WHERE id = $1`, [
        eventId,
      ])) as Array<Record<string, string[]>>;
      expect(event).toEqual({ audience_districts: ['雨湖区', newDistrict], audience_industries: [newIndustry] });
      const [post] = (await t.ds.query(`SELECT industry, district FROM market_posts WHERE id = $1`, [postId])) as Array<
        Record<string, string>
      >;
      expect(post).toEqual({ industry: newIndustry, district: newDistrict });
      expect(await values('industries')).toContain(newIndustry);
      expect(await values('industries')).not.toContain(oldIndustry);

      const none = {
        policies: 0,
        enterprises: 0,
        subscriptions: 0,
        faq: 0,
        servicePackages: 0,
        events: 0,
        marketPosts: 0,
      };
      for (const [kind, before, after, rewritten] of [
        ['categories', oldCategory, newCategory, { ...none, policies: 1, subscriptions: 1, faq: 1 }],
        [
          'industries',
          oldIndustry,
          newIndustry,
          { ...none, policies: 1, enterprises: 1, subscriptions: 1, servicePackages: 1, events: 1, marketPosts: 1 },
        ],
        [
          'districts',
          oldDistrict,
          newDistrict,
          { ...none, policies: 1, enterprises: 1, subscriptions: 1, servicePackages: 1, events: 1, marketPosts: 1 },
        ],
        ['qualifications', oldQual, newQual, { ...none, policies: 1, enterprises: 1, servicePackages: 1 }],
      ] as Array<[DictionaryKind, string, string, typeof none]>) {
        const audit = await auditRows(AuditAction.DICTIONARY_ENTRY_UPDATED, String(ids[kind]));
        expect(audit).toHaveLength(1);
        expect(audit[0].details).toEqual({ kind, before: { value: before }, after: { value: after }, rewritten });
      }
    });

    it('a list already holding the new value loses the old one instead of repeating a value', async () => {
      const k = tag();
      const [a, b] = [`甲类${k}`, `乙类${k}`];
      const id = ((await create('categories', { value: a })).body as DictionaryEntry).id;
      const [{ id: policyId }] = (await t.ds.query(
        `INSERT INTO policies (title, doc_number, issuer, level, categories) VALUES ('合并测试', $1, '湘潭市', 'city', $2) RETURNING id`,
        [`潭合〔2026〕${k}号`, [b, a, '人才']],
      )) as Array<{ id: string }>;
      // b is not an entry (e.g. a value a policy kept after its entry was renamed away): the rename is allowed.
      expect((await patch('categories', id, { value: b })).status).toBe(200);
      const [row] = (await t.ds.query(`SELECT categories FROM policies WHERE id = $1`, [policyId])) as Array<{
        categories: string[];
      }>;
      expect(row.categories).toEqual([b, '人才']);
    });

    it('refuses renaming onto another entry’s value (409) and changes nothing anywhere', async () => {
      const k = tag();
      const v = `待改${k}`;
      const id = ((await create('industries', { value: v })).body as DictionaryEntry).id;
      const [{ id: enterpriseId }] = (await t.ds.query(
        `INSERT INTO enterprises (credit_code, name, industry) VALUES ($1, '冲突测试企业', $2) RETURNING id`,
        [makeCreditCode(), v],
      )) as Array<{ id: string }>;
      const res = await patch('industries', id, { value: '建筑业', sort: 1 });
      expect(res.status).toBe(409);
      expect((res.body as ErrorBody).message).toMatch(CJK);
      expect(await entryOf('industries', v)).toMatchObject({ id });
      const [row] = (await t.ds.query(`SELECT industry FROM enterprises WHERE id = $1`, [enterpriseId])) as Array<{
        industry: string;
      }>;
      expect(row.industry).toBe(v);
      expect(await auditRows(AuditAction.DICTIONARY_ENTRY_UPDATED, String(id))).toHaveLength(0);
    });

    it('refuses renaming 全市 with a clear message, but lets it be re-sorted', async () => {
      const whole = await entryOf('districts', WHOLE_CITY);
      const res = await patch('districts', whole.id, { value: '全市范围' });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).message).toContain(WHOLE_CITY);
      expect((res.body as ErrorBody).message).toContain('不能改名');
      expect(await entryOf('districts', WHOLE_CITY)).toMatchObject({ id: whole.id });
      expect((await patch('districts', whole.id, { sort: whole.sort })).status).toBe(200);
    });

    it('deactivating hides the entry from the public at once but keeps the value where it is used; reactivating shows it again', async () => {
      const v = `停用行业${tag()}`;
      const id = ((await create('industries', { value: v })).body as DictionaryEntry).id;
      expect(await values('industries')).toContain(v); // cached now
      const [{ id: enterpriseId }] = (await t.ds.query(
        `INSERT INTO enterprises (credit_code, name, industry) VALUES ($1, '停用测试企业', $2) RETURNING id`,
        [makeCreditCode(), v],
      )) as Array<{ id: string }>;
      const off = await patch('industries', id, { active: false });
      expect(off.status).toBe(200);
      expect((off.body as DictionaryEntry).active).toBe(false);
      expect(await values('industries')).not.toContain(v);
      const [row] = (await t.ds.query(`SELECT industry FROM enterprises WHERE id = $1`, [enterpriseId])) as Array<{
        industry: string;
      }>;
      expect(row.industry).toBe(v);
      const audit = await auditRows(AuditAction.DICTIONARY_ENTRY_UPDATED, String(id));
      expect(audit.map((a) => a.details)).toEqual([
        { kind: 'industries', before: { active: true }, after: { active: false } },
      ]);
      expect((await patch('industries', id, { active: true })).status).toBe(200);
      expect(await values('industries')).toContain(v);
    });

    it('changing nothing answers the entry and records nothing', async () => {
      const district = await entryOf('districts', '岳塘区');
      const res = await patch('districts', district.id, { value: '岳塘区', sort: district.sort, active: true });
      expect(res.status).toBe(200);
      expect(await auditRows(AuditAction.DICTIONARY_ENTRY_UPDATED, String(district.id))).toHaveLength(0);
    });

    it('refuses every admin route to enterprise users, butlers and supervisors (403), and to the signed-out (401)', async () => {
      const callers: SignedIn[] = [
        await signInWechat(t),
        await staffSession(t, Role.BUTLER),
        await staffSession(t, Role.SUPERVISOR),
      ];
      const entry = await entryOf('districts', '雨湖区');
      const before = (await t.ds.query(`SELECT count(*)::int AS n FROM dictionary_entries`)) as Array<{ n: number }>;
      for (const who of callers) {
        expect((await t.http.get('/api/v1/admin/dictionaries/districts').set(who.auth)).status).toBe(403);
        expect((await create('districts', { value: `越权${tag()}` }, who)).status).toBe(403);
        const res = await patch('districts', entry.id, { value: '越权改名' }, who);
        expect(res.status).toBe(403);
        expect((res.body as ErrorBody).message).toMatch(CJK);
      }
      expect((await t.http.get('/api/v1/admin/dictionaries/districts')).status).toBe(401);
      expect((await t.http.post('/api/v1/admin/dictionaries/districts').send({ value: 'x' })).status).toBe(401);
      const after = (await t.ds.query(`SELECT count(*)::int AS n FROM dictionary_entries`)) as Array<{ n: number }>;
      expect(after[0].n).toBe(before[0].n);
      expect(await entryOf('districts', '雨湖区')).toEqual(entry);
    });
  });

  describe('DictionariesService (what policies and 一企一档 use)', () => {
    it('missing: the values that are not ACTIVE entries, once each, in the order given', async () => {
      const service = t.app.get(DictionariesService);
      const v = `停用资质${tag()}`;
      await t.ds.query(`INSERT INTO dictionary_entries (kind, value, active) VALUES ('qualifications', $1, false)`, [
        v,
      ]);
      expect(await service.missing('qualifications', [])).toEqual([]);
      expect(await service.missing('qualifications', ['高新技术企业', '无此资质', v, '无此资质'])).toEqual([
        '无此资质',
        v,
      ]);
      // The kind matters: a district is not an industry.
      expect(await service.missing('industries', ['雨湖区'])).toEqual(['雨湖区']);
    });

    it('addMissing: adds the lacking values and reactivates inactive ones in the caller’s transaction, audited when told who', async () => {
      const service = t.app.get(DictionariesService);
      const k = tag();
      const inactive = `停用${k}`;
      await t.ds.query(`INSERT INTO dictionary_entries (kind, value, active) VALUES ('categories', $1, false)`, [
        inactive,
      ]);
      const added = await t.ds.transaction(async (m) => {
        const out = await service.addMissing('categories', ['人才', `新增${k}`, inactive, `新增${k}`], m, {
          actor: { id: admin.entity.id, role: Role.ADMIN },
        });
        expect(await service.missing('categories', [`新增${k}`, inactive], m)).toEqual([]);
        return out;
      });
      expect(added.sort()).toEqual([`新增${k}`, inactive].sort());
      expect(await values('categories')).toEqual(expect.arrayContaining([`新增${k}`, inactive]));
      const rows = (await t.ds.query(
        `SELECT details FROM audit_log WHERE action = $1 AND details->>'value' IN ($2, $3) AND target_id IS NOT NULL`,
        [AuditAction.DICTIONARY_ENTRY_CREATED, `新增${k}`, inactive],
      )) as unknown[];
      expect(rows).toHaveLength(2);
    });

    it('addMissing rolls back with the caller’s transaction', async () => {
      const service = t.app.get(DictionariesService);
      const v = `回滚${tag()}`;
      await expect(
        t.ds.transaction(async (m) => {
          expect(await service.addMissing('industries', [v], m)).toEqual([v]);
          throw new Error('the import failed');
        }),
      ).rejects.toThrow('the import failed');
      expect(await entryOf('industries', v)).toBeUndefined();
    });
  });
});
