#!/usr/bin/env node
/**
 * Policy search at 100,000 policies (issue 10, "Measure"): the statements PolicySearchService sends, timed in
 * PostgreSQL, for 2-character, 4-character and multi-word queries, plus EXPLAIN showing the GIN index.
 *
 * The corpus is generated (seeded, so every run builds the same one): titles, 文号, summaries, bodies and 解读
 * written from sentence templates over 24 policy topics whose popularity falls off like Zipf's law (the most common
 * topic is in ≈ 25 % of policies, the rarest in ≈ 1 %), plus boilerplate every policy shares; statuses, levels,
 * districts and validity spread the way a city's library is (most published, a quarter expired). The search
 * columns come from `indexFields` (server/dist), as every writer's do. Rows go in by multi-row INSERT with the
 * GIN index dropped and rebuilt after (as a bulk load should).
 *
 * What it measures: for each query, the SELECT the service sends for page 1 (20 rows, in force, public), captured
 * from the service itself (TypeORM's logger), run `--runs` times on one connection: median and p95 of the round
 * trip (localhost; the database's time plus ≈ 0.1 ms). Then the whole service call (SQL + highlights + jieba) the
 * same way, past its per-process page cache, and the count of matching policies, so the numbers can be read against
 * how common a term is. A query matching more than RANK_LIMIT (300) policies is ordered title hits then date and
 * sends three or four statements (two bounded counts, the title hits, the rest along the date index); up to it, two
 * (the bounded count, the ranked page).
 *
 *   node bench/policy-search.mjs               uses the database bench_policies (creating it when absent)
 *   node bench/policy-search.mjs --reseed      recreates it first
 *   node bench/policy-search.mjs --runs 50 --policies 100000
 *
 * Needs a built server (`pnpm build`) and PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Writes artifacts/bench-policy-search.json. The database is kept (bench/policy-api.mjs uses it too).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverRequire = createRequire(join(ROOT, 'server', 'package.json'));
const dist = (path) => serverRequire(join(ROOT, 'server', 'dist', path));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** The queries, by kind (what the issue asks to measure). */
export const BENCH_QUERIES = {
  '2-char': ['奖补', '人才', '贴息', 'LPR', '退税'],
  '4-char': ['留抵退税', '人才公寓', '营商环境', '专精特新', '稳岗返还'],
  'multi-word': ['人才公寓 租金', '技术改造 奖补资金', '2026年 专精特新', 'CNAS 检验检测 奖励', '贷款 贴息 LPR'],
  /** Fewer than RANK_LIMIT matches: ranked by relevance (title hits, occurrences, date). */
  'rare (ranked)': ['槟榔 湘乡市', '光伏 韶山市', '转贷 昭山示范区'],
};

// ---------------------------------------------------------------------------------------------
// The generated corpus.
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so the corpus is the same every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTRICTS = ['雨湖区', '岳塘区', '湘潭县', '湘乡市', '韶山市', '湘潭高新区', '湘潭经开区', '昭山示范区'];
const ISSUERS = [
  '湘潭市人民政府',
  '湘潭市人民政府办公室',
  '湘潭市工业和信息化局',
  '湘潭市财政局',
  '湘潭市人力资源和社会保障局',
  '湘潭市商务局',
  '湘潭市科学技术局',
  '湘潭市地方金融管理局',
  '国家税务总局湘潭市税务局',
  '湘潭市市场监督管理局',
];
const PREFIX = [
  '潭政发',
  '潭政办发',
  '潭工信发',
  '潭财发',
  '潭人社发',
  '潭商务发',
  '潭科发',
  '潭金发',
  '潭税发',
  '潭市监发',
];
const INDUSTRIES = [
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '电气机械和器材制造业',
  '批发和零售业',
  '住宿和餐饮业',
  '信息传输、软件和信息技术服务业',
  '建筑业',
  '农副食品加工业',
  '医药制造业',
];

