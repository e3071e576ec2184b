import Taro, { useRouter } from '@tarojs/taro';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { authApi } from '@/services/auth.api';
import { meApi } from '@/services/me.api';
import { resolvePrivacyAuthorization } from '@/services/privacy';
import { updateSession } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';

/**
 * The privacy notice: its version from `GET /auth/config`; agreeing records it on the server (and
 * answers WeChat's privacy authorisation); declining signs out. Opened after sign-in (`redirect`), or
 * over a page whose write the server refused with CONSENT_REQUIRED (`back=1`: agreeing returns to it).
 */
export function usePrivacy() {
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
      // Opened over a form whose submit the server refused for want of consent: back to it, filled in.
      if (params.back === '1') await Taro.navigateBack();
      else await openPage(params.redirect ? decodeURIComponent(params.redirect) : PAGES.me, { replace: true });
    });

  const decline = async () => {
    resolvePrivacyAuthorization(false);
    await authApi.signOut();
    await Taro.switchTab({ url: PAGES.home });
  };

  return { viewOnly, version: config.data?.consentVersion, busy, error, agree, decline };
}
