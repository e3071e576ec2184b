import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEMBERSHIP_STATUS_LABEL } from '@qsgj/shared/enums';
import PageShell from '../../../../components/page-shell';
import StateView from '../../../../components/state-view';
import { useAction } from '../../../../hooks/use-action';
import { useRequest } from '../../../../hooks/use-request';
import { meApi } from '../../../../services/me.api';
import { toast } from '../../../../utils/routes';

/** The owner's view of the enterprise's members: approve or deny pending requests. */
export default function Members() {
  const list = useRequest(() => meApi.members(), []);
  const [deciding, setDeciding] = useState<string>();
  const { run } = useAction();

  const decide = (userId: string, approve: boolean) => {
    setDeciding(userId);
    void run(
      async () => {
        await meApi.decideMember(userId, approve);
        toast(approve ? '已同意' : '已拒绝', 'success');
        await list.reload();
      },
      (e) => {
        toast(e.message);
        return undefined;
      },
    ).finally(() => setDeciding(undefined));
  };

  return (
    <PageShell>
      <View className="qs-section">
        <Text className="qs-section__title">企业成员</Text>
        <StateView
          loading={list.loading && !list.data}
          error={list.data ? null : list.error}
          onRetry={list.reload}
          empty={list.data?.length === 0}
          emptyText="还没有其他成员申请加入"
        >
          {list.data?.map((m) => (
            <View key={m.userId} className="members__item">
              <Text className="members__name">
                {m.contactName ?? m.nickname ?? '微信用户'}
                {m.role === 'owner' ? '（管理员）' : ''}
              </Text>
              <Text className="qs-muted">
                {m.phone ?? '未授权手机号'} · {MEMBERSHIP_STATUS_LABEL[m.status]} · 申请于 {m.requestedAt.slice(0, 10)}
              </Text>
              {m.status === 'pending' && (
                <View className="members__actions">
                  <Button
                    className="qs-btn"
                    disabled={deciding === m.userId}
                    onClick={() => void decide(m.userId, true)}
                  >
                    同意
                  </Button>
                  <Button
                    className="qs-btn qs-btn--plain"
                    disabled={deciding === m.userId}
                    onClick={() => void decide(m.userId, false)}
                  >
                    拒绝
                  </Button>
                </View>
              )}
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
