import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ServicePackageInputDto } from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { evaluateEligibility } from '@qsgj/shared/rules';
import { DEMO_ENTERPRISES } from '../src/database/seeds/demo';
import { DEMO_SERVICE_PACKAGES, seedDemoServicePackages } from '../src/database/seeds/demo-service-packages';
import { DEFAULT_DICTIONARIES } from '../src/modules/dictionaries/defaults';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * The demo 惠企服务 catalogue (issue 11): seeded at start with SEED_DEMO, 8–10 packages each from a demo department,
 * valid as an admin would write them (the DTO and the dictionaries), listed in the order written, the demo enterprises
 * matched differently; a second run adds nothing and leaves an edited or retired package as it is.
 */
describe('demo service packages (e2e)', () => {
  let t: TestApp;
  const rows = () =>
    t.ds.query(
      `SELECT p.name, p.active, p.time_limit_days, p.description, d.short_name, p.qualifications, p.industries,
              p.districts, p.scales
         FROM service_packages p JOIN departments d ON d.id = p.department_id ORDER BY p.created_at, p.id`,
    ) as Promise<
      Array<{
        name: string;
        active: boolean;
        time_limit_days: number;
        description: string;
        short_name: string;
        qualifications: string[];
        industries: string[];
        districts: string[];
        scales: string[];
      }>
    >;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  }, 90_000);
  afterAll(() => t?.close());

  it('seeds 8–10 packages from the demo departments, in the catalogue’s order, each valid as an admin writes it', async () => {
    const seeded = await rows();
    expect(seeded.length).toBe(DEMO_SERVICE_PACKAGES.length);
    expect(seeded.length).toBeGreaterThanOrEqual(8);
    expect(seeded.length).toBeLessThanOrEqual(10);
    expect(seeded.map((r) => r.name)).toEqual(DEMO_SERVICE_PACKAGES.map((p) => p.name));
    expect(seeded.map((r) => r.short_name)).toEqual(DEMO_SERVICE_PACKAGES.map((p) => p.department));
    for (const p of DEMO_SERVICE_PACKAGES) {
      const dto = plainToInstance(ServicePackageInputDto, {
        ...p,
        departmentId: '00000000-0000-4000-8000-000000000001',
      });
      expect({ name: p.name, errors: validateSync(dto).map((e) => e.property) }).toEqual({ name: p.name, errors: [] });
      for (const kind of ['industries', 'districts', 'qualifications'] as Array<
        Exclude<DictionaryKind, 'categories'>
      >) {
        for (const v of p[kind] ?? []) expect(DEFAULT_DICTIONARIES[kind]).toContain(v);
      }
    }
    // The public catalogue lists them in that order.
    const page = await t.http.get('/api/v1/service-packages?limit=50');
    expect((page.body.items as Array<{ name: string }>).map((i) => i.name)).toEqual(seeded.map((r) => r.name));
  });

  it('matches the demo enterprises differently (some packages open to one and closed to another)', () => {
    const profile = (name: string) => {
      const e = DEMO_ENTERPRISES.find((x) => x.name === name)!;
      return { industry: e.industry, scale: e.scale, district: e.district, qualifications: e.qualifications };
    };
    const ipPledge = DEMO_SERVICE_PACKAGES.find((p) => p.name === '知识产权质押融资')!;
    const rules = {
      level: 'city' as const,
      industries: ipPledge.industries ?? [],
      scales: ipPledge.scales ?? [],
      districts: ipPledge.districts ?? [],
      qualifications: ipPledge.qualifications ?? [],
      validFrom: null,
      validTo: null,
    };
    expect(evaluateEligibility(rules, profile('湘潭智造电机有限公司'), '2026-12-01').eligible).toBe(true);
    expect(evaluateEligibility(rules, profile('雨湖区莲城食品有限公司'), '2026-12-01').eligible).toBe(false);
  });

  it('a second run adds nothing and changes nothing present (an edited or retired package stays as it is)', async () => {
    await t.ds.query(`UPDATE service_packages SET active = false, time_limit_days = 30 WHERE name = '企业法律体检'`);
    await t.ds.query(`DELETE FROM service_packages WHERE name = '人才招聘对接'`);
    const queries: string[] = [];
    const runner = t.ds.createQueryRunner();
    const original = runner.query.bind(runner);
    runner.query = ((...args: Parameters<typeof original>) => {
      queries.push(args[0]);
      return original(...args);
    }) as typeof runner.query;
    try {
      await seedDemoServicePackages(runner.manager, null);
    } finally {
      await runner.release();
    }
    // One batched INSERT for the whole catalogue.
    expect(queries.filter((q) => /^\s*INSERT/i.test(q))).toHaveLength(1);
    const after = await rows();
    expect(after.length).toBe(DEMO_SERVICE_PACKAGES.length);
    expect(after.find((r) => r.name === '企业法律体检')).toMatchObject({ active: false, time_limit_days: 30 });
    expect(after.map((r) => r.name)).toContain('人才招聘对接');
  });
});
