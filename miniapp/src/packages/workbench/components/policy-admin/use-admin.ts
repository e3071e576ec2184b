import Taro, { useDidShow } from '@tarojs/taro';
import { Role } from '@qsgj/shared/enums';
import { useStore } from '@/hooks/use-store';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES } from '@/utils/routes';

/**
 * The admin pages of 涉企政策 (policies, import, push progress, dictionaries): whether the signed-in user is an
 * admin (other staff see a 「无此权限」 note, as on 工作日历); anyone not signed in as staff goes to the staff sign-in.
 */
export function useAdmin(): boolean {
  const session = useStore(sessionStore);
  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });
  return isStaff(session) && session?.user.role === Role.ADMIN;
}
