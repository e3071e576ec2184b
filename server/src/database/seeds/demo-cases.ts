import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CASE_RATING_TAGS, type CaseCategory } from '@qsgj/shared/contracts';
import {
  type CaseAction,
  type CaseSource,
  type CaseState,
  type CaseType,
  type FollowUpContactMethod,
  type FollowUpRating,
  Role,
} from '@qsgj/shared/enums';
import {
  addCalendarDays,
  applyTransition,
  type CaseActor,
  type CaseContext,
  type CaseRecord,
  type CaseTransitionPayload,
  DEFAULT_CASE_LIMITS,
  dueAfter,
  isWorkingDay,
  openCase,
  shanghaiDay,
  SHANGHAI_OFFSET_MS,
  startOfShanghaiDay,
  type WorkingCalendar,
} from '@qsgj/shared/rules';
import { CaseEventEntity } from '../../modules/cases/case-event.entity';
import { CaseFollowUpEntity } from '../../modules/cases/case-follow-up.entity';
import { CaseMessageEntity } from '../../modules/cases/case-message.entity';
import { CaseRatingEntity } from '../../modules/cases/case-rating.entity';
import { recordColumns, toEventRow } from '../../modules/cases/case-record';
import { caseNumber } from '../../modules/cases/cases.service';
import { CASES_SQL } from '../../modules/cases/cases.sql';
import { CaseEntity } from '../../modules/cases/case.entity';
import { WorkingCalendarEntity } from '../../modules/cases/working-calendar.entity';
import { DepartmentEntity } from '../../modules/departments/department.entity';
import { EnterpriseEntity } from '../../modules/enterprises/enterprise.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { DEMO_ENTERPRISES } from './demo';

/**
 * The demo city's cases (诉求): about 120 over the last 90 days in every state, so the workbench queue, the
 * follow-ups, the ledger and the public figures are alive on first start. Every case is built through the pure
 * model (`openCase` + `applyTransition`, the calendar of `working_calendar`, `DEFAULT_CASE_LIMITS`) and its rows
 * are written from the model's result, exactly as the server writes them — no deadline is typed by hand.
 *
 * Deterministic: a seeded PRNG decides everything but the instants, which are relative to `now` (so ages and
 * open deadlines stay realistic on whatever day the demo starts). Numbers come from `case_number_counters`,
 * reserved atomically per day, so a case submitted after the seed never collides.
 *
 * Idempotent: when the demo enterprises already have a case, nothing is added (their rows are locked first, so
 * two processes starting together seed once).
 */

/** How many cases of each state the demo holds (120 in all: 受理 108, 办结 90, 8 长期推进). */
export const DEMO_CASE_STATES: Record<CaseState, number> = {
  pending_check: 2,
  submitted: 4,
  rejected: 6,
  accepted: 7,
  awaiting_enterprise: 3,
  long_term: 8,
  resolved: 6,
  closed: 84,
};

/** The days a follow-up of a bad rating runs (the server's CASE_FOLLOW_UP_WORKING_DAYS default). */
const FOLLOW_UP_DAYS = 5;
/** The sweep closes a resolved case this many days after 办结 (CASE_AUTO_CLOSE_DAYS default). */
const AUTO_CLOSE_DAYS = 7;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Topic {
  category: CaseCategory;
  text: string;
  reply: string;
  result: string;
}

interface DepartmentTopics {
  ask: Topic[];
  complain: Topic[];
  service: Topic[];
}

