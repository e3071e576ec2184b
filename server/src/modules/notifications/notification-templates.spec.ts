import { NotificationKind } from '@qsgj/shared/enums';
import { sanitizeSubscribeData } from '@qsgj/shared/rules';
import { loadConfig } from '../../config/app-config';
import { type MessageFields, NotificationTemplates, TEMPLATE_DEFINITIONS } from './notification-templates';

const at = new Date('2026-11-27T06:05:00Z');
const SAMPLES: MessageFields = {
  case_update: { subject: '厂房报建审批进度咨询', status: '已受理', at, remark: '管家将在 1 个工作日内联系您' },
  membership: { enterprise: '湘潭智造电机有限公司', result: '待审核', at, remark: '有新成员申请加入企业，请及时审核' },
  policy: { title: '关于支持专精特新中小企业高质量发展的若干措施', issuer: '湘潭市工业和信息化局', publishedAt: at },
  lecture: { title: '潭商讲堂：增值税留抵退税政策解读', startsAt: at, place: '市民之家三楼报告厅' },
  market: { subject: '企业商圈', result: '待处理', at, remark: '求购环保包装纸箱' },
};

describe('notification templates', () => {
  it.each(Object.values(NotificationKind))(
    '%s: its mapping fills exactly the keys its library template has',
    (kind) => {
      const definition = TEMPLATE_DEFINITIONS[kind];
      const data = sanitizeSubscribeData(NotificationTemplates.dataFor(kind, SAMPLES[kind] as never));
      const documentedKeys = [...definition.library.matchAll(/\b([a-z_]+\d+)\b/g)].map((m) => m[1]);
      expect(Object.keys(data)).toEqual(documentedKeys);
      for (const { value } of Object.values(data)) expect(value.length).toBeGreaterThan(0);
    },
  );

  it('offers only the kinds this deployment configured', () => {
    const templates = new NotificationTemplates(
      loadConfig(
        {
          WECHAT_TEMPLATE_MEMBERSHIP: 'tplMembership-000000000001',
          WECHAT_TEMPLATE_LECTURE: 'tplLecture-0000000000001',
        },
        () => 'x'.repeat(40),
      ),
    );
    expect(templates.list()).toEqual([
      { kind: 'membership', templateId: 'tplMembership-000000000001', title: '企业成员审核' },
      { kind: 'lecture', templateId: 'tplLecture-0000000000001', title: '讲堂开课提醒' },
    ]);
    expect(templates.forKind(NotificationKind.POLICY)).toBeNull();
    expect(templates.isConfigured('tplLecture-0000000000001')).toBe(true);
    expect(templates.isConfigured('tplPolicy-00000000000001')).toBe(false);
  });
});
