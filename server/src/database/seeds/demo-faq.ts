import type { EntityManager } from 'typeorm';
import { faqIndex } from '../../modules/faq/faq.repository';

/**
 * The demo city's (湘潭) 常见问题: written for the demo, each as a butler would after a resolved consultation
 * (no enterprise named), published by a supervisor. Linked to the demo policies whose title or 文号 holds a hint
 * (the newest published one per hint), when there is one. Every category is one of `DEFAULT_DICTIONARIES`.
 */
interface DemoFaq {
  question: string;
  answer: string;
  categories: string[];
  /** Words of the titles of the policies to link. */
  policyHints?: string[];
}

export const DEMO_FAQ: readonly DemoFaq[] = [
  {
    question: '在湘潭新开一家公司，办理营业执照需要多长时间？',
    answer:
      '在湘潭市政务服务网“企业开办”专区或市民之家企业开办窗口，一次提交设立登记、公章刻制、发票申领、社保登记和银行开户预约等材料，材料齐全的，营业执照一般 1 个工作日内办结，全流程不超过 1 个工作日。\n需要准备：公司章程、全体股东身份证明、住所使用证明（租赁合同或产权证明）。',
    categories: ['市场准入'],
    policyHints: ['企业开办'],
  },
  {
    question: '个体工商户营业执照可以网上注销吗？',
    answer:
      '可以。未开业或无债权债务的个体工商户，可通过湖南省企业登记全程电子化平台申请简易注销，公示期 20 天期满无异议的即可办理注销登记。\n有未结清税款的，需先到税务部门办结清税手续。',
    categories: ['市场准入'],
    policyHints: ['个体工商户'],
  },
  {
    question: '营业执照上的经营范围想增加一项，怎么办理变更？',
    answer:
      '法定代表人通过湘潭市政务服务网“企业变更登记”在线提交变更申请书和股东会决议（修改后的章程或章程修正案），审核通过后可在线领取电子营业执照，纸质执照可邮寄。\n涉及许可经营项目的，还需向相应主管部门申请许可。',
    categories: ['市场准入'],
  },
  {
    question: '新招的员工，社保最晚什么时候要缴纳？',
    answer:
      '用人单位应自用工之日起 30 日内为新员工办理社会保险登记，并按月申报缴纳社保费。\n可在湖南省电子税务局或“湘税社保”小程序办理参保登记和缴费；逾期未缴的将按日加收滞纳金。',
    categories: ['稳岗就业'],
    policyHints: ['社会保险', '社保'],
  },
  {
    question: '企业没有裁员，能申请失业保险稳岗返还吗？',
    answer:
      '可以申请。参保缴费满 1 年、上年度未裁员或裁员率不高于规定比例的企业，可享受失业保险稳岗返还，中小微企业按上年度实际缴纳失业保险费的一定比例返还。\n符合条件的企业一般无需申请，由人社部门通过大数据比对后“免申即享”直接发放到企业对公账户。',
    categories: ['稳岗就业'],
    policyHints: ['稳岗'],
  },
  {
    question: '招用高校毕业生，企业能领哪些补贴？',
    answer:
      '招用毕业年度或离校 2 年内未就业高校毕业生、签订 1 年以上劳动合同并为其缴纳社保的企业，可申请一次性扩岗补助，还可按规定享受社保补贴。\n申请材料：劳动合同、社保缴费记录、毕业证书，向企业参保地人社部门提交。',
    categories: ['稳岗就业', '人才'],
    policyHints: ['扩岗', '吸纳就业'],
  },
  {
    question: '增值税留抵退税怎么申请，多久能到账？',
    answer:
      '纳税人通过电子税务局“留抵退税申请”模块在线提交《退（抵）税申请表》，也可到办税服务厅办理。纳税信用等级为 A 级或 B 级的纳税人方可申请。\n资料齐全的，税务机关一般在 5 个工作日内办结，退税款直接退到企业账户。',
    categories: ['减税降费'],
    policyHints: ['留抵退税'],
  },
  {
    question: '小型微利企业所得税优惠需要备案吗？',
    answer:
      '不需要备案。小型微利企业通过填报企业所得税纳税申报表即可享受优惠，相关资料留存备查。\n判断标准：年度应纳税所得额不超过 300 万元、从业人数不超过 300 人、资产总额不超过 5000 万元，三项同时满足。',
    categories: ['减税降费'],
    policyHints: ['小微企业'],
  },
  {
    question: '研发费用加计扣除可以在年中提前享受吗？',
    answer:
      '可以。企业可在 7 月份预缴申报第 2 季度（按季预缴）或 6 月份（按月预缴）企业所得税时，自主选择就上半年研发费用享受加计扣除；未选择的可在年度汇算清缴时统一享受。\n研发支出需设立辅助账单独归集，烟草制造、住宿餐饮、批发零售等行业不适用。',
    categories: ['减税降费', '科技创新'],
    policyHints: ['研发费用'],
  },
  {
    question: '小微企业没有抵押物，能在湘潭申请到贷款吗？',
    answer:
      '可以。湘潭市政府性融资担保机构为小微企业提供担保，担保费率不超过 1%，符合条件的可申请担保费补贴；创业担保贷款对个人最高 30 万元、小微企业最高 400 万元，并给予贴息。\n可通过“信易贷”平台或联系您的亲商管家对接合作银行。',
    categories: ['金融支持'],
    policyHints: ['担保', '贷款'],
  },
  {
    question: '企业贷款快到期了资金周转不开，有没有应急转贷？',
    answer:
      '湘潭市设有企业应急转贷资金，为贷款即将到期、银行已同意续贷但暂时资金周转困难的中小企业提供短期过桥资金，使用期限一般不超过 15 天，费用较低。\n请在贷款到期前 10 个工作日向市地方金融监管部门或合作银行提出申请。',
    categories: ['金融支持'],
    policyHints: ['转贷', '续贷'],
  },
  {
    question: '工程建设项目施工许可需要多少个工作日？',
    answer:
      '湘潭市工程建设项目审批实行“一窗受理、并联审批”，一般社会投资项目从立项到施工许可审批时间压减至 30 个工作日以内，小型低风险项目 15 个工作日以内。\n对具备条件的产业项目实行“拿地即开工”，部分材料可容缺受理、告知承诺后补交。',
    categories: ['工程建设审批'],
    policyHints: ['工程建设', '拿地即开工'],
  },
  {
    question: '厂房扩建的规划许可和施工许可能一起办吗？',
    answer:
      '可以并联办理。通过湘潭市工程建设项目审批管理系统一次提交申请，建设工程规划许可与施工许可可同步审查；施工图实行联合审查，审查合格后即可核发施工许可证。\n建议提前联系项目所在园区的帮代办专员，梳理所需材料。',
    categories: ['工程建设审批'],
    policyHints: ['工程建设'],
  },
  {
    question: '申报高新技术企业认定有哪些基本条件？',
    answer:
      '主要条件：注册成立 1 年以上；拥有对主要产品在技术上发挥核心支持作用的知识产权；科技人员占职工总数不低于 10%；近三个会计年度研发费用占销售收入的比例达到规定要求；高新技术产品收入占同期总收入不低于 60%。\n认定通过后可享受 15% 的企业所得税优惠税率，湘潭市另有认定奖励。',
    categories: ['科技创新'],
    policyHints: ['高新技术企业'],
  },
  {
    question: '企业想申请专利，有没有资助或奖励？',
    answer:
      '有。湘潭市对企业获得授权的发明专利给予资助，对获评省级以上专利奖的企业给予奖励；知识产权质押融资还可享受贴息。\n请在专利授权后通过市场监督管理部门（知识产权）申报，需提供专利证书和缴费凭证。',
    categories: ['知识产权'],
    policyHints: ['知识产权'],
  },
  {
    question: '企业出口商品，出口信用保险保费有补贴吗？',
    answer:
      '有。湘潭市及部分县市区对中小外贸企业投保短期出口信用保险给予保费补贴，补贴比例和上限以当年申报通知为准。\n请保留保单和保费缴纳凭证，在申报期内向商务部门提交。',
    categories: ['外贸与跨境电商'],
    policyHints: ['出口信用保险'],
  },
];