/** What enterprises bring to each department: 咨询 (ask), 投诉 / 诉求 (complain), 服务申请 (service). */
const TOPICS: Record<string, DepartmentTopics> = {
  营商中心: {
    ask: [
      {
        category: 'finance',
        text: '我们是小微企业，想申请“潇湘财银贷”，请问需要准备哪些材料？利率大概多少？',
        reply:
          '您好，潇湘财银贷面向小微企业，年化利率一般不超过4.35%，需营业执照、近两年财务报表和纳税证明，我已把合作银行客户经理的联系方式发给您。',
        result: '已解答申报条件并对接合作银行客户经理。',
      },
      {
        category: 'policy',
        text: '去年申报的市级“专精特新”奖补资金什么时候拨付？在哪里能查到进度？',
        reply:
          '您好，2026年第一批奖补资金已进入财政拨付流程，可在“湘潭市惠企政策兑现平台”用统一社会信用代码查询进度，预计本月底前到账。',
        result: '已告知拨付进度和查询渠道。',
      },
      {
        category: 'utilities',
        text: '新厂房要报装一台800千伏安的专用变压器，想了解办电流程和大概需要多长时间。',
        reply:
          '您好，高压新装已实行“三零三省”服务，线上提交申请后供电公司上门勘查，从受理到送电一般不超过15个工作日，我已请供电公司客户经理与您联系。',
        result: '已对接供电公司，客户经理上门勘查。',
      },
    ],
    complain: [
      {
        category: 'fees',
        text: '园区物业在水电费之外每月加收“配套服务费”，没有任何收费依据，希望有关部门核实。',
        reply: '您好，您反映的收费问题已收到，我们已联系市场监管部门和园区管理方一同核实收费依据。',
        result: '经核实，该服务费无收费依据，已责令物业停止收取并退还近三个月多收费用。',
      },
      {
        category: 'utilities',
        text: '燃气报装申请提交一个多月了，燃气公司一直说在排期，生产线调试被耽误，请帮忙协调。',
        reply: '您好，我们已联系燃气公司了解排期情况，会督促尽快安排施工。',
        result: '已协调燃气公司调整施工计划，管道已接通并完成通气验收。',
      },
    ],
    service: [
      {
        category: 'startup',
        text: '申请“企业开办一件事”帮办服务：新设一家分公司，需要营业执照、刻章、税务登记和社保开户一次办结。',
        reply: '您好，帮办专员已为您预约政务服务中心企业开办专区，请携带法定代表人身份证原件到场。',
        result: '分公司营业执照、公章、发票和社保登记已一次办结。',
      },
    ],
  },
  市场监管: {
    ask: [
      {
        category: 'ip',
        text: '我们有一项外观设计想申请专利，同时想注册商标，请问有没有快速审查通道？',
        reply:
          '您好，湘潭知识产权保护中心可为备案企业提供专利预审快速通道，外观设计授权周期可缩短到一个月左右，商标可通过窗口代办，我把备案指南发您。',
        result: '已解答专利预审和商标注册流程。',
      },
      {
        category: 'market_access',
        text: '公司想增加“食品销售”经营范围，是否需要办理食品经营许可证？能否网上办理？',
        reply:
          '您好，仅销售预包装食品实行备案管理，可在“湘易办”线上提交备案，无需现场核查；销售散装食品则需要办理食品经营许可证。',
        result: '已说明备案与许可的区别及线上办理方式。',
      },
    ],
    complain: [
      {
        category: 'ip',
        text: '我司注册商标被外地一家公司在电商平台上仿冒使用，请求帮助维权。',
        reply: '您好，我们已将线索转知识产权执法队，请补充商标注册证和侵权链接截图。',
        result: '已立案调查并协调电商平台下架侵权商品，同时指导企业申请电子证据保全。',
      },
      {
        category: 'approval',
        text: '特种设备使用登记提交后迟迟没有结果，窗口让我们反复补材料，每次要求都不一样。',
        reply: '您好，您反映的情况已收到，我们正在核查办理过程并给出一次性告知清单。',
        result: '已一次性告知所需材料并当场办结使用登记，对窗口人员进行了提醒谈话。',
      },
    ],
    service: [
      {
        category: 'quality',
        text: '申请“质量技术帮扶”服务：希望计量检测机构上门对生产线的计量器具进行集中检定。',
        reply: '您好，已为您联系市计量检测研究院，检定人员将在约定时间上门。',
        result: '计量器具集中检定完成，出具检定证书36份。',
      },
    ],
  },
  税务: {
    ask: [
      {
        category: 'tax',
        text: '研发费用加计扣除今年能不能在预缴时享受？委托外部研发的费用怎么归集？',
        reply:
          '您好，企业可在7月和10月预缴申报时享受上半年和前三季度的加计扣除；委托境内外部研发按实际发生额的80%计入，需留存委托研发合同。',
        result: '已解答预缴享受时点和委托研发费用归集口径。',
      },
      {
        category: 'tax',
        text: '我们是跨境电商企业，第一次申报出口退税，需要先办理什么备案？多久能退下来？',
        reply:
          '您好，需先在电子税务局办理出口退（免）税备案，正常申报的退税平均办理时间已压缩到3个工作日以内，稍后我把操作指引发给您。',
        result: '已指导办理出口退税备案。',
      },
      {
        category: 'tax',
        text: '小规模纳税人月销售额多少以内免征增值税？开了专票还能享受吗？',
        reply:
          '您好，月销售额10万元以下（季度30万元以下）免征增值税；开具增值税专用发票的部分不能享受免税，需按规定缴纳。',
        result: '已解答小规模纳税人增值税优惠政策。',
      },
    ],
    complain: [
      {
        category: 'tax',
        text: '留抵退税申请提交已经二十多天，系统一直显示“审核中”，资金周转很紧张。',
        reply: '您好，我们已联系主管税务分局核查审核进度。',
        result: '经核查因一张进项发票待核实导致延误，已加快核实，留抵退税款已退还到账。',
      },
    ],
    service: [
      {
        category: 'tax',
        text: '申请“税务管家”上门辅导：新上的ERP系统与电子发票平台对接有问题，希望税务人员上门指导。',
        reply: '您好，已安排税务管家和电子发票技术人员上门辅导。',
        result: '已上门完成数电发票接口配置辅导，企业可正常开票。',
      },
    ],
  },
  人社: {
    ask: [
      {
        category: 'labour',
        text: '今年的稳岗返还政策有没有调整？我们需要主动申请吗？',
        reply:
          '您好，今年继续实施稳岗返还，中小微企业按上年度实际缴纳失业保险费的60%返还，符合条件的企业“免申即享”，无需申请，资金直接拨付到单位账户。',
        result: '已解答稳岗返还政策，企业在免申即享名单内。',
      },
      {
        category: 'talent',
        text: '我们引进了一名博士，能享受哪些人才补贴？安家补贴怎么申请？',
        reply:
          '您好，全职引进的博士可申请安家补贴和生活津贴，需在入职一年内通过“湘潭人才网”申报，附劳动合同和社保缴纳证明。',
        result: '已告知人才补贴标准和申报方式。',
      },
    ],
    complain: [
      {
        category: 'labour',
        text: '企业急需招聘50名数控操作工，多次参加招聘会效果不好，希望人社部门帮助对接职业院校。',
        reply: '您好，我们已将用工需求推送到市就业服务中心和两所职业技术学院。',
        result: '已组织专场校企对接会，企业与两所院校签订订单班协议，首批28名学员到岗。',
      },
    ],
    service: [
      {
        category: 'labour',
        text: '申请“以工代训”补贴和新员工岗前培训服务，本季度新招员工42人。',
        reply: '您好，已受理您的培训补贴申请，请按清单补充花名册和培训记录。',
        result: '培训补贴已审核通过并拨付。',
      },
    ],
  },
  自然资源: {
    ask: [
      {
        category: 'land',
        text: '我们想在现有厂区内加建一栋仓库，需要办理哪些规划手续？能否容缺受理？',
        reply:
          '您好，厂区内加建需办理建设工程规划许可证，符合容缺受理条件的可先行受理，后补土地权属材料，我把“一件事”办理指南发给您。',
        result: '已解答规划许可办理流程和容缺受理条件。',
      },
      {
        category: 'property',
        text: '新购厂房的不动产权证能否和企业的抵押登记一起办理？大概多久能拿证？',
        reply: '您好，可以申请“转移+抵押”合并办理，在银行网点即可一次提交，一般3个工作日内办结。',
        result: '已告知合并登记方式和办理时限。',
      },
    ],
    complain: [
      {
        category: 'land',
        text: '项目用地已经摘牌三个月，土地证还没有办下来，影响后续报建和银行贷款。',
        reply: '您好，我们已调取办理记录核查卡在哪个环节。',
        result: '经协调已完成地籍调查，不动产权证书已发放。',
      },
    ],
    service: [
      {
        category: 'land',
        text: '申请“标准地”出让前的规划条件预审服务，拟建二期厂房约3万平方米。',
        reply: '您好，已为您安排规划条件预审，请提交项目总平面方案。',
        result: '规划条件预审意见已出具。',
      },
    ],
  },
  高新区: {
    ask: [
      {
        category: 'innovation',
        text: '高新技术企业认定明年到期，重新认定需要提前准备什么？研发投入比例怎么算？',
        reply:
          '您好，重新认定按近三个会计年度的研发费用占销售收入比例计算，年收入2亿元以上的企业不低于3%，建议尽早完成研发费用专项审计。',
        result: '已解答高企重新认定条件并推荐专项辅导。',
      },
      {
        category: 'approval',
        text: '园区标准厂房租赁有没有租金减免政策？入驻流程是怎样的？',
        reply:
          '您好，符合条件的科技型企业入驻标准厂房可享受前两年租金减半，需先提交入园申请和项目评审，我可以帮您预约现场看房。',
        result: '已介绍入园流程并安排看房。',
      },
    ],
    complain: [
      {
        category: 'approval',
        text: '园区道路施工导致厂区大门被封堵一周，物流车辆无法进出，请求尽快协调。',
        reply: '您好，我们已联系施工单位和园区建设部门现场查看。',
        result: '已协调施工单位开设临时通道并调整施工时序，物流已恢复通行。',
      },
    ],
    service: [
      {
        category: 'innovation',
        text: '申请“科技成果转化”对接服务：希望与湘潭大学电机方向团队合作攻关高效电机控制技术。',
        reply: '您好，已为您联系湘潭大学科技处，双方可于下周座谈。',
        result: '校企对接会已召开，双方签订联合攻关协议。',
      },
    ],
  },
  经开区: {
    ask: [
      {
        category: 'approval',
        text: '新建厂房项目想走“拿地即开工”，需要提前准备哪些材料？',
        reply:
          '您好，拿地即开工需在土地出让前完成方案审查和施工图预审，我们会成立项目专班全程帮办，请先把设计方案发给我们。',
        result: '已介绍拿地即开工流程并成立项目专班。',
      },
      {
        category: 'finance',
        text: '想了解经开区的“园保贷”和设备融资租赁贴息政策，申请门槛是什么？',
        reply:
          '您好，园保贷面向园区内规上工业企业，单户最高1000万元；设备融资租赁按实际支付利息的50%贴息，我把两项政策原文发您。',
        result: '已解答融资政策并推送政策原文。',
      },
    ],
    complain: [
      {
        category: 'utilities',
        text: '园区近一个月已停电三次，每次都没有提前通知，生产线损失很大。',
        reply: '您好，我们已联系供电公司了解停电原因，并要求今后计划停电提前通知企业。',
        result: '供电公司已完成线路改造，计划停电改为提前三天短信通知，近期未再发生非计划停电。',
      },
      {
        category: 'approval',
        text: '施工许可申请被退回两次，每次只告知一个问题，希望一次性说清楚。',
        reply: '您好，您反映的情况已收到，我们将组织审批人员一次性告知全部问题。',
        result: '已出具一次性告知单，施工许可证已核发。',
      },
    ],
    service: [
      {
        category: 'approval',
        text: '申请工程建设项目“全程帮办代办”服务：汽车零部件扩产项目，预计投资1.2亿元。',
        reply: '您好，帮代办专员已对接，项目审批事项清单已发送给您。',
        result: '项目立项、规划许可和施工许可已全部办结。',
      },
    ],
  },
};

