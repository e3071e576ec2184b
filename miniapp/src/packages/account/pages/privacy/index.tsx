import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import PageShell from '../../../../components/page-shell';
import { useAction } from '../../../../hooks/use-action';
import { useRequest } from '../../../../hooks/use-request';
import { authApi } from '../../../../services/auth.api';
import { meApi } from '../../../../services/me.api';
import { resolvePrivacyAuthorization } from '../../../../services/privacy';
import { updateSession } from '../../../../stores/session';
import { goBack, openPage, ROUTES } from '../../../../utils/routes';
import { PRIVACY_SECTIONS } from './notice';
import './index.scss';
import { IS_WEAPP } from '../../../../utils/platform';

/** The privacy notice; on first use the user agrees (recorded by the server with its version) or leaves. */
export default function Privacy() {
  const { params } = useRouter();
  const viewOnly = params.view === '1';
  const config = useRequest(() => authApi.config(), []);
  const { run, busy, error } = useAction();

  const agree = () =>
    void run(async () => {
      if (!config.data) return;
      await meApi.consent(config.data.consentVersion);
      updateSession({ consentRequired: false });
      resolvePrivacyAuthorization(true);
      await openPage(params.redirect ? decodeURIComponent(params.redirect) : ROUTES.me, { replace: true });
    });

  const decline = async () => {
    resolvePrivacyAuthorization(false);
    await authApi.signOut();
    await Taro.switchTab({ url: ROUTES.home });
  };

  return (
    <PageShell className="privacy">
      <View className="qs-section">
        <Text className="qs-section__title">亲商管家隐私政策</Text>
        {config.data && <Text className="qs-muted">版本 {config.data.consentVersion}</Text>}
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
              disabled={busy || !config.data}
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
    </PageShell>
  );
}