/**
 * Adds the demo entries that are missing (by question), published, in one batched INSERT; changes nothing that is
 * there. Authored by the demo butler `guanjia`, reviewed by the supervisor `zhuguan` (four eyes, as the workbench
 * requires). The number of entries added.
 */
export async function seedDemoFaq(m: EntityManager, now = new Date()): Promise<number> {
  const present = new Set(
    (
      (await m.query(`SELECT question FROM faq_entries WHERE question = ANY($1::text[])`, [
        DEMO_FAQ.map((f) => f.question),
      ])) as Array<{ question: string }>
    ).map((r) => r.question),
  );
  const missing = DEMO_FAQ.filter((f) => !present.has(f.question));
  if (missing.length === 0) return 0;

  const staff = (await m.query(`SELECT id, username FROM users WHERE username IN ('guanjia', 'zhuguan')`)) as Array<{
    id: string;
    username: string;
  }>;
  const author = staff.find((s) => s.username === 'guanjia')?.id ?? null;
  const reviewer = staff.find((s) => s.username === 'zhuguan')?.id ?? null;
  const hints = [...new Set(missing.flatMap((f) => f.policyHints ?? []))];
  const linked = new Map(
    (
      (await m.query(
        `SELECT DISTINCT ON (h.hint) h.hint, p.id FROM unnest($1::text[]) AS h(hint)
         JOIN policies p ON p.status = 'published' AND strpos(p.search_title, h.hint) > 0
         ORDER BY h.hint, p.published_at DESC, p.id`,
        [hints],
      )) as Array<{ hint: string; id: string }>
    ).map((r) => [r.hint, r.id]),
  );

  const params: unknown[] = [];
  const tuples = missing.map((f, i) => {
    const index = faqIndex(f);
    const policyIds = [
      ...new Set((f.policyHints ?? []).map((h) => linked.get(h)).filter((id): id is string => !!id)),
    ].slice(0, 3);
    // Published over the last weeks, the first entry the newest; a few views each.
    const publishedAt = new Date(now.getTime() - (i + 1) * 2 * 86_400_000);
    const values = [
      f.question,
      f.answer,
      f.categories,
      policyIds,
      author,
      reviewer,
      publishedAt,
      (DEMO_FAQ.length - i) * 7,
      index.searchTitle,
      index.searchDoc,
      index.searchVector,
    ];
    const base = params.length;
    params.push(...values);
    const $ = (k: number) => `$${base + k}`;
    return `(${$(1)}, ${$(2)}, ${$(3)}::text[], ${$(4)}::uuid[], 'published', ${$(5)}::uuid, ${$(5)}::uuid, ${$(6)}::uuid, ${$(7)}::timestamptz, ${$(8)}::int, ${$(9)}, ${$(10)}, ${$(11)}::tsvector, ${$(7)}::timestamptz, ${$(7)}::timestamptz)`;
  });
  await m.query(
    `INSERT INTO faq_entries (question, answer, categories, policy_ids, status, created_by, edited_by, reviewed_by,
       published_at, view_count, search_title, search_doc, search_vector, created_at, updated_at)
     VALUES ${tuples.join(', ')}`,
    params,
  );
  return missing.length;
}
