import type { EntityManager } from 'typeorm';
import { EnterpriseScale, Role } from '@qsgj/shared/enums';
import { completeCreditCode } from '@qsgj/shared/rules';
import { DepartmentEntity } from '../../modules/departments/department.entity';
import { EnterpriseEntity } from '../../modules/enterprises/enterprise.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { seedDemoButlerProfiles } from './demo-butler-admin';
import { seedDemoCases } from './demo-cases';
import { seedDemoPolicies } from './demo-policies';
import { seedDemoFaq } from './demo-faq';
import { seedDemoNews } from './demo-news';
import { seedDemoServicePackages } from './demo-service-packages';
import { seedDemoMarket } from './demo-market';
import { seedDemoEvents } from './demo-events';

/** The password of every demo staff account (documented in the README; demo data is off in production). */
export const DEMO_STAFF_PASSWORD = 'Qsgj#2026';

export const DEMO_DEPARTMENTS: Array<{ name: string; shortName: string }> = [
  { name: '市优化营商环境协调事务中心', shortName: '营商中心' },
  { name: '市市场监督管理局', shortName: '市场监管' },
  { name: '国家税务总局湘潭市税务局', shortName: '税务' },
  { name: '市人力资源和社会保障局', shortName: '人社' },
  { name: '市自然资源和规划局', shortName: '自然资源' },
  { name: '市发展和改革委员会', shortName: '发改' },
  { name: '市工业和信息化局', shortName: '工信' },
  { name: '市行政审批服务局', shortName: '行政审批' },
  { name: '湘潭高新技术产业开发区管委会', shortName: '高新区' },
  { name: '湘潭经济技术开发区管委会', shortName: '经开区' },
];

interface DemoStaff {
  username: string;
  name: string;
  role: Role;
  department: string;
  specialties: string[];
  phone: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    username: 'admin',
    name: '系统管理员',
    role: Role.ADMIN,
    department: '营商中心',
    specialties: [],
    phone: '13807320000',
  },
  {
    username: 'zhuguan',
    name: '周主管',
    role: Role.SUPERVISOR,
    department: '营商中心',
    specialties: ['督办协调', '差评回访'],
    phone: '13807320001',
  },
  {
    username: 'guanjia',
    name: '李管家',
    role: Role.BUTLER,
    department: '营商中心',
    specialties: ['政策咨询', '企业开办'],
    phone: '13807320002',
  },
  {
    username: 'guanjia.sj',
    name: '王管家',
    role: Role.BUTLER,
    department: '市场监管',
    specialties: ['市场准入', '知识产权'],
    phone: '13807320003',
  },
  {
    username: 'guanjia.sw',
    name: '刘管家',
    role: Role.BUTLER,
    department: '税务',
    specialties: ['减税降费', '出口退税'],
    phone: '13807320004',
  },
  {
    username: 'guanjia.rs',
    name: '陈管家',
    role: Role.BUTLER,
    department: '人社',
    specialties: ['稳岗就业', '人才引进'],
    phone: '13807320005',
  },
  {
    username: 'guanjia.zy',
    name: '赵管家',
    role: Role.BUTLER,
    department: '自然资源',
    specialties: ['用地报批', '不动产登记'],
    phone: '13807320006',
  },
  {
    username: 'guanjia.gx',
    name: '杨管家',
    role: Role.BUTLER,
    department: '高新区',
    specialties: ['科技创新', '项目审批'],
    phone: '13807320007',
  },
  {
    username: 'guanjia.jk',
    name: '黄管家',
    role: Role.BUTLER,
    department: '经开区',
    specialties: ['工程建设审批', '融资对接'],
    phone: '13807320008',
  },
];

/**
 * A demo code: 9 (工商) 1 (企业), a 湘潭 division, an organisation code whose check character and the
 * code's own are computed (GB 11714, GB 32100-2015). Each demo enterprise is on record with a contact
 * phone: a user whose WeChat-verified phone is that number owns it on binding; anyone else waits for
 * its butler (ADR 007).
 */
const code = (head8: string, organization8: string): string => completeCreditCode(head8, organization8);

