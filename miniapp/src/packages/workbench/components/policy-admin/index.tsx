import { Text, View } from '@tarojs/components';
import { POLICY_STATUS_LABEL, type PolicyStatus } from '@qsgj/shared/enums';
import './index.scss';

export { useAdmin } from './use-admin';
export { policyTime } from './format';

const TONE: Record<PolicyStatus, string> = { draft: 'wait', published: 'ok', withdrawn: 'bad', expired: 'muted' };

/** 草稿 / 已发布 / 已撤回 / 已过期, in words and colour. */
export function PolicyStatusTag({ status }: { status: PolicyStatus }) {
  return (
    <Text className={`qs-tag qs-tag--${TONE[status]} policy-status policy-status--${status}`}>
      {POLICY_STATUS_LABEL[status]}
    </Text>
  );
}

/** What a staff member who is not an admin sees on these pages. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <View className="qs-section policy-admin__denied">
      <Text className="qs-muted">{what}由管理员维护，您的账号无此权限。</Text>
    </View>
  );
}
