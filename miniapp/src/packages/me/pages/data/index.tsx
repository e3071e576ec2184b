import { Button, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import { useMyData } from './use-my-data';

/** PIPL: export everything the server holds about me; delete my account after an explicit confirm step. */
function MyData() {
  const { exported, copy, exportData, confirming, setConfirming, deleteAccount, busy, error } = useMyData();
  return (
    <>
      <View className="qs-section">
        <Text className="qs-section__title">导出我的数据</Text>
        <Text className="qs-muted">包括个人资料、隐私同意记录、企业绑定、登录记录和与您相关的操作记录。</Text>
        <Button className="qs-btn qs-btn--plain data__export" disabled={busy} onClick={exportData}>
          导出
        </Button>
        {exported && (
          <View className="data__result">
            <Text className="qs-muted">已导出 {exported.length} 个字符</Text>
            <Button className="qs-btn qs-btn--plain" onClick={copy}>
              复制到剪贴板
            </Button>
          </View>
        )}
      </View>

      <View className="qs-section">
        <Text className="qs-section__title">注销账号</Text>
        <Text className="qs-muted">
          注销后将删除您的昵称、手机号和微信身份，并解除企业绑定；去标识化的统计记录会保留。此操作无法撤销。
        </Text>
        {!confirming ? (
          <Button className="qs-btn qs-btn--plain data__delete" disabled={busy} onClick={() => setConfirming(true)}>
            注销账号
          </Button>
        ) : (
          <View className="data__confirm">
            <Text className="qs-field__error">确定要注销吗？请再次确认。</Text>
            <Button
              className="qs-btn qs-btn--danger data__delete-confirm"
              loading={busy}
              disabled={busy}
              onClick={deleteAccount}
            >
              确认注销
            </Button>
            <Button className="qs-btn qs-btn--plain" disabled={busy} onClick={() => setConfirming(false)}>
              取消
            </Button>
          </View>
        )}
        {error && <Text className="qs-field__error">{error}</Text>}
      </View>
    </>
  );
}

export default function MyDataPage() {
  return (
    <PageShell>
      <MyData />
    </PageShell>
  );
}
