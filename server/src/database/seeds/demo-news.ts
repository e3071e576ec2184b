import type { EntityManager } from 'typeorm';
import { sanitizePolicyHtml } from '../../modules/policies/policy-html';

/**
 * The demo city's (湘潭) 营商动态: a dozen articles written for the demo (营商环境、政策解读、惠企活动、管家风采 …),
 * two pinned, one scheduled three days after the seed runs, one draft. Identified by title: a second run adds
 * only what is missing and changes nothing present. No covers (the list shows its placeholder).
 */

export interface DemoArticle {
  title: string;
  summary: string;
  source: string;
  /** HTML (sanitised before it is stored). */
  body: string;
  /** Days before the seed ran that it was published (negative: scheduled that many days ahead); null: a draft. */
  daysAgo: number | null;
  pinned?: boolean;
}

const p = (...paras: string[]) => paras.map((t) => `<p>${t}</p>`).join('');

export const DEMO_NEWS: DemoArticle[] = [
  {
    title: '湘潭市优化营商环境“十大行动”全面启动',
    summary: '围绕市场准入、政务服务、要素保障等十个方面，推出 60 项具体举措，力争年内企业办事时间再压减三成。',
    source: '湘潭市优化营商环境协调事务中心',
    body:
      p('近日，湘潭市召开优化营商环境工作推进会，部署“十大行动”。') +
      '<h3>主要举措</h3><ul><li>企业开办“一网通办”，全程压缩至 1 个工作日内；</li><li>工程建设项目审批“拿地即开工”扩面至全部产业园区；</li><li>涉企诉求“亲商管家”小程序一键直达，24 小时内响应。</li></ul>' +
      p('市优化营商环境协调事务中心将按月通报各项举措进展，接受企业监督。'),
    daysAgo: 1,
    pinned: true,
  },
  {
    title: '“亲商管家”小程序上线：企业诉求一键直达管家',
    summary: '企业可在线提交咨询、投诉与建议，查看办理进度并对服务评价，管家团队全程跟进。',
    source: '湘潭市优化营商环境协调事务中心',
    body:
      p('“亲商管家”小程序正式上线。企业绑定后，可随时向专属管家咨询政策、反映问题。') +
      '<h3>怎么用</h3><ol><li>微信搜索“亲商管家”进入小程序；</li><li>在“我的”中绑定企业；</li><li>在首页选择“我要咨询”或“我要投诉”。</li></ol>' +
      p('诉求办结后，企业可对服务进行评价，差评将由专人回访。'),
    daysAgo: 3,
    pinned: true,
  },
  {
    title: '一图读懂：2026 年湘潭市中小企业纾困解难十条措施',
    summary: '从融资贴息、房租减免到稳岗返还，十条措施逐条解读，看看您的企业能享受哪些。',
    source: '湘潭市工业和信息化局',
    body:
      p('为帮助中小企业稳定经营，市工信局联合相关部门出台十条措施。') +
      '<table><thead><tr><th>措施</th><th>适用对象</th></tr></thead><tbody><tr><td>贷款贴息</td><td>年营业收入 2 亿元以下的制造业企业</td></tr><tr><td>稳岗返还</td><td>上年度未裁员或裁员率低于全国调查失业率的企业</td></tr><tr><td>首贷奖励</td><td>首次获得银行贷款的小微企业</td></tr></tbody></table>' +
      p('具体申报条件可在“政策服务”中搜索“纾困”查看，或直接咨询您的管家。'),
    daysAgo: 5,
  },
  {
    title: '政策解读｜研发费用加计扣除比例提高到 100%，湘潭企业如何享受',
    summary: '税务部门详解研发费用加计扣除的适用范围、归集口径与申报时点，预缴时即可享受。',
    source: '国家税务总局湘潭市税务局',
    body:
      p('符合条件的企业开展研发活动中实际发生的研发费用，可按实际发生额的 100% 在税前加计扣除。') +
      '<h3>三个要点</h3><ul><li>适用于除烟草制造业、住宿和餐饮业等负面清单行业外的企业；</li><li>可在 7 月、10 月预缴申报时选择享受；</li><li>留存备查资料包括研发项目计划书、研发费用辅助账等。</li></ul>' +
      p('如有疑问，可拨打 12366 或在“亲商管家”向税务管家咨询。'),
    daysAgo: 8,
  },
  {
    title: '湘潭经开区举办“政银企”对接会，现场签约授信 12.6 亿元',
    summary: '20 家银行机构与 86 家园区企业面对面，现场签约项目 31 个。',
    source: '湘潭经济技术开发区管委会',
    body:
      p('湘潭经开区近日举办“政银企”融资对接会，20 家银行机构推介 40 余款特色信贷产品。') +
      p('活动现场，31 个项目签约，授信总额 12.6 亿元，其中首贷企业 9 家。经开区将每季度举办一次对接会。'),
    daysAgo: 10,
  },
  {
    title: '管家风采｜李管家：一张表格跑出企业开办“加速度”',
    summary: '营商中心管家李管家梳理企业开办高频问题，把 17 项材料压缩为一张表。',
    source: '湘潭市优化营商环境协调事务中心',
    body:
      p('“以前开一家公司要跑好几个窗口，现在填一张表就够了。”谈起变化，湘潭某新材料企业负责人感慨。') +
      p(
        '李管家从企业的高频问题入手，联合市场监管、税务、人社等部门，把企业开办所需的 17 项材料整合为一张综合申请表，平均办理时间从 3 天缩短到半天。',
      ) +
      '<blockquote>“企业少跑一趟，我们就多做一分。”——李管家</blockquote>',
    daysAgo: 13,
  },
  {
    title: '湘潭高新区“拿地即开工”再提速，项目审批最快 7 天',
    summary: '通过容缺受理、并联审批，高新区一批重点项目实现签约、拿地、开工“三连跳”。',
    source: '湘潭高新技术产业开发区管委会',
    body:
      p('湘潭高新区推行“拿地即开工”审批模式，土地出让前即开展方案预审、图纸联审。') +
      '<ul><li>容缺受理事项 23 项；</li><li>施工许可与用地、规划许可并联办理；</li><li>专人全程帮办代办。</li></ul>' +
      p('今年以来，已有 14 个项目实现“拿地即开工”。'),
    daysAgo: 17,
  },
  {
    title: '惠企活动｜“湘才潭聚”春季招聘会：300 余家企业提供岗位 8000 余个',
    summary: '市人社局联合各园区举办专场招聘会，企业可免费报名参会，现场设政策咨询台。',
    source: '湘潭市人力资源和社会保障局',
    body:
      p('“湘才潭聚”春季招聘会将在湘潭市人力资源市场举行，涵盖智能制造、新材料、现代服务等行业。') +
      p('参会企业可同步了解就业见习补贴、吸纳就业补贴等政策，现场提交申报材料。'),
    daysAgo: 22,
  },
  {
    title: '湘潭市市场监管局推出“证照分离”改革 2.0 版',
    summary: '123 项涉企经营许可事项实行分类改革，告知承诺制事项扩至 48 项。',
    source: '湘潭市市场监督管理局',
    body:
      p(
        '市市场监管局深化“证照分离”改革，对涉企经营许可事项分别采取直接取消审批、审批改为备案、实行告知承诺、优化审批服务四种方式。',
      ) + p('企业可通过湖南省政务服务网或各级政务服务大厅办理。'),
    daysAgo: 30,
  },
  {
    title: '营商环境满意度调查结果出炉：企业评价 96.2 分',
    summary: '第三方机构调查显示，企业对政务服务效率、诉求响应速度的满意度均有提升。',
    source: '湘潭市优化营商环境协调事务中心',
    body:
      p('受市优化营商环境协调事务中心委托，第三方机构面向全市 1200 家企业开展满意度调查。') +
      p('结果显示，企业总体满意度 96.2 分，较上年提高 1.8 分；诉求响应速度、政策获取便利度提升最为明显。'),
    daysAgo: 41,
  },
  {
    title: '预告｜湘潭市 2027 年度惠企政策集中宣讲会',
    summary: '市直部门将集中解读 2027 年度惠企政策，企业可通过“亲商管家”报名参加。',
    source: '湘潭市优化营商环境协调事务中心',
    body:
      p('湘潭市将举办 2027 年度惠企政策集中宣讲会，发改、工信、财政、税务、人社等部门现场解读。') +
      p('宣讲会后设一对一咨询环节，企业可提前在“亲商管家”提交问题。'),
    daysAgo: -3,
  },
  {
    title: '（草稿）管家风采｜刘管家：出口退税“即报即退”背后的故事',
    summary: '税务管家刘管家帮助外贸企业打通出口退税堵点，平均退税时间压缩到 3 个工作日。',
    source: '国家税务总局湘潭市税务局',
    body: p('稿件待补充企业采访内容。'),
    daysAgo: null,
  },
];

