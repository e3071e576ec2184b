import type { EntityManager } from 'typeorm';
import type { MarketCategory, MarketPostKind } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { completeCreditCode } from '@qsgj/shared/rules';
import { marketSearchColumns } from '../../modules/market/market-search';
import { DEMO_ENTERPRISES } from './demo';

/**
 * The demo city's (湘潭) 企业商圈: about twenty 供应/需求 posts across the demo enterprises (two expired, one taken
 * down with its reason, the rest on the board), five directory listings, and two enterprises of its own whose demo
 * users (dev sign-in `demo-market-paper`, `demo-market-logistics`) hold one accepted and one pending contact request,
 * and one open report for the staff queue. The core demo enterprises get no members (their binding rules stay as
 * they are): their posts have no author, so their side of a 对接 speaks through their phone on record.
 *
 * Fixed ids; every insert skips what exists (ON CONFLICT DO NOTHING): a second run adds nothing and changes nothing.
 */

const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const POST = (n: number) => id('7a000000', n);
const USER = (n: number) => id('7d000000', n);

/** The enterprises of the market demo itself, each with one demo user who owns it. */
export const DEMO_MARKET_ENTERPRISES = [
  {
    creditCode: completeCreditCode('91430304', 'MA4W8P2C'),
    name: '湘潭岳塘纸业有限公司',
    district: '岳塘区',
    industry: '批发和零售业',
    contactPhone: '13907321011',
    user: {
      id: USER(1),
      openid: 'demo-market-paper',
      nickname: '纸业小吴',
      phone: '13907321111',
      contactName: '吴经理',
    },
  },
  {
    creditCode: completeCreditCode('91430300', 'MA4W9Q3D'),
    name: '湘潭宏达物流有限公司',
    district: '湘潭经开区',
    industry: '交通运输、仓储和邮政业',
    contactPhone: '13907321012',
    user: {
      id: USER(2),
      openid: 'demo-market-logistics',
      nickname: '宏达调度',
      phone: '13907321112',
      contactName: '郑调度',
    },
  },
] as const;

interface DemoPost {
  n: number;
  /** Index in DEMO_ENTERPRISES (0–4), or 'paper' / 'logistics'. */
  by: number | 'paper' | 'logistics';
  kind: MarketPostKind;
  category: MarketCategory;
  industry: string | null;
  district: string;
  title: string;
  description: string;
  /** Published this many days before the seed; shown for `days`. */
  daysAgo: number;
  days: number;
  status?: 'taken_down';
  reason?: string;
}

