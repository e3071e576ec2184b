import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { onConsentRequired, onSignedOut } from '@/services/http';
import { refreshUnreadBadge } from '@/services/notifications.api';
import { watchPrivacyAuthorization } from '@/services/privacy';
import { watchNetwork } from '@/stores/network';
import { sessionStore } from '@/stores/session';
import { enableKeyboardAccess } from '@/utils/keyboard';
import { PAGES, toast } from '@/utils/routes';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    enableKeyboardAccess(); // H5: Taro's buttons reachable and pressable by keyboard (utils/keyboard.h5.ts)
    watchNetwork();
    watchPrivacyAuthorization();
    onSignedOut((reason) => {
      toast(reason.message);
      void Taro.navigateTo({ url: PAGES.login });
    });
    // A write refused for want of consent (a new notice version): show the notice, then come back here.
    onConsentRequired(() => {
      const pages = Taro.getCurrentPages();
      if (`/${pages[pages.length - 1]?.route ?? ''}` === PAGES.privacy) return;
      void Taro.navigateTo({ url: `${PAGES.privacy}?back=1` });
    });
  });

  useDidShow(() => {
    if (sessionStore.get()) void refreshUnreadBadge();
  });

  return children;
}

export default App;