/** A department's butler (demo.ts's staff): who works its cases. */
const BUTLER_OF: Record<string, string> = {
  营商中心: 'guanjia',
  市场监管: 'guanjia.sj',
  税务: 'guanjia.sw',
  人社: 'guanjia.rs',
  自然资源: 'guanjia.zy',
  高新区: 'guanjia.gx',
  经开区: 'guanjia.jk',
};
/** How often each department is concerned (the centre and the two development zones the most). */
const DEPARTMENT_WEIGHTS: Array<[string, number]> = [
  ['营商中心', 5],
  ['经开区', 4],
  ['高新区', 4],
  ['税务', 3],
  ['市场监管', 3],
  ['人社', 2],
  ['自然资源', 2],
];

const REJECT_REASONS = [
  '该事项属于民事合同纠纷，不属于营商环境诉求受理范围，建议通过仲裁或诉讼途径解决。',
  '该问题已通过12345热线受理并办结，请勿重复提交。',
  '反映内容不具体，无法核实，请补充具体事项、时间和涉及单位后重新提交。',
];
const INFO_REQUESTS = [
  '请补充相关合同、票据或往来函件的扫描件。',
  '请提供办理回执编号和窗口告知书照片，便于我们核查。',
  '请补充项目备案证明和近期财务报表。',
];
const SUPPLEMENTS = ['已上传合同和票据扫描件，请查收。', '回执编号和告知书照片已补充。', '材料已补齐，麻烦尽快处理。'];
const LONG_TERM_PLANS = [
  '涉及跨部门用地指标调整，已纳入市级重点项目调度，按月会商推进。',
  '需等待供电线路改造工程完工，已列入年度电网建设计划，每月跟踪施工进度。',
  '涉及历史遗留产权问题，已成立专班，分阶段完成测绘、确权和登记。',
  '需协调省级部门审批，已报送请示，定期跟进审批进度。',
];
const REVIEW_NOTES = [
  '本月会商已召开，完成阶段目标，下一步推进审批。',
  '施工已完成60%，按计划推进。',
  '测绘完成，进入确权公示阶段。',
];
const GOOD_COMMENTS = [
  '管家回复很及时，问题一次就讲清楚了。',
  '办事效率高，点赞！',
  '上门服务很贴心，解决了我们的大难题。',
  null,
  null,
  null,
];
const BAD_COMMENTS = ['回复拖了很久，问题到现在还没有真正解决。', '前后要求补了三次材料，体验很差。'];
const ENTERPRISE_THANKS = ['收到，谢谢管家！', '好的，我们按这个准备材料。', '明白了，非常感谢。'];
const FOLLOW_UP_OUTCOMES = [
  {
    outcome: '已电话联系企业负责人，了解到不满意的原因是办理时间过长，当面致歉并说明了后续措施。',
    rectification: '对承办人员进行约谈提醒，建立超时预警提醒机制。',
  },
  {
    outcome: '已上门回访，企业反映的重复提交材料问题属实，已协调窗口一次性办结剩余事项。',
    rectification: '梳理该事项材料清单，推行一次性告知。',
  },
];

