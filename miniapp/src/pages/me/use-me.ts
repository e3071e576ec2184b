import Taro, { useDidShow } from '@tarojs/taro';
import { MembershipStatus, Role } from '@qsgj/shared/enums';
import { useRequest } from '@/hooks/use-request';
import { authApi } from '@/services/auth.api';
import { casesApi } from '@/services/cases.api';
import { meApi } from '@/services/me.api';
import { refreshUnreadBadge } from '@/services/notifications.api';
import { setLargeFont } from '@/stores/prefs';
import { isStaff, sessionStore } from '@/stores/session';

/**
 * 我的: the profile (again whenever the tab is shown), and the assigned butler once the enterprise
 * binding is approved. The butler card loads after 我的 has rendered: the first render needs only
 * the profile (and the shared unread count). So does the count of cases waiting for a rating (我的诉求's badge).
 */
export function useMe(userId: string | undefined) {
  const signedIn = !!userId;
  const me = useRequest(() => meApi.get(), [userId], { enabled: signedIn, refreshOnShow: true });
  const approved = me.data?.role === Role.ENTERPRISE && me.data.membership?.status === MembershipStatus.APPROVED;
  const butler = useRequest(() => meApi.butler(), [me.data?.id], { enabled: signedIn && approved });
  // 我的诉求's badge: the cases waiting for this enterprise's rating. Asked only once the profile says the user is an
  // approved member (after the first render, like the butler card), and again whenever 我的 is shown.
  const counts = useRequest(() => casesApi.counts(), [me.data?.id], {
    enabled: signedIn && approved,
    refreshOnShow: true,
  });

  useDidShow(() => {
    if (signedIn) void refreshUnreadBadge();
  });

  /** 长辈版: on this device, and on the account (enterprise users) so it follows them to another phone. */
  const setLarge = (on: boolean) => {
    setLargeFont(on);
    if (signedIn && !isStaff(sessionStore.get())) void meApi.update({ largeFont: on }).catch(() => undefined);
  };

  const signOut = () => void authApi.signOut().then(() => Taro.showToast({ title: '已退出登录', icon: 'none' }));

  return {
    // Only the signed-in user's own profile (not the previous user's while the next one's loads).
    me: me.data && me.data.id === userId ? me.data : undefined,
    butler: approved ? butler.data : undefined,
    butlerError: butler.error,
    awaitingRating: approved ? (counts.data?.resolved ?? 0) : 0,
    hasCases: approved,
    loading: me.loading,
    error: me.error,
    reload: me.reload,
    setLarge,
    signOut,
  };
}