/** Topics: category, title stems and sentences. Their order is their popularity (Zipf). */
const TOPICS = [
  {
    cat: '产业发展',
    titles: ['工业企业技术改造奖补资金管理办法', '技术改造项目奖补实施细则', '制造业高质量发展若干措施'],
    s: [
      '对完成技术改造的规上工业企业给予奖补资金支持。',
      '奖补资金按设备投资额的10%计算，单个项目最高300万元。',
      '技术改造项目须在申报年度内完成设备购置。',
      '支持企业实施智能化、绿色化技术改造。',
    ],
  },
  {
    cat: '金融支持',
    titles: ['中小微企业贷款贴息实施办法', '融资担保费补贴办法', '普惠金融发展若干措施'],
    s: [
      '对中小微企业新增贷款按一年期LPR的50%给予贴息。',
      '贷款利率不高于同期贷款市场报价利率加100个基点。',
      '对融资担保机构给予担保费补贴。',
      '贴息资金由市财政统筹安排。',
    ],
  },
  {
    cat: '人才',
    titles: ['高层次人才引进实施办法', '人才公寓建设管理办法', '青年人才安家补贴细则'],
    s: [
      '对新引进的博士、硕士给予安家补贴和生活补贴。',
      '园区企业引进的高层次人才可申请入住人才公寓。',
      '人才公寓租金三年内给予减免。',
      '人才认定按分类目录执行。',
    ],
  },
  {
    cat: '减税降费',
    titles: ['增值税留抵退税工作的通知', '小微企业减税降费政策指引', '研发费用加计扣除政策解读'],
    s: [
      '符合条件的小微企业可申请一次性退还存量留抵税额。',
      '留抵退税实行即报即审。',
      '对小微企业减半征收六税两费。',
      '研发费用按实际发生额的100%在税前加计扣除。',
    ],
  },
  {
    cat: '稳岗就业',
    titles: ['失业保险稳岗返还实施细则', '吸纳就业补贴申领办法', '以工代训补贴办法'],
    s: [
      '上年度未裁员的企业可享受稳岗返还。',
      '中小微企业按实际缴纳失业保险费的60%返还。',
      '以工代训补贴标准为每人每月500元。',
      '吸纳就业困难人员的企业可申领社会保险补贴。',
    ],
  },
  {
    cat: '市场准入',
    titles: ['持续优化营商环境若干措施', '企业开办便利化实施方案', '证照分离改革实施方案'],
    s: [
      '推出30条优化营商环境举措。',
      '推行一件事一次办，企业开办时间压缩至0.5个工作日。',
      '建立亲商管家服务机制。',
      '全面推行告知承诺制。',
    ],
  },
  {
    cat: '科技创新',
    titles: ['专精特新中小企业培育办法', '2026年度专精特新企业奖补申报通知', '科技型中小企业研发奖补办法'],
    s: [
      '对新认定的国家级专精特新小巨人企业一次性奖励50万元。',
      '组织专精特新中小企业申报年度奖补。',
      '支持企业建设研发机构。',
      '科技型中小企业入库后可享受研发奖补。',
    ],
  },
  {
    cat: '数字化转型',
    titles: ['中小企业数字化转型专项资金申报指南', '工业互联网平台建设指南', '智能制造示范项目评选办法'],
    s: [
      '支持企业上云用数赋智。',
      '对数字化改造项目按投资额20%给予补助。',
      '引导企业建设工业互联网平台。',
      '申报项目须于2026年12月31日前完成验收。',
    ],
  },
  {
    cat: '绿色低碳',
    titles: ['绿色低碳转型发展奖励办法', '节能降碳技术改造实施方案'],
    s: ['对获评国家级绿色工厂的企业奖励100万元。', '节能降碳改造项目按节能量给予奖补。', '推动重点行业碳达峰。'],
  },
  {
    cat: '外贸与跨境电商',
    titles: ['外贸新业态发展扶持政策', '跨境电商高质量发展若干措施'],
    s: ['支持企业开展跨境电商B2B出口。', '对海外仓建设给予补助。', '出口信用保险保费补贴50%。'],
  },
  {
    cat: '知识产权',
    titles: ['知识产权质押融资风险补偿办法', '专利转化运用专项实施方案'],
    s: ['设立知识产权质押融资风险补偿资金池。', '风险补偿资金承担损失的40%。', '对高价值专利给予资助。'],
  },
  {
    cat: '工程建设审批',
    titles: ['工程建设项目审批制度改革实施方案', '拿地即开工实施办法'],
    s: ['社会投资简易低风险项目审批时间压缩至15个工作日。', '推行拿地即开工。', '实行容缺受理。'],
  },
  {
    cat: '科技创新',
    titles: ['检验检测机构能力建设若干措施', '计量检测服务平台建设补助办法'],
    s: [
      '首次通过CNAS实验室认可的企业一次性奖励20万元。',
      '通过中国合格评定国家认可委员会认可的检验检测机构给予奖励。',
      '平台取得CMA资质认定的给予建设补助。',
    ],
  },
  {
    cat: '产业发展',
    titles: ['首台套重大技术装备保险补偿办法', '首批次新材料应用保险补偿办法'],
    s: ['首台套装备投保综合险的，按保费的80%给予补偿。', '保险补偿期限不超过三年。'],
  },
  {
    cat: '消费促进',
    titles: ['促进消费若干措施', '汽车以旧换新补贴实施细则'],
    s: ['发放消费券，开展以旧换新活动。', '限上商贸企业新增限额以上的给予奖励。'],
  },
  {
    cat: '招商引资',
    titles: ['招商引资优惠办法', '重大项目招引奖励办法'],
    s: ['新引进固定资产投资1亿元以上的项目给予配套奖励。', '实行一企一策。'],
  },
  {
    cat: '产业发展',
    titles: ['农产品加工企业扶持办法'],
    s: ['对新建农产品加工生产线给予奖补资金。', '湘莲、槟榔等特色产业优先支持。'],
  },
  {
    cat: '稳岗就业',
    titles: ['阶段性缓缴社会保险费的通知'],
    s: ['困难企业可申请阶段性缓缴社会保险费。', '缓缴期间免收滞纳金。'],
  },
  {
    cat: '人才',
    titles: ['技能人才评价办法', '产业工人住房保障办法'],
    s: ['开展职业技能等级认定。', '符合条件的技能人才可优先入住人才公寓。'],
  },
  {
    cat: '市场准入',
    titles: ['政务服务工作要点', '免申即享政策兑现办法'],
    s: ['全面推行免申即享、即申即享。', '推进高效办成一件事。'],
  },
  { cat: '金融支持', titles: ['应急转贷资金管理办法'], s: ['应急转贷资金单笔最高2000万元。', '转贷期限不超过10天。'] },
  { cat: '绿色低碳', titles: ['分布式光伏发展补贴办法'], s: ['对工商业分布式光伏项目按装机容量给予补贴。'] },
  { cat: '外贸与跨境电商', titles: ['稳外贸稳外资工作要点'], s: ['确保全年外贸进出口增长5%以上。'] },
  { cat: '消费促进', titles: ['文旅企业纾困帮扶措施'], s: ['对A级景区和星级酒店给予贷款贴息。'] },
];
const TOPIC_WEIGHTS = TOPICS.map((_, i) => 1 / (i + 1));
const BOILERPLATE = [
  '各地各部门要高度重视，加强组织领导，确保政策落地见效。',
  '本办法由市财政局会同有关部门负责解释。',
  '申报单位对申报材料的真实性负责，对弄虚作假的，追回资金并纳入信用记录。',
  '符合本市其他同类政策的，按照从高不重复的原则执行。',
  '企业可通过亲商管家小程序在线申报，也可到政务服务中心窗口办理。',
  '市直有关部门按职责分工做好政策宣传和解读工作。',
  '资金拨付实行专款专用，接受审计和纪检监察部门的监督。',
  '对政策执行情况开展绩效评价，评价结果作为调整政策的依据。',
];

