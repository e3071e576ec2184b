import Taro, { useDidShow } from '@tarojs/taro';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { authApi } from '@/services/auth.api';
import { meApi } from '@/services/me.api';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES } from '@/utils/routes';

/** 管家工作台: the signed-in staff member's profile; anyone else is sent to the staff sign-in. */
export function useWorkbench() {
  const session = useStore(sessionStore);
  const me = useRequest(() => meApi.get(), [], { enabled: isStaff(session) });

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });

  const signOut = () => void authApi.signOut().then(() => Taro.reLaunch({ url: PAGES.home }));

  return { me, displayName: session?.user.displayName, signOut };
}
