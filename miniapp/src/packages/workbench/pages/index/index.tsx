import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABEL } from '@qsgj/shared/enums';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { useWorkbench } from './use-workbench';
import './index.scss';

/** 管家工作台: the staff home. The case queue and ledger arrive with the cases issue. */
function Workbench() {
  const { me, displayName, signOut } = useWorkbench();
  return (
    <>
      <StateView loading={me.loading} error={me.error} onRetry={me.reload}>
        {me.data && (
          <View className="qs-section workbench__head">
            <Text className="workbench__title">管家工作台</Text>
            <Text className="workbench__who">
              {me.data.nickname ?? displayName} · {ROLE_LABEL[me.data.role]}
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
        <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.changePassword)}>
          修改密码
        </Button>
        <Button className="qs-btn qs-btn--plain" onClick={() => void Taro.switchTab({ url: PAGES.messages })}>
          我的消息
        </Button>
        <Button className="qs-btn qs-btn--plain" onClick={signOut}>
          退出登录
        </Button>
      </View>
    </>
  );
}

export default function WorkbenchPage() {
  return (
    <PageShell className="workbench">
      <Workbench />
    </PageShell>
  );
}