function pick(r, xs) {
  return xs[Math.floor(r() * xs.length)];
}
function pickTopic(r) {
  const total = TOPIC_WEIGHTS.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < TOPICS.length; i++) if ((x -= TOPIC_WEIGHTS[i]) <= 0) return TOPICS[i];
  return TOPICS[TOPICS.length - 1];
}
const dayOffset = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Policy number `i` of the corpus (deterministic). */
export function generatePolicy(i, r) {
  const topic = pickTopic(r);
  const second = r() < 0.3 ? pickTopic(r) : null;
  const year = 2021 + Math.floor(r() * 6);
  const p = Math.floor(r() * PREFIX.length);
  const district = r() < 0.35 ? pick(r, DISTRICTS) : null;
  const level = r() < 0.05 ? 'national' : r() < 0.1 ? 'provincial' : district ? 'district' : 'city';
  const sentences = [];
  const n = 8 + Math.floor(r() * 10);
  for (let k = 0; k < n; k++) {
    const from = r() < 0.55 ? topic.s : second && r() < 0.5 ? second.s : BOILERPLATE;
    sentences.push(`${k + 1}. ${pick(r, from)}`);
  }
  const body = sentences.map((s) => `<p>${s}</p>`).join('');
  const summary = `${pick(r, topic.s)}${pick(r, topic.s)}`;
  const interpretation = r() < 0.3 ? `<p>政策解读：${pick(r, topic.s)}${pick(r, BOILERPLATE)}</p>` : '';
  const status = r() < 0.95 ? 'published' : r() < 0.6 ? 'draft' : 'withdrawn';
  const validTo = r() < 0.15 ? null : dayOffset(Math.floor(r() * 2000) - 700);
  const validFrom = r() < 0.1 ? null : dayOffset(-Math.floor(r() * 1500) - 1);
  return {
    title: `${district ?? '湘潭市'}${pick(r, topic.titles)}`,
    docNumber: `${PREFIX[p]}〔${year}〕${i + 1}号`,
    issuer: ISSUERS[p],
    level,
    categories: second && second.cat !== topic.cat ? [topic.cat, second.cat] : [topic.cat],
    industries: r() < 0.3 ? [pick(r, INDUSTRIES)] : [],
    districts: district ? [district] : r() < 0.2 ? ['全市'] : [],
    validFrom: validTo && validFrom && validFrom > validTo ? validTo : validFrom,
    validTo,
    summary,
    body,
    interpretation,
    status,
    publishedAt: status === 'draft' ? null : new Date(Date.now() - Math.floor(r() * 5 * 365 * 86_400_000)),
  };
}

