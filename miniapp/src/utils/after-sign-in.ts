import Taro from '@tarojs/taro';
import { forgetUnreadBadge, refreshUnreadBadge } from '@/services/notifications.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';

/**
 * Where a fresh sign-in goes: the privacy consent first if it is due, the forced password change for
 * new staff accounts, the workbench for staff, otherwise back where the user came from (or 我的).
 */
export async function afterSignIn(redirect?: string): Promise<void> {
  const session = sessionStore.get();
  if (!session) return;
  forgetUnreadBadge();
  void refreshUnreadBadge();
  if (isStaff(session)) {
    await Taro.redirectTo({ url: session.user.mustChangePassword ? PAGES.changePassword : PAGES.workbench });
    return;
  }
  if (session.consentRequired) {
    await Taro.redirectTo({ url: `${PAGES.privacy}${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}` });
    return;
  }
  await openPage(redirect ?? PAGES.me, { replace: true });
}
