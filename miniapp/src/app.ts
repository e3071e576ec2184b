import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { onSignedOut } from '@/services/http';
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
  });

  useDidShow(() => {
    if (sessionStore.get()) void refreshUnreadBadge();
  });

  return children;
}

export default App;
