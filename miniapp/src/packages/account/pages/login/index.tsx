import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { IS_WEAPP } from '@/utils/platform';
import { openPage, PAGES } from '@/utils/routes';
import { useLogin } from './use-login';
import './index.scss';

/**
 * Sign-in. In WeChat: 微信一键登录. In H5 against the fake WeChat: a development sign-in with a
 * chosen name. In production H5: staff sign-in only.
 */
function Login() {
  const { config, name, setName, busy, error, signInWithWechat, devSignIn } = useLogin();

  return (
    <>
      <View className="qs-section">
        <Text className="qs-section__title">登录亲商管家</Text>
        <Text className="qs-muted">登录即表示您已阅读并同意《隐私政策》，首次登录后将请您确认。</Text>

        {IS_WEAPP && (
          <Button className="qs-btn" loading={busy} disabled={busy} onClick={signInWithWechat}>
            微信一键登录
          </Button>
        )}

        {!IS_WEAPP && (
          <StateView loading={config.loading} error={config.error} onRetry={config.reload}>
            {config.data?.fakeWechat ? (
              <View className="login__dev">
                <Text className="login__dev-title">开发环境登录</Text>
                <Text className="qs-muted">服务器运行在模拟微信上：输入任意名字即可模拟一位微信用户。</Text>
                <Field
                  label="名字"
                  inputClass="login__name"
                  value={name}
                  maxlength={30}
                  placeholder="例如：张三"
                  onInput={setName}
                  onConfirm={devSignIn}
                />
                <Button className="qs-btn login__dev-submit" loading={busy} disabled={busy} onClick={devSignIn}>
                  模拟微信登录
                </Button>
              </View>
            ) : (
              <Text className="qs-muted">网页版仅供工作人员使用，企业用户请在微信中打开「亲商管家」小程序。</Text>
            )}
          </StateView>
        )}

        {error && <Text className="qs-field__error login__error">{error}</Text>}
      </View>

      <View className="qs-section">
        <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.staffLogin)}>
          工作人员登录
        </Button>
        <Button className="qs-btn qs-btn--plain" onClick={() => void Taro.switchTab({ url: PAGES.home })}>
          先随便看看
        </Button>
      </View>
    </>
  );
}

export default function LoginPage() {
  return (
    <PageShell className="login">
      <Login />
    </PageShell>
  );
}