export async function createPolicyDatabase(db, { pgBase, policies, log = () => undefined }) {
  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${db}"`);
  await admin.end();
  const url = new URL(pgBase);
  url.pathname = `/${db}`;
  const { createDataSource } = dist('database/data-source.js');
  const ds = await createDataSource({ url: url.toString() });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  const { indexFields } = dist('modules/policies/search/index-fields.js');
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('DROP INDEX idx_policies_search');
    const r = rng(20261130);
    const BATCH = 500;
    const COLS = 18;
    for (let start = 0; start < policies; start += BATCH) {
      const values = [];
      const params = [];
      for (let i = start; i < Math.min(policies, start + BATCH); i++) {
        const p = generatePolicy(i, r);
        const f = indexFields(p);
        const o = params.length;
        values.push(
          `(${Array.from({ length: COLS }, (_, k) => `$${o + k + 1}${k === COLS - 1 ? '::tsvector' : ''}`).join(', ')})`,
        );
        params.push(
          p.title,
          p.docNumber,
          p.issuer,
          p.level,
          p.categories,
          p.industries,
          [],
          p.districts,
          p.validFrom,
          p.validTo,
          p.summary,
          p.body,
          p.interpretation,
          p.status,
          p.publishedAt,
          f.searchTitle,
          f.searchDoc,
          f.searchVector,
        );
      }
      await client.query(
        `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, qualifications, districts, valid_from,
           valid_to, summary, body, interpretation, status, published_at, search_title, search_doc, search_vector)
         VALUES ${values.join(', ')}`,
        params,
      );
      if ((start / BATCH) % 40 === 0) log(`${start + BATCH} policies`);
    }
    log('building the GIN index');
    await client.query('CREATE INDEX "idx_policies_search" ON "policies" USING gin ("search_vector")');
    await client.query('VACUUM ANALYZE policies');
  } finally {
    await client.end();
  }
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// The measurements.
// ---------------------------------------------------------------------------------------------

