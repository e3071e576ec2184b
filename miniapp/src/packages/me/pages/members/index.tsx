import { Button, Text, View } from '@tarojs/components';
import type { EnterpriseMemberItem } from '@qsgj/shared/contracts';
import { MEMBER_ROLE_LABEL, MEMBERSHIP_STATUS_LABEL, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { useMembers } from './use-members';

interface RowProps {
  m: EnterpriseMemberItem;
  busy: boolean;
  onDecide: (userId: string, approve: boolean) => void;
}

function MemberRow({ m, busy, onDecide }: RowProps) {
  return (
    <View className="members__item">
      <Text className="members__name">
        {m.contactName ?? m.nickname ?? '微信用户'}
        {m.role === MemberRole.OWNER ? `（${MEMBER_ROLE_LABEL.owner}）` : ''}
      </Text>
      <Text className="qs-muted">
        {m.phone ?? '未授权手机号'} · {MEMBERSHIP_STATUS_LABEL[m.status]} · 申请于 {m.requestedAt.slice(0, 10)}
      </Text>
      {m.status === MembershipStatus.PENDING && (
        <View className="members__actions">
          <Button className="qs-btn" disabled={busy} onClick={() => onDecide(m.userId, true)}>
            同意
          </Button>
          <Button className="qs-btn qs-btn--plain" disabled={busy} onClick={() => onDecide(m.userId, false)}>
            拒绝
          </Button>
        </View>
      )}
    </View>
  );
}

/** The owner's view of the enterprise's members: approve or deny pending requests. */
function Members() {
  const { list, deciding, decide } = useMembers();
  return (
    <View className="qs-section">
      <Text className="qs-section__title">企业成员</Text>
      <StateView {...list.state} emptyText="还没有其他成员申请加入">
        {list.items.map((m) => (
          <MemberRow key={m.userId} m={m} busy={deciding === m.userId} onDecide={decide} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

export default function MembersPage() {
  return (
    <PageShell className="members">
      <Members />
    </PageShell>
  );
}