export const DEMO_POSTS: DemoPost[] = [
  {
    n: 1,
    by: 1,
    kind: 'demand',
    category: '包装印刷',
    industry: '农副食品加工业',
    district: '雨湖区',
    title: '求购食品级瓦楞纸箱',
    description: '月需五层瓦楞纸箱约两万只，需符合食品包装要求，可长期合作，欢迎本地纸箱厂联系。',
    daysAgo: 2,
    days: 60,
  },
  {
    n: 2,
    by: 'paper',
    kind: 'supply',
    category: '包装印刷',
    industry: '批发和零售业',
    district: '岳塘区',
    title: '供应瓦楞纸箱 彩印包装盒',
    description: '自有生产线，三层至七层瓦楞纸箱、彩印包装盒均可定制，湘潭市区两日内送货。',
    daysAgo: 5,
    days: 90,
  },
  {
    n: 3,
    by: 0,
    kind: 'supply',
    category: '加工制造',
    industry: '电气机械和器材制造业',
    district: '湘潭高新区',
    title: '承接永磁电机定制与维修',
    description: '高新技术企业，专注永磁同步电机研发制造，承接非标电机定制、电机维修与能效改造。',
    daysAgo: 3,
    days: 90,
  },
  {
    n: 4,
    by: 4,
    kind: 'demand',
    category: '物流运输',
    industry: '汽车制造业',
    district: '湘潭经开区',
    title: '寻找汽配零部件干线运输',
    description: '每周发往长沙、武汉的汽配件约 30 吨，寻找稳定的干线物流合作方，需提供回单服务。',
    daysAgo: 1,
    days: 45,
  },
  {
    n: 5,
    by: 'logistics',
    kind: 'supply',
    category: '物流运输',
    industry: '交通运输、仓储和邮政业',
    district: '湘潭经开区',
    title: '湘潭至长沙武汉干线物流',
    description: '自有 9.6 米厢车 20 台，湘潭至长沙、武汉每日发车，可提供仓储与回单服务。',
    daysAgo: 4,
    days: 60,
  },
  {
    n: 6,
    by: 2,
    kind: 'supply',
    category: '原材料',
    industry: '化学原料和化学制品制造业',
    district: '岳塘区',
    title: '供应锂电正极材料前驱体',
    description: '规上工业企业，供应三元前驱体与磷酸铁，质量稳定，可提供检测报告与样品。',
    daysAgo: 6,
    days: 90,
  },
  {
    n: 7,
    by: 0,
    kind: 'demand',
    category: '原材料',
    industry: '电气机械和器材制造业',
    district: '湘潭高新区',
    title: '求购高牌号硅钢片',
    description: '电机生产用冷轧无取向硅钢片，月用量约 50 吨，要求钢厂直供或一级代理。',
    daysAgo: 7,
    days: 60,
  },
  {
    n: 8,
    by: 3,
    kind: 'supply',
    category: '市场渠道',
    industry: '批发和零售业',
    district: '湘乡市',
    title: '跨境电商代运营 助湘货出海',
    description: '提供亚马逊、速卖通店铺代运营与海外仓服务，已帮助十余家湘潭企业开拓海外市场。',
    daysAgo: 2,
    days: 90,
  },
  {
    n: 9,
    by: 1,
    kind: 'supply',
    category: '其他',
    industry: '农副食品加工业',
    district: '雨湖区',
    title: '湘莲制品 企业团购供应',
    description: '湘潭湘莲、莲子糕点礼盒，支持企业工会团购与定制包装，可开具发票。',
    daysAgo: 8,
    days: 60,
  },
  {
    n: 10,
    by: 4,
    kind: 'demand',
    category: '人才用工',
    industry: '汽车制造业',
    district: '湘潭经开区',
    title: '招聘数控车工与焊工',
    description: '因扩产需要，招聘数控车工 10 名、焊工 5 名，有经验者优先，包食宿。',
    daysAgo: 3,
    days: 30,
  },
  {
    n: 11,
    by: 2,
    kind: 'demand',
    category: '技术服务',
    industry: '化学原料和化学制品制造业',
    district: '岳塘区',
    title: '寻求危废处置合作单位',
    description: '年产生废活性炭等危险废物约 80 吨，寻求有资质的处置单位长期合作。',
    daysAgo: 9,
    days: 60,
  },
  {
    n: 12,
    by: 0,
    kind: 'supply',
    category: '设备租售',
    industry: '电气机械和器材制造业',
    district: '湘潭高新区',
    title: '闲置电机测试台出租',
    description: '电机性能测试台两套，可按月出租，提供操作培训。',
    daysAgo: 10,
    days: 60,
  },
  {
    n: 13,
    by: 3,
    kind: 'demand',
    category: '软件信息',
    industry: '批发和零售业',
    district: '湘乡市',
    title: '求购进销存与跨境 ERP 系统',
    description: '需要对接主流跨境平台的进销存系统，支持多仓库管理，欢迎本地软件企业报价。',
    daysAgo: 5,
    days: 45,
  },
  {
    n: 14,
    by: 'paper',
    kind: 'demand',
    category: '厂房仓储',
    industry: '批发和零售业',
    district: '岳塘区',
    title: '求租 2000 平方米仓库',
    description: '岳塘区或雨湖区，层高 8 米以上，可通行 9.6 米货车，租期三年以上。',
    daysAgo: 6,
    days: 60,
  },
  {
    n: 15,
    by: 'logistics',
    kind: 'supply',
    category: '厂房仓储',
    industry: '交通运输、仓储和邮政业',
    district: '湘潭经开区',
    title: '经开区标准仓库分租',
    description: '经开区自有标准仓库，可分租 500 至 3000 平方米，带月台与消防验收。',
    daysAgo: 7,
    days: 90,
  },
  {
    n: 16,
    by: 1,
    kind: 'demand',
    category: '金融服务',
    industry: '农副食品加工业',
    district: '雨湖区',
    title: '寻求设备融资租赁',
    description: '计划新增一条糕点自动化生产线，寻求融资租赁或设备贷款合作。',
    daysAgo: 4,
    days: 30,
  },
  {
    n: 17,
    by: 4,
    kind: 'supply',
    category: '零部件',
    industry: '汽车制造业',
    district: '湘潭经开区',
    title: '供应精密冲压件 汽车支架',
    description: '专业生产汽车支架、钣金冲压件，IATF16949 体系，可按图来样加工。',
    daysAgo: 11,
    days: 90,
  },
  // Expired: shown for a few days, now past.
  {
    n: 18,
    by: 2,
    kind: 'demand',
    category: '物流运输',
    industry: '化学原料和化学制品制造业',
    district: '岳塘区',
    title: '求危化品运输车辆',
    description: '短期需要危化品运输车辆两台，需具备危险货物道路运输资质。',
    daysAgo: 40,
    days: 30,
  },
  {
    n: 19,
    by: 'paper',
    kind: 'supply',
    category: '包装印刷',
    industry: '批发和零售业',
    district: '岳塘区',
    title: '中秋礼盒印刷 限时优惠',
    description: '中秋礼盒、手提袋印刷，九月底前下单享优惠。',
    daysAgo: 70,
    days: 60,
  },
  // Taken down by staff.
  {
    n: 20,
    by: 3,
    kind: 'supply',
    category: '金融服务',
    industry: '批发和零售业',
    district: '湘乡市',
    title: '无抵押快速贷款 当天到账',
    description: '无需抵押，当天放款，手续简单。',
    daysAgo: 6,
    days: 30,
    status: 'taken_down',
    reason: '涉嫌非法金融广告，不符合企业商圈发布规则',
  },
];