/** Published policies in force holding every word of `q` (what the issue calls the matches), counted in full. */
async function countMatches(pg, q) {
  const { parseQuery } = dist('modules/policies/search/query.js');
  const { shanghaiDay } = serverRequire('@qsgj/shared/rules');
  const { words, tsquery } = parseQuery(q);
  const today = shanghaiDay(new Date());
  const { rows } = await pg.query(
    `SELECT count(*)::int AS n FROM policies WHERE status = 'published'
       AND (valid_from IS NULL OR valid_from <= $1::date) AND (valid_to IS NULL OR valid_to >= $1::date)
       AND search_vector @@ $2::tsquery AND ${words.map((_, i) => `strpos(search_doc, $${i + 3}) > 0`).join(' AND ')}`,
    [today, tsquery, ...words],
  );
  return rows[0].n;
}

/** The lines of a plan a reader needs: nodes, index conditions, rows, timing. */
function planExcerpt(lines) {
  return lines
    .filter((l) => /(Scan|Sort |Limit|Aggregate)|Index Cond|Rows Removed|Heap Blocks|Execution Time/.test(l))
    .map((l) => (l.length > 160 ? `${l.slice(0, 157)}...` : l));
}

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
};
const round = (x) => Math.round(x * 100) / 100;

/** The service on a DataSource whose logger keeps the SQL it sends. */
export async function capturingService(dbUrl) {
  serverRequire('reflect-metadata');
  const { DataSource } = serverRequire('typeorm');
  const { dataSourceOptions } = dist('database/data-source.js');
  const { PolicySearchService } = dist('modules/policies/search/policy-search.service.js');
  const captured = [];
  const logger = {
    logQuery: (sql, params) => captured.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({ ...(await dataSourceOptions({ url: dbUrl })), logging: ['query'], logger });
  await ds.initialize();
  const service = new PolicySearchService(ds);
  /** The SELECTs one service call sends, in order (the last one is the page; before it, the counts). */
  const statementsOf = async (query) => {
    captured.length = 0;
    // read(): the search itself, past the per-process page cache (a repeated query would be a cache hit).
    await service.read(query, { staff: false });
    return captured.filter((c) => /^\s*SELECT/i.test(c.sql)).map(({ sql, params }) => ({ sql, params }));
  };
  const statementOf = async (query) => (await statementsOf(query)).at(-1);
  return { ds, service, statementOf, statementsOf, logger };
}

async function main() {
  const runs = Number(arg('--runs', '50'));
  const policies = Number(arg('--policies', '100000'));
  const db = arg('--db', 'bench_policies');
  const outFile = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-policy-search.json')));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${db}`;
  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [db])).rowCount > 0;
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  await admin.end();
  if (!exists || process.argv.includes('--reseed')) {
    console.error(`creating ${db} (${policies} policies)…`);
    const started = performance.now();
    await createPolicyDatabase(db, { pgBase, policies, log: (m) => console.error(`  ${m}`) });
    console.error(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }

  const pg = new Client({ connectionString: dbUrl.toString() });
  await pg.connect();
  const { service, statementOf, statementsOf, ds } = await capturingService(dbUrl.toString());
  const sizes = (
    await pg.query(`SELECT count(*)::int AS policies,
      count(*) FILTER (WHERE status = 'published')::int AS published,
      pg_size_pretty(pg_total_relation_size('policies')) AS total,
      pg_size_pretty(pg_relation_size('idx_policies_search')) AS gin
      FROM policies`)
  ).rows[0];
  console.log(
    `${sizes.policies} policies (${sizes.published} published); table with TOAST and indexes ${sizes.total}, GIN ${sizes.gin}`,
  );
  console.log(
    `PostgreSQL ${version}; ${cpus().length} × ${cpus()[0]?.model}; ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );

  const results = [];
  const explains = {};
  for (const [kind, queries] of Object.entries(BENCH_QUERIES)) {
    for (const q of queries) {
      const sts = await statementsOf({ q, limit: 20 });
      const matches = await countMatches(pg, q);
      const runAll = async () => {
        for (const st of sts) await pg.query(st.sql, st.params);
      };
      for (let w = 0; w < 3; w++) await runAll();
      const sqlMs = [];
      const serviceMs = [];
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        await runAll();
        sqlMs.push(performance.now() - t);
        t = performance.now();
        await service.read({ q, limit: 20 }, { staff: false });
        serviceMs.push(performance.now() - t);
      }
      const row = {
        kind,
        q,
        matches,
        statements: sts.length,
        order: sts.length > 2 ? 'title hits, then date' : 'ranked',
        sqlP50: round(quantile(sqlMs, 0.5)),
        sqlP95: round(quantile(sqlMs, 0.95)),
        serviceP50: round(quantile(serviceMs, 0.5)),
        serviceP95: round(quantile(serviceMs, 0.95)),
      };
      results.push(row);
      console.log(
        `${kind.padEnd(10)} ${q.padEnd(16)} matches ${String(matches).padStart(6)} (${row.order}, ${sts.length} statements)  SQL p50 ${row.sqlP50} ms p95 ${row.sqlP95} ms  service p50 ${row.serviceP50} ms p95 ${row.serviceP95} ms`,
      );
    }
  }
  const byKind = {};
  for (const kind of Object.keys(BENCH_QUERIES)) {
    const rows = results.filter((r) => r.kind === kind);
    byKind[kind] = {
      worstSqlP95: Math.max(...rows.map((r) => r.sqlP95)),
      medianSqlP50: quantile(
        rows.map((r) => r.sqlP50),
        0.5,
      ),
    };
  }
  console.log('\nby kind:', JSON.stringify(byKind));

  for (const q of ['奖补', '留抵退税', '人才公寓 租金', '槟榔 湘乡市']) {
    explains[q] = [];
    for (const st of await statementsOf({ q, limit: 20 })) {
      const { rows } = await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
      explains[q].push(rows.map((r) => r['QUERY PLAN']));
    }
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) 「${q}」, each statement the service sends:`);
    for (const plan of explains[q])
      console.log(
        `${planExcerpt(plan)
          .map((l) => `  ${l}`)
          .join('\n')}\n  --`,
      );
  }
  const plain = await statementOf({ limit: 20 });
  const { rows: plainPlan } = await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${plain.sql}`, plain.params);
  explains['(no query)'] = plainPlan.map((r) => r['QUERY PLAN']);
  console.log(
    `\nEXPLAIN (ANALYZE, BUFFERS) (no query, newest first):\n${explains['(no query)'].map((l) => `  ${l}`).join('\n')}`,
  );

  await pg.end();
  await ds.destroy();
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        postgres: version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        sizes,
        runs,
        results,
        byKind,
        explains,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${outFile}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
