import { Text, View } from '@tarojs/components';
import type { CaseApplication } from '@qsgj/shared/contracts';
import './application.scss';

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className="wb-case-application__row">
      <Text className="wb-case-application__label">{label}</Text>
      <Text className="wb-case-application__value">{children}</Text>
    </View>
  );
}

/**
 * A service application's section in the workbench case (惠企服务 or 一键申报): what was applied for, what the
 * enterprise qualified by when it applied (the met conditions and its 一企一档 as it stood), materials and note.
 * Nothing for any other case.
 */
export default function CaseApplicationSection({ application: a }: { application?: CaseApplication | null }) {
  if (!a) return null;
  const p = a.profile;
  return (
    <View className="qs-section wb-case-application">
      <Text className="qs-section__title">{a.kind === 'package' ? '惠企服务申请' : '政策申报（一键申报）'}</Text>
      <Row label={a.kind === 'package' ? '服务' : '政策'}>{a.title}</Row>
      <Row label={a.kind === 'package' ? '提供部门' : '文号'}>{a.provider}</Row>
      <Row label="符合条件">{a.met.length > 0 ? a.met.join('、') : '不限条件'}</Row>
      <Row label="企业">{`${p.name}（${p.creditCode}）`}</Row>
      <Row label="行业 / 规模">{`${p.industry ?? '未填写'} / ${p.scaleLabel ?? '未填写'}`}</Row>
      <Row label="区域">{p.district ?? '未填写'}</Row>
      <Row label="资质">{p.qualifications.length > 0 ? p.qualifications.join('、') : '无'}</Row>
      {a.materials.length > 0 && <Row label="所需材料">{a.materials.join('；')}</Row>}
      {a.note && <Row label="补充说明">{a.note}</Row>}
    </View>
  );
}