/** mulberry32: a small seeded PRNG, so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Staff {
  id: string;
  departmentShort: string | null;
  kind: CaseActor['kind'];
}

interface Built {
  row: Partial<CaseEntity> & { id: string };
  day: string;
  record: CaseRecord;
  actorIds: Array<string | null>;
  messages: Array<Partial<CaseMessageEntity>>;
  rating: Partial<CaseRatingEntity> | null;
  followUp: Partial<CaseFollowUpEntity> | null;
}

/** A draw that does not fit its state (an instant after now, a rule's refusal): drawn again. */
class Unfit extends Error {}

/**
 * Adds the demo cases when the demo enterprises have none. Returns how many were added.
 * `now` is the present of the demo (the cases are spread over the 90 days before it).
 */
export async function seedDemoCases(m: EntityManager, now: Date = new Date()): Promise<number> {
  const departments = m.getRepository(DepartmentEntity);
  // The coordinating centre (cases without a butler's department go there; its staff see every case).
  if (!(await departments.exists({ where: { isCentre: true } }))) {
    await departments.update({ shortName: '营商中心' }, { isCentre: true });
  }
  const enterprises = await m
    .getRepository(EnterpriseEntity)
    .createQueryBuilder('e')
    .where('e.credit_code IN (:...codes)', { codes: DEMO_ENTERPRISES.map((e) => e.creditCode) })
    .orderBy('e.credit_code')
    .setLock('pessimistic_write')
    .getMany();
  if (enterprises.length === 0) return 0;
  const already = await m
    .getRepository(CaseEntity)
    .createQueryBuilder('c')
    .where('c.enterprise_id IN (:...ids)', { ids: enterprises.map((e) => e.id) })
    .getExists();
  if (already) return 0;

  const calendar: WorkingCalendar = (await m.getRepository(WorkingCalendarEntity).find({ order: { year: 'ASC' } })).map(
    (r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }),
  );
  const ctx: CaseContext = { calendar, limits: DEFAULT_CASE_LIMITS };
  const deptRows = await departments.find();
  const deptId = new Map(deptRows.map((d) => [d.shortName, d.id]));
  const centreIds = new Set(deptRows.filter((d) => d.isCentre).map((d) => d.id));
  const users = await m
    .getRepository(UserEntity)
    .find({ select: { id: true, username: true, departmentId: true, role: true } });
  const deptShortOf = new Map(deptRows.map((d) => [d.id, d.shortName]));
  const staff = new Map<string, Staff>();
  for (const u of users) {
    if (!u.username) continue;
    const inCentre = u.departmentId !== null && centreIds.has(u.departmentId);
    const kind: CaseActor['kind'] =
      u.role === Role.ADMIN ? 'admin' : inCentre ? 'centre' : u.role === Role.SUPERVISOR ? 'supervisor' : 'butler';
    staff.set(u.username, {
      id: u.id,
      departmentShort: u.departmentId ? (deptShortOf.get(u.departmentId) ?? null) : null,
      kind,
    });
  }
  const lead = staff.get('zhuguan');
  const butlers = Object.entries(BUTLER_OF).filter(([d, b]) => deptId.has(d) && staff.has(b));
  if (!lead || butlers.length === 0) return 0;
  const weights = DEPARTMENT_WEIGHTS.filter(([d]) => butlers.some(([b]) => b === d));
  const enterpriseByButler = new Map<string, EnterpriseEntity>();
  for (const e of enterprises) if (e.butlerId) enterpriseByButler.set(e.butlerId, e);

  const rand = prng(20261130);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const between = (a: number, b: number) => a + rand() * (b - a);
  const weighted = (): string => {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [d, w] of weights) if ((r -= w) < 0) return d;
    return weights[weights.length - 1][0];
  };
  /** The Shanghai hour of an instant. */
  const hourOf = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
  /**
   * Staff work 8:30–17:30 on working days: an instant outside is moved to the next working morning. When a draw
   * keeps failing (the demo starts in a long holiday such as Spring Festival), staff on duty (值班) work any time.
   */
  let onDuty = false;
  const office = (at: Date): Date => {
    if (onDuty) return at;
    let day = shanghaiDay(at);
    const h = hourOf(at);
    if (isWorkingDay(day, calendar) && h >= 9 && h < 17) return at;
    if (h >= 9) day = addCalendarDays(day, 1);
    while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, 1);
    return new Date(startOfShanghaiDay(day).getTime() + 8.5 * HOUR + rand() * 3 * HOUR);
  };
  const later = (at: Date, minHours: number, maxHours: number) =>
    office(new Date(at.getTime() + between(minHours, maxHours) * HOUR));

  // The states, shuffled deterministically; four of the rated cases are rated badly.
  const states: CaseState[] = [];
  for (const [s, n] of Object.entries(DEMO_CASE_STATES) as Array<[CaseState, number]>)
    for (let i = 0; i < n; i++) states.push(s);
  for (let i = states.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [states[i], states[j]] = [states[j], states[i]];
  }
  let closedSeen = 0;
  let ratedSeen = 0;

  const build = (target: CaseState, attempt: number): Built => {
    onDuty = attempt >= 40;
    const dept = weighted();
    const butlerName = BUTLER_OF[dept];
    const butler = staff.get(butlerName)!;
    const sourceRoll = rand();
    let source: CaseSource =
      target === 'pending_check' || sourceRoll < 0.55
        ? 'miniapp'
        : sourceRoll < 0.7
          ? 'reception_day'
          : sourceRoll < 0.82
            ? 'hotline_12345'
            : sourceRoll < 0.92
              ? 'entrepreneur_group'
              : 'staff';
    const typeRoll = rand();
    let type: CaseType;
    if (source === 'miniapp') {
      type = target !== 'pending_check' && typeRoll < 0.15 ? 'service' : typeRoll < 0.6 ? 'consult' : 'complaint';
    } else {
      type = typeRoll < 0.35 ? 'consult' : typeRoll < 0.6 ? 'complaint' : 'appeal';
    }
    const topics = TOPICS[dept];
    const topic = pick(type === 'consult' ? topics.ask : type === 'service' ? topics.service : topics.complain);
    // The service routes the case: an enterprise's own butler, or the butler it addressed (「向TA咨询」).
    let enterprise = enterpriseByButler.get(butler.id) ?? pick(enterprises);
    if (rand() < 0.3) enterprise = pick(enterprises);
    const addressed = source === 'miniapp' && enterprise.butlerId !== butler.id;
    // A hotline case may first land at the centre and be transferred (转办) to the department concerned.
    const transferred = source === 'hotline_12345' && dept !== '营商中心' && rand() < 0.6;
    let recorder: Staff | null = null;
    if (source === 'reception_day' || source === 'entrepreneur_group')
      recorder = rand() < 0.5 ? lead : staff.get('guanjia')!;
    else if (source === 'hotline_12345') recorder = staff.get('guanjia')!;
    else if (source === 'staff') recorder = butler;
    if (recorder === null && source !== 'miniapp') source = 'miniapp';
    const firstDept = transferred ? '营商中心' : dept;
    const firstButler =
      source === 'miniapp'
        ? butler.id
        : enterprise.butlerId && staff.get(BUTLER_OF[firstDept])?.id === enterprise.butlerId
          ? enterprise.butlerId
          : null;

    // When it was submitted: how old a case in this state plausibly is (days before now).
    const age: Record<CaseState, [number, number]> = {
      pending_check: [0.05, 0.8],
      submitted: [0.05, 0.9],
      accepted: [1, 8],
      awaiting_enterprise: [3, 12],
      long_term: [25, 88],
      resolved: [2, 9],
      rejected: [1, 85],
      closed: [9, 90],
    };
    // Draws that keep failing look further back (a case accepted before the holiday began).
    const [lo, hi] = age[target].map((d) => Math.min(90, d * (1 + Math.floor(attempt / 10) * 0.5)));
    let created = new Date(now.getTime() - between(lo, hi) * DAY);
    // Enterprises write from 7:00 to 23:00; staff record during office hours.
    if (source !== 'miniapp') created = office(created);
    else if (hourOf(created) < 7 || hourOf(created) >= 23) created = new Date(created.getTime() + 9 * HOUR);
    if (created.getTime() > now.getTime() - 10 * 60_000) throw new Unfit();

    const creator: CaseActor = recorder ? { kind: recorder.kind, id: recorder.id } : { kind: 'enterprise', id: null };
    let record = openCase(
      {
        type,
        at: created,
        actor: creator,
        pendingCheck: target === 'pending_check',
        category: source === 'miniapp' && rand() < 0.5 ? null : topic.category,
        departmentId: deptId.get(firstDept)!,
        butlerId: firstButler,
      },
      ctx,
    );
    const actorIds: Array<string | null> = [creator.id ?? null];
    const messages: Array<Partial<CaseMessageEntity>> = [];
    let at = created;
    const step = (action: CaseAction, actor: CaseActor, when: Date, payload: CaseTransitionPayload = {}) => {
      if (when.getTime() > now.getTime()) throw new Unfit();
      const applied = applyTransition(record, { action, actor, at: when, payload }, ctx);
      if (!applied.ok) throw new Unfit(`demo case: ${action} refused: ${applied.message}`);
      record = applied.record;
      actorIds.push(actor.kind === 'enterprise' || actor.kind === 'system' ? null : (actor.id ?? null));
      at = applied.entry.at;
    };
    const say = (who: Staff | null, content: string, when: Date) => {
      if (when.getTime() > now.getTime()) throw new Unfit();
      messages.push({ authorId: who?.id ?? null, authorKind: who ? 'staff' : 'enterprise', content, createdAt: when });
      at = when;
    };
    const butlerActor: CaseActor = { kind: butler.kind, id: butler.id };
    const leadActor: CaseActor = { kind: lead.kind, id: lead.id };

    if (target === 'pending_check' || target === 'submitted') {
      return done();
    }
    if (target === 'rejected') {
      step('reject', butlerActor, later(at, 1, 20), { reason: pick(REJECT_REASONS) });
      return done();
    }
    if (transferred) {
      step('transfer', leadActor, later(at, 0.5, 4), {
        departmentId: deptId.get(dept)!,
        reason: '经研判属于该部门职责范围，转交办理。',
      });
    }
    if (record.butlerId === null) step('assign', butlerActor, later(at, 0.3, 3), { butlerId: butler.id });
    if (type === 'consult' && target !== 'long_term' && rand() < 0.08) {
      step('convert', butlerActor, later(at, 0.2, 2), {
        toType: 'complaint',
        reason: '企业反映的是办理不畅问题，转为投诉办理。',
      });
    }
    step('accept', butlerActor, later(at, 0.5, 6), record.category ? {} : { category: topic.category });
    say(butler, topic.reply, later(at, 0.2, 3));
    if (rand() < 0.4) say(null, pick(ENTERPRISE_THANKS), new Date(at.getTime() + between(0.2, 5) * HOUR));
    if (target === 'accepted') {
      if (rand() < 0.3)
        step('extend', leadActor, later(at, 1, 12), { extensionDays: 3, reason: '涉及多个部门会商，需延长办理时限。' });
      return done();
    }
    const askInfo = target === 'awaiting_enterprise' || (record.type !== 'consult' && rand() < 0.15);
    if (askInfo) {
      step('request_info', butlerActor, later(at, 1, 16), { reason: pick(INFO_REQUESTS) });
      if (target === 'awaiting_enterprise') return done();
      step('supplement', { kind: 'enterprise', id: null }, new Date(at.getTime() + between(4, 60) * HOUR), {
        reason: pick(SUPPLEMENTS),
      });
    }
    if (target === 'long_term') {
      const when = later(at, 8, 40);
      step('long_term', leadActor, when, {
        plan: pick(LONG_TERM_PLANS),
        nextReviewOn: addCalendarDays(shanghaiDay(when), 30),
      });
      // A review within the last weeks keeps the next review date ahead of today.
      while (record.nextReviewOn && record.nextReviewOn <= shanghaiDay(now)) {
        // Reviewed on a working day shortly before the date set (or just now when that day has not come yet).
        let reviewAt = office(new Date(startOfShanghaiDay(record.nextReviewOn).getTime() - 2 * DAY));
        if (reviewAt.getTime() > now.getTime()) reviewAt = new Date(now.getTime() - between(1, 3) * HOUR);
        if (reviewAt.getTime() < at.getTime()) reviewAt = at;
        step('review', butlerActor, reviewAt, {
          plan: pick(REVIEW_NOTES),
          nextReviewOn: addCalendarDays(shanghaiDay(reviewAt), 30),
        });
      }
      return done();
    }
    // Resolve: mostly well within the limit, now and then late.
    const late = rand() < 0.06;
    const resolveAt = later(at, late ? 70 : 3, late ? 160 : record.type === 'consult' ? 30 : 70);
    if (record.type === 'consult')
      say(butler, '补充说明：如还有疑问，可随时在此留言或致电管家。', new Date(resolveAt.getTime() - 5 * 60_000));
    step('resolve', butlerActor, resolveAt, record.type === 'consult' ? {} : { result: topic.result });
    const resolvedAt = at;
    if (target === 'resolved') {
      if (now.getTime() - resolvedAt.getTime() >= (AUTO_CLOSE_DAYS - 0.5) * DAY) throw new Unfit();
      return done();
    }
    // closed: rated (most), or closed unrated by the sweep 7 days after 办结.
    closedSeen += 1;
    const bad = closedSeen % 21 === 5 && attempt < 20;
    if (!bad && rand() < 0.16) {
      step(
        'close',
        { kind: 'system', id: null },
        new Date(resolvedAt.getTime() + AUTO_CLOSE_DAYS * DAY + between(1, 50) * 60_000),
        {
          reason: `办结后${AUTO_CLOSE_DAYS}日内未评价，系统自动完结（计为未评价）`,
        },
      );
      return done();
    }
    const ratedAt = new Date(resolvedAt.getTime() + between(0.3, bad ? 48 : 100) * HOUR);
    step('rate', { kind: 'enterprise', id: null }, ratedAt);
    const roll = rand();
    // Every 12th good-natured rating is a 3 (so the share of 4–5 does not drift with the date the demo starts).
    ratedSeen += 1;
    const level = bad ? (roll < 0.5 ? 1 : 2) : ratedSeen % 12 === 7 ? 3 : roll < 0.74 ? 5 : 4;
    const tags =
      level >= 4
        ? [pick(CASE_RATING_TAGS.good), ...(rand() < 0.4 ? [pick(CASE_RATING_TAGS.good)] : [])]
        : level <= 2
          ? [pick(CASE_RATING_TAGS.bad)]
          : [];
    const rating: Partial<CaseRatingEntity> = {
      id: randomUUID(),
      level: level as CaseRatingEntity['level'],
      tags: [...new Set(tags)],
      comment: level <= 2 ? pick(BAD_COMMENTS) : level >= 4 ? pick(GOOD_COMMENTS) : null,
      ratedBy: null,
      butlerId: record.butlerId,
      departmentId: record.departmentId,
      createdAt: at,
    };
    let followUp: Partial<CaseFollowUpEntity> | null = null;
    if (level <= 2) {
      const dueAt = dueAfter(at, FOLLOW_UP_DAYS, calendar);
      followUp = { caseId: '', ratingId: rating.id, departmentId: record.departmentId, dueAt, createdAt: at };
      const contactedAt = later(at, 20, 70);
      if (contactedAt.getTime() < now.getTime() - 2 * HOUR) {
        const o = pick(FOLLOW_UP_OUTCOMES);
        const method: FollowUpContactMethod = rand() < 0.5 ? 'phone' : 'visit';
        Object.assign(followUp, {
          contactMethod: method,
          contactedAt,
          outcome: o.outcome,
          rectification: o.rectification,
          recordedBy: lead.id,
          recordedAt: new Date(contactedAt.getTime() + HOUR),
        });
        const fixAt = new Date(contactedAt.getTime() + between(3, 30) * HOUR);
        if (fixAt.getTime() < now.getTime() && rand() < 0.7) {
          const fix: FollowUpRating = rand() < 0.6 ? 'satisfied' : 'basically_satisfied';
          Object.assign(followUp, { fixRating: fix, fixRatedAt: fixAt });
        }
      }
    }
    return done(rating, followUp);

    function done(r: Partial<CaseRatingEntity> | null = null, f: Partial<CaseFollowUpEntity> | null = null): Built {
      const id = randomUUID();
      return {
        row: {
          id,
          source,
          content: topic.text,
          enterpriseId: enterprise.id,
          submitterId: null,
          recordedBy: recorder?.id ?? null,
          addressedButlerId: addressed ? butler.id : null,
          anonymous: record.type === 'complaint' && source === 'miniapp' && rand() < 0.2,
          policyId: null,
          result: [...record.history].reverse().find((h) => h.action === 'resolve')?.payload.result ?? null,
          ...recordColumns(record, calendar, at),
          createdAt: created,
          updatedAt: at,
        },
        day: shanghaiDay(created),
        record,
        actorIds,
        messages,
        rating: r,
        followUp: f,
      };
    }
  };

  const built: Built[] = [];
  for (const target of states) {
    for (let attempt = 0; ; attempt++) {
      try {
        built.push(build(target, attempt));
        break;
      } catch (e) {
        if (!(e instanceof Unfit) || attempt > 200) throw e;
      }
    }
  }

  // Numbers: the server's own counter statement, oldest case first (a case submitted later takes the next one).
  built.sort((a, b) => (a.row.createdAt as Date).getTime() - (b.row.createdAt as Date).getTime());
  for (const b of built) {
    const [row] = (await m.query(CASES_SQL.nextNumber.text, [b.day])) as Array<{ last_number: number }>;
    b.row.number = caseNumber(b.day, Number(row.last_number));
  }

  const chunks = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await chunks(
    built.map((b) => b.row),
    (part) => m.getRepository(CaseEntity).insert(part),
  );
  await chunks(
    built.flatMap((b) => b.record.history.map((h, i) => toEventRow(b.row.id as string, h, b.actorIds[i] ?? null))),
    (part) => m.getRepository(CaseEventEntity).insert(part),
  );
  await chunks(
    built.flatMap((b) => b.messages.map((msg) => ({ ...msg, caseId: b.row.id }))),
    (part) => m.getRepository(CaseMessageEntity).insert(part),
  );
  await chunks(
    built.filter((b) => b.rating).map((b) => ({ ...b.rating, caseId: b.row.id })),
    (part) => m.getRepository(CaseRatingEntity).insert(part),
  );
  await chunks(
    built.filter((b) => b.followUp).map((b) => ({ ...b.followUp, caseId: b.row.id })),
    (part) => m.getRepository(CaseFollowUpEntity).insert(part),
  );
  return built.length;
}
