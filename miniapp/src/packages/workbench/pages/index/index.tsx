import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ROLE_LABEL } from '@qsgj/shared/enums';
import PageShell from '../../../../components/page-shell';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useStore } from '../../../../hooks/use-store';
import { authApi } from '../../../../services/auth.api';
import { meApi } from '../../../../services/me.api';
import { isStaff, sessionStore } from '../../../../stores/session';
import { openPage, ROUTES } from '../../../../utils/routes';
import './index.scss';

/** 管家工作台: the staff home. The case queue and ledger arrive with the cases issue. */
export default function Workbench() {
  const session = useStore(sessionStore);
  const me = useRequest(() => meApi.get(), [], { enabled: isStaff(session) });

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: ROUTES.staffLogin });
  });

  return (
    <PageShell className="workbench">
      <StateView loading={me.loading} error={me.error} onRetry={me.reload}>
        {me.data && (
          <View className="qs-section workbench__head">
            <Text className="workbench__title">管家工作台</Text>
            <Text className="workbench__who">
              {me.data.nickname ?? session?.user.displayName} · {ROLE_LABEL[me.data.role]}
            </Text>
            {me.data.department && <Text className="qs-muted">{me.data.department.name}</Text>}
          </View>
        )}
      </StateView>
      <View className="qs-section">
        <Text className="qs-section__title">待办</Text>
        <Text className="qs-muted">诉求工作队列、工作台账与超期提醒正在建设中，上线后在这里办理。</Text>
      </View>
      <View className="qs-section">
        <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(ROUTES.changePassword)}>
          修改密码
        </Button>
        <Button className="qs-btn qs-btn--plain" onClick={() => void Taro.switchTab({ url: ROUTES.messages })}>
          我的消息
        </Button>
        <Button
          className="qs-btn qs-btn--plain"
          onClick={() => void authApi.signOut().then(() => Taro.reLaunch({ url: ROUTES.home }))}
        >
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