/** The directory: three demo enterprises and the market demo's two. */
const DEMO_LISTINGS: Array<{ by: number | 'paper' | 'logistics'; introduction: string; products: string }> = [
  {
    by: 0,
    introduction: '湘潭高新区高新技术企业、专精特新中小企业，专注永磁同步电机研发与制造。',
    products: '永磁同步电机、非标电机定制、电机维修与能效改造',
  },
  {
    by: 1,
    introduction: '雨湖区湘莲深加工企业，产品覆盖莲子、糕点与节日礼盒。',
    products: '湘莲、莲子糕点、企业团购礼盒',
  },
  { by: 4, introduction: '湘潭经开区汽车零部件配套企业，服务多家整车厂。', products: '精密冲压件、汽车支架、钣金件' },
  { by: 'paper', introduction: '岳塘区纸制品企业，自有瓦楞纸板线与彩印线。', products: '瓦楞纸箱、彩印包装盒、手提袋' },
  {
    by: 'logistics',
    introduction: '经开区综合物流企业，干线运输与仓储一体。',
    products: '湘潭至长沙武汉干线物流、仓储分租、城市配送',
  },
];

/** Loads the market demo; answers how many posts it added. */
export async function seedDemoMarket(m: EntityManager): Promise<number> {
  // Users and enterprises of the market demo itself.
  const [paperUser, logisticsUser] = DEMO_MARKET_ENTERPRISES.map((e) => e.user);
  await m.query(
    `INSERT INTO users (id, role, openid, nickname, phone) VALUES ($1, $3, $4, $5, $6), ($2, $3, $7, $8, $9)
     ON CONFLICT DO NOTHING`,
    [
      paperUser.id,
      logisticsUser.id,
      Role.ENTERPRISE,
      paperUser.openid,
      paperUser.nickname,
      paperUser.phone,
      logisticsUser.openid,
      logisticsUser.nickname,
      logisticsUser.phone,
    ],
  );
  for (const e of DEMO_MARKET_ENTERPRISES) {
    await m.query(
      `INSERT INTO enterprises (credit_code, name, district, industry, contact_phone, on_record) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT DO NOTHING`,
      [e.creditCode, e.name, e.district, e.industry, e.contactPhone],
    );
  }
  const codes = [...DEMO_ENTERPRISES.map((e) => e.creditCode), ...DEMO_MARKET_ENTERPRISES.map((e) => e.creditCode)];
  const rows = (await m.query(`SELECT id, credit_code, name FROM enterprises WHERE credit_code = ANY($1::text[])`, [
    codes,
  ])) as Array<{
    id: string;
    credit_code: string;
    name: string;
  }>;
  const byCode = new Map(rows.map((r) => [r.credit_code, r]));
  const enterpriseOf = (by: number | 'paper' | 'logistics') =>
    byCode.get(
      by === 'paper'
        ? DEMO_MARKET_ENTERPRISES[0].creditCode
        : by === 'logistics'
          ? DEMO_MARKET_ENTERPRISES[1].creditCode
          : DEMO_ENTERPRISES[by].creditCode,
    );
  const authorOf = (by: number | 'paper' | 'logistics') =>
    by === 'paper' ? USER(1) : by === 'logistics' ? USER(2) : null;
  // Each market demo user owns their enterprise (the only member it has).
  for (const e of DEMO_MARKET_ENTERPRISES) {
    const ent = byCode.get(e.creditCode);
    if (!ent) continue;
    await m.query(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, contact_name, decided_at)
       SELECT $1, $2, 'owner', 'approved', $3, now() WHERE NOT EXISTS (SELECT 1 FROM enterprise_members WHERE user_id = $2)
       ON CONFLICT DO NOTHING`,
      [ent.id, e.user.id, e.user.contactName],
    );
  }

  // Posts, in one statement.
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const p of DEMO_POSTS) {
    const ent = enterpriseOf(p.by);
    if (!ent) continue;
    const search = marketSearchColumns(p.title, p.description);
    const at = params.length;
    params.push(
      POST(p.n),
      ent.id,
      authorOf(p.by),
      p.kind,
      p.category,
      p.industry,
      p.district,
      p.title,
      p.description,
      p.status ?? 'active',
      p.daysAgo,
      p.days,
      p.reason ?? null,
      search.searchDoc,
      search.searchVector,
    );
    const $ = (i: number) => `$${at + i}`;
    tuples.push(
      `(${$(1)}::uuid, ${$(2)}::uuid, ${$(3)}::uuid, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, ${$(10)},
        now() - make_interval(days => ${$(11)}::int), now() - make_interval(days => ${$(11)}::int) + make_interval(days => ${$(12)}::int),
        ${$(13)}::text, CASE WHEN ${$(13)}::text IS NULL THEN NULL ELSE now() - interval '1 day' END, ${$(14)}, ${$(15)}::tsvector)`,
    );
  }
  const inserted = tuples.length
    ? ((await m.query(
        `INSERT INTO market_posts (id, enterprise_id, author_id, kind, category, industry, district, title, description, status,
           created_at, expires_at, takedown_reason, taken_down_at, search_doc, search_vector)
         VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
        params,
      )) as Array<{ id: string }>)
    : [];

  // The directory.
  for (const l of DEMO_LISTINGS) {
    const ent = enterpriseOf(l.by);
    if (!ent) continue;
    const search = marketSearchColumns(ent.name, `${l.introduction} \n ${l.products}`);
    await m.query(
      `INSERT INTO market_listings (enterprise_id, introduction, products, visible, search_doc, search_vector)
       VALUES ($1, $2, $3, true, $4, $5::tsvector) ON CONFLICT DO NOTHING`,
      [ent.id, l.introduction, l.products, search.searchDoc, search.searchVector],
    );
  }

  // 对接: the paper company asked 莲城食品 about its 纸箱 demand (accepted); the logistics company asked 精密汽配 about
  // its 干线运输 demand (pending). One open report of the 跨境 post for the staff queue.
  const paper = enterpriseOf('paper');
  const logistics = enterpriseOf('logistics');
  const food = enterpriseOf(1);
  const auto = enterpriseOf(4);
  if (paper && logistics && food && auto) {
    await m.query(
      `INSERT INTO market_contact_requests (id, post_id, owner_enterprise_id, requester_enterprise_id, requester_id, message, status,
         decided_at, created_at)
       VALUES ($1, $3, $4, $5, $6, '我们是岳塘区的纸箱厂，可按食品包装要求生产五层瓦楞纸箱，希望对接。', 'accepted',
               now() - interval '1 day', now() - interval '2 days'),
              ($2, $7, $8, $9, $10, '我司每日有湘潭至长沙、武汉的干线班车，可提供回单服务，希望与贵司对接。', 'pending',
               NULL, now() - interval '5 hours')
       ON CONFLICT DO NOTHING`,
      [
        id('7b000000', 1),
        id('7b000000', 2),
        POST(1),
        food.id,
        paper.id,
        USER(1),
        POST(4),
        auto.id,
        logistics.id,
        USER(2),
      ],
    );
    await m.query(
      `INSERT INTO market_reports (id, post_id, reporter_id, reason) VALUES ($1, $2, $3, '价格与服务描述不清，疑似夸大宣传')
       ON CONFLICT DO NOTHING`,
      [id('7c000000', 1), POST(8), USER(2)],
    );
  }
  return inserted.length;
}
