import type { DictionaryKind } from '@qsgj/shared/enums';
import { WHOLE_CITY } from '@qsgj/shared/rules';

/**
 * The demo city's (湘潭) dictionaries, written into an empty dictionary at start-up. Another city edits its
 * dictionaries in the workbench (or replaces this list before its first start); nothing else names these values.
 */
export const DEFAULT_DICTIONARIES: Record<DictionaryKind, readonly string[]> = {
  categories: [
    '减税降费',
    '金融支持',
    '稳岗就业',
    '科技创新',
    '人才',
    '外贸与跨境电商',
    '工程建设审批',
    '产业发展',
    '数字化转型',
    '绿色低碳',
    '市场准入',
    '知识产权',
    '招商引资',
    '消费促进',
  ],
  industries: [
    '农、林、牧、渔业',
    '农副食品加工业',
    '食品制造业',
    '纺织服装、服饰业',
    '化学原料和化学制品制造业',
    '医药制造业',
    '黑色金属冶炼和压延加工业',
    '金属制品业',
    '通用设备制造业',
    '专用设备制造业',
    '汽车制造业',
    '电气机械和器材制造业',
    '计算机、通信和其他电子设备制造业',
    '建筑业',
    '批发和零售业',
    '交通运输、仓储和邮政业',
    '住宿和餐饮业',
    '信息传输、软件和信息技术服务业',
    '金融业',
    '房地产业',
    '租赁和商务服务业',
    '科学研究和技术服务业',
    '文化、体育和娱乐业',
  ],
  districts: [WHOLE_CITY, '雨湖区', '岳塘区', '湘潭县', '湘乡市', '韶山市', '湘潭高新区', '湘潭经开区', '昭山示范区'],
  qualifications: [
    '高新技术企业',
    '科技型中小企业',
    '专精特新中小企业',
    '专精特新“小巨人”企业',
    '规上工业企业',
    '限上商贸企业',
    '个体工商户',
    '外贸进出口企业',
    '创新型中小企业',
  ],
};