export const DEMO_ENTERPRISES = [
  {
    creditCode: code('91430300', 'MA4L16JQ'),
    contactPhone: '13907321001',
    name: '湘潭智造电机有限公司',
    scale: EnterpriseScale.MEDIUM,
    district: '湘潭高新区',
    industry: '电气机械和器材制造业',
    qualifications: ['高新技术企业', '专精特新中小企业'],
    foundedOn: '2012-05-18',
    butler: 'guanjia.gx',
  },
  {
    creditCode: code('91430302', 'MA4Q0RYT'),
    contactPhone: '13907321002',
    name: '雨湖区莲城食品有限公司',
    scale: EnterpriseScale.SMALL,
    district: '雨湖区',
    industry: '农副食品加工业',
    qualifications: [],
    foundedOn: '2016-09-06',
    butler: 'guanjia',
  },
  {
    creditCode: code('91430304', 'MA4R2K1L'),
    contactPhone: '13907321003',
    name: '岳塘新材料科技股份有限公司',
    scale: EnterpriseScale.LARGE,
    district: '岳塘区',
    industry: '化学原料和化学制品制造业',
    qualifications: ['高新技术企业', '规上工业企业'],
    foundedOn: '2008-03-21',
    butler: 'guanjia.sj',
  },
  {
    creditCode: code('91430381', 'MA4T5N8M'),
    contactPhone: '13907321004',
    name: '湘乡市红旗跨境电商有限公司',
    scale: EnterpriseScale.MICRO,
    district: '湘乡市',
    industry: '批发和零售业',
    qualifications: ['科技型中小企业'],
    foundedOn: '2021-04-12',
    butler: 'guanjia.sw',
  },
  {
    creditCode: code('91430300', 'MA4PBX7X'),
    contactPhone: '13907321005',
    name: '湘潭经开区精密汽配有限公司',
    scale: EnterpriseScale.MEDIUM,
    district: '湘潭经开区',
    industry: '汽车制造业',
    qualifications: ['规上工业企业'],
    foundedOn: '2014-11-03',
    butler: 'guanjia.jk',
  },
];

/**
 * The values the demo enterprises held before the dictionaries (issue 10), and the dictionary values they became.
 * A demo database created earlier is brought to the dictionary values once; a profile edited since is left alone.
 */
const LEGACY_DISTRICTS: Record<string, string> = { 高新区: '湘潭高新区', 经开区: '湘潭经开区' };
const LEGACY_QUALIFICATIONS: Record<string, string> = { 专精特新: '专精特新中小企业', 规上工业: '规上工业企业' };

/**
 * A living demo city: departments, staff, enterprises, cases and the policy library. Idempotent: run at every
 * start outside production, it adds what is missing and changes nothing that is there (but for the one-time
 * move of the demo enterprises to dictionary values).
 */
export async function seedDemo(m: EntityManager, hashPassword: (p: string) => Promise<string>): Promise<void> {
  await m.createQueryBuilder().insert().into(DepartmentEntity).values(DEMO_DEPARTMENTS).orIgnore().execute();
  const departments = await m.getRepository(DepartmentEntity).find();
  const byShortName = new Map(departments.map((d) => [d.shortName, d.id]));

  const users = m.getRepository(UserEntity);
  const existing = new Set((await users.find({ select: { username: true } })).map((u) => u.username));
  const missing = DEMO_STAFF.filter((s) => !existing.has(s.username));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
    await users.insert(
      missing.map((s) => ({
        username: s.username,
        name: s.name,
        role: s.role,
        departmentId: byShortName.get(s.department) ?? null,
        specialties: s.specialties,
        phone: s.phone,
        passwordHash,
        mustChangePassword: false,
      })),
    );
  }
  const staff = await users.find({ select: { id: true, username: true } });
  const idOf = new Map(staff.map((s) => [s.username, s.id]));
  await m
    .createQueryBuilder()
    .insert()
    .into(EnterpriseEntity)
    .values(DEMO_ENTERPRISES.map(({ butler, ...e }) => ({ ...e, onRecord: true, butlerId: idOf.get(butler) ?? null })))
    .orIgnore()
    .execute();
  await normaliseLegacyProfiles(m);
  await seedDemoCases(m);
  await seedDemoPolicies(m, idOf.get('admin') ?? null);
  await seedDemoFaq(m);
  await seedDemoNews(m, idOf.get('admin') ?? null);
  await seedDemoServicePackages(m, idOf.get('admin') ?? null);
  await seedDemoButlerProfiles(m);
  await seedDemoMarket(m);
  await seedDemoEvents(m, idOf.get('admin') ?? null);
}

/** One statement: the demo enterprises still holding a pre-dictionary value get the dictionary ones and a founding date. */
async function normaliseLegacyProfiles(m: EntityManager): Promise<void> {
  await m.query(
    `UPDATE enterprises e
        SET district = COALESCE((SELECT d.b FROM unnest($1::text[], $2::text[]) AS d(a, b) WHERE d.a = e.district), e.district),
            qualifications = ARRAY(
              SELECT COALESCE(q.b, x.v)
                FROM unnest(e.qualifications) WITH ORDINALITY AS x(v, n)
                LEFT JOIN unnest($3::text[], $4::text[]) AS q(a, b) ON q.a = x.v
               ORDER BY x.n),
            founded_on = COALESCE(e.founded_on, v.founded_on),
            updated_at = now()
       FROM unnest($5::text[], $6::date[]) AS v(credit_code, founded_on)
      WHERE e.credit_code = v.credit_code
        AND (e.district = ANY($1::text[]) OR e.qualifications && $3::text[])`,
    [
      Object.keys(LEGACY_DISTRICTS),
      Object.values(LEGACY_DISTRICTS),
      Object.keys(LEGACY_QUALIFICATIONS),
      Object.values(LEGACY_QUALIFICATIONS),
      DEMO_ENTERPRISES.map((e) => e.creditCode),
      DEMO_ENTERPRISES.map((e) => e.foundedOn),
    ],
  );
}