const DAY_MS = 86_400_000;

/** Adds the demo articles not there yet (by title), in one INSERT; answers how many it added. */
export async function seedDemoNews(m: EntityManager, createdBy: string | null, now = new Date()): Promise<number> {
  // Titles are not unique in the table: two processes seeding at once queue here (until the caller's transaction ends).
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('seed:demo-news'))`);
  const titles = DEMO_NEWS.map((a) => a.title);
  const present = new Set(
    (
      (await m.query(`SELECT title FROM news_articles WHERE title = ANY($1::text[])`, [titles])) as Array<{
        title: string;
      }>
    ).map((r) => r.title),
  );
  const missing = DEMO_NEWS.filter((a) => !present.has(a.title));
  if (missing.length === 0) return 0;
  const params: unknown[] = [];
  const tuples = missing.map((a, i) => {
    // Published at 09:30 + i minutes on the day given (a scheduled one that many days ahead); drafts unpublished.
    const at = a.daysAgo === null ? null : new Date(now.getTime() - a.daysAgo * DAY_MS - i * 60_000);
    const created = at && at.getTime() < now.getTime() ? new Date(at.getTime() - 3_600_000) : now;
    const values = [
      a.title,
      a.summary,
      sanitizePolicyHtml(a.body),
      a.source,
      a.daysAgo === null ? 'draft' : 'published',
      at,
      a.pinned ?? false,
      // Plausible reads, more for older articles; none for the scheduled one and the draft.
      a.daysAgo !== null && a.daysAgo > 0 ? 40 + a.daysAgo * 23 + (i % 5) * 7 : 0,
      createdBy,
      created,
    ];
    const base = params.length;
    params.push(...values);
    const $ = (k: number) => `$${base + k}`;
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::timestamptz, ${$(7)}::boolean, ${$(8)}::int, ${$(9)}::uuid, ${$(10)}::timestamptz, ${$(10)}::timestamptz)`;
  });
  const inserted = (await m.query(
    `INSERT INTO news_articles (title, summary, body, source, status, published_at, pinned, view_count, created_by,
       created_at, updated_at)
     VALUES ${tuples.join(', ')}
     RETURNING id`,
    params,
  )) as unknown[];
  return inserted.length;
}
