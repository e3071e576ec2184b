import { Button, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import { IS_WEAPP } from '@/utils/platform';
import { goBack } from '@/utils/routes';
import { PRIVACY_SECTIONS } from './notice';
import { usePrivacy } from './use-privacy';
import './index.scss';

/** The privacy notice; on first use the user agrees (recorded by the server with its version) or leaves. */
function Privacy() {
  const { viewOnly, version, busy, error, agree, decline } = usePrivacy();
  return (
    <>
      <View className="qs-section">
        <Text className="qs-section__title">亲商管家隐私政策</Text>
        {version && <Text className="qs-muted">版本 {version}</Text>}
        {PRIVACY_SECTIONS.map((s) => (
          <View key={s.title} className="privacy__block">
            <Text className="privacy__heading">{s.title}</Text>
            <Text className="privacy__text">{s.text}</Text>
          </View>
        ))}
      </View>
      <View className="qs-section">
        {error && <Text className="qs-field__error">{error}</Text>}
        {viewOnly ? (
          <Button className="qs-btn qs-btn--plain" onClick={goBack}>
            返回
          </Button>
        ) : (
          <>
            <Button
              id="privacy-agree"
              className="qs-btn privacy__agree"
              // In WeChat this button is also the privacy-authorisation agreement WeChat waits for.
              openType={IS_WEAPP ? 'agreePrivacyAuthorization' : undefined}
              loading={busy}
              disabled={busy || !version}
              onClick={agree}
            >
              同意并继续
            </Button>
            <Button className="qs-btn qs-btn--plain" disabled={busy} onClick={() => void decline()}>
              不同意并退出登录
            </Button>
          </>
        )}
      </View>
    </>
  );
}

export default function PrivacyPage() {
  return (
    <PageShell className="privacy">
      <Privacy />
    </PageShell>
  );
}
