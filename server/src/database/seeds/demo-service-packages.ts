import type { EntityManager } from 'typeorm';
import { EnterpriseScale } from '@qsgj/shared/enums';
import { DepartmentEntity } from '../../modules/departments/department.entity';
import { ServicePackageEntity } from '../../modules/service-packages/service-package.entity';

/**
 * The demo city's (湘潭) 惠企服务 catalogue: written for the demo, each package provided by one of the demo
 * departments (by short name), every dictionary value one of `DEFAULT_DICTIONARIES`. Some are open to every
 * enterprise, some only to a few (the demo enterprises meet them differently: 湘潭智造电机 qualifies for
 * 知识产权质押融资, 雨湖区莲城食品 does not).
 */
export const DEMO_SERVICE_PACKAGES: Array<{
  name: string;
  department: string;
  description: string;
  industries?: string[];
  scales?: EnterpriseScale[];
  districts?: string[];
  qualifications?: string[];
  materials: string[];
  timeLimitDays: number;
}> = [
  {
    name: '企业法律体检',
    department: '营商中心',
    description:
      '组织执业律师上门，为企业梳理合同管理、劳动用工、知识产权、股权结构等方面的法律风险，出具《企业法律体检报告》并提出整改建议。\n服务免费，每家企业每年一次。',
    materials: ['营业执照复印件', '近一年主要合同清单', '劳动用工制度文件'],
    timeLimitDays: 10,
  },
  {
    name: '融资对接服务',
    department: '工信',
    description:
      '根据企业融资需求，对接市内银行、担保公司和政府性融资担保机构，组织银企面对面洽谈，协助准备授信材料；符合条件的可推荐纳入“潭企贷”白名单。',
    scales: [EnterpriseScale.MICRO, EnterpriseScale.SMALL, EnterpriseScale.MEDIUM],
    materials: ['营业执照复印件', '近两年财务报表', '融资需求说明（金额、期限、用途）'],
    timeLimitDays: 7,
  },
  {
    name: '知识产权质押融资',
    department: '市场监管',
    description:
      '以专利权、商标权作价质押，协调合作银行为企业授信；对符合条件的质押贷款给予评估费和贴息补助，并协助办理质押登记。',
    qualifications: ['高新技术企业', '科技型中小企业', '专精特新中小企业', '创新型中小企业'],
    materials: ['营业执照复印件', '专利证书或商标注册证', '近一年财务报表', '知识产权价值评估意向'],
    timeLimitDays: 15,
  },
  {
    name: '人才招聘对接',
    department: '人社',
    description:
      '发布企业岗位需求到湘潭人才网和高校就业平台，协助组织专场招聘会、校企对接会；紧缺人才可申请纳入“莲城人才行动”引才目录。',
    materials: ['岗位需求表（岗位、人数、薪酬范围）', '营业执照复印件'],
    timeLimitDays: 5,
  },
  {
    name: '项目审批帮办代办',
    department: '行政审批',
    description:
      '为企业投资项目提供从立项、用地、规划到施工许可的全流程帮办代办，专人跟进，一次告知所需材料，并联审批节点主动协调。',
    materials: ['项目基本情况说明', '营业执照复印件', '授权委托书'],
    timeLimitDays: 20,
  },
  {
    name: '政策申报辅导',
    department: '营商中心',
    description:
      '结合企业一企一档梳理可享受的惠企政策，辅导企业准备申报材料、把握申报时间节点，帮助企业应享尽享、免申即享。',
    materials: ['营业执照复印件', '近一年财务报表'],
    timeLimitDays: 5,
  },
  {
    name: '高新技术企业认定辅导',
    department: '高新区',
    description: '对照高新技术企业认定条件进行预评估，辅导研发费用归集、知识产权布局和申报材料编写，提高认定通过率。',
    qualifications: ['科技型中小企业', '创新型中小企业', '专精特新中小企业'],
    materials: ['近三年财务审计报告', '研发项目立项资料', '知识产权证书清单'],
    timeLimitDays: 15,
  },
  {
    name: '税收优惠政策体检',
    department: '税务',
    description:
      '税务专员对企业适用的研发费用加计扣除、增值税留抵退税、小微企业减免等税收优惠进行逐项体检，提示应享未享和涉税风险。',
    materials: ['近一年纳税申报表', '财务报表'],
    timeLimitDays: 5,
  },
  {
    name: '项目用地规划预审咨询',
    department: '自然资源',
    description:
      '为拟投资建设项目提供用地选址、规划条件、用地预审的前期咨询，提前告知控制性详细规划要求，缩短项目落地周期。',
    industries: [
      '通用设备制造业',
      '专用设备制造业',
      '汽车制造业',
      '电气机械和器材制造业',
      '化学原料和化学制品制造业',
      '金属制品业',
    ],
    materials: ['项目建议书或可研报告', '拟选址范围示意图'],
    timeLimitDays: 10,
  },
  {
    name: '外贸企业出海服务',
    department: '经开区',
    description: '为外贸和跨境电商企业提供出口信用保险投保、海外参展补贴申报、RCEP原产地证办理辅导和汇率避险咨询。',
    qualifications: ['外贸进出口企业', '科技型中小企业'],
    districts: ['全市'],
    materials: ['对外贸易经营者备案登记表', '近一年进出口数据'],
    timeLimitDays: 10,
  },
];

const CATALOGUE_START = Date.UTC(2026, 0, 5, 1, 0, 0);

/**
 * Seeds the catalogue: one batched INSERT of the packages missing by name (a package present, even edited or
 * retired since, is left alone). Packages whose department is missing are skipped.
 */
export async function seedDemoServicePackages(m: EntityManager, createdBy: string | null): Promise<void> {
  const departments = await m.getRepository(DepartmentEntity).find({ select: { id: true, shortName: true } });
  const byShortName = new Map(departments.map((d) => [d.shortName, d.id]));
  const rows = DEMO_SERVICE_PACKAGES.flatMap((p, i) => {
    const departmentId = byShortName.get(p.department);
    if (!departmentId) return [];
    return [
      {
        name: p.name,
        departmentId,
        description: p.description,
        industries: p.industries ?? [],
        scales: p.scales ?? [],
        districts: p.districts ?? [],
        qualifications: p.qualifications ?? [],
        materials: p.materials,
        timeLimitDays: p.timeLimitDays,
        active: true,
        createdBy,
        // The catalogue lists packages in the order they were added: this list's order.
        createdAt: new Date(CATALOGUE_START + i * 60_000),
      },
    ];
  });
  if (rows.length === 0) return;
  await m.createQueryBuilder().insert().into(ServicePackageEntity).values(rows).orIgnore().execute();
}
