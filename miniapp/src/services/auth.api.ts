import Taro from '@tarojs/taro';
import type { AuthConfigResponse, TokenResponse } from '@qsgj/shared/contracts';
import { http } from '@/services/http';
import { forgetUnreadBadge, showUnreadBadge } from '@/services/notifications.api';
import { clearSession, saveSession, sessionStore } from '@/stores/session';

export const authApi = {
  config: () => http.get<AuthConfigResponse>('/auth/config', { auth: false }),

  /** In WeChat: wx.login's code. In H5 on the fake WeChat: `mock:<name>`. */
  async signInWithCode(code: string) {
    const tokens = await http.post<TokenResponse>('/auth/wechat', { code }, { auth: false });
    return saveSession(tokens);
  },

  async signInWithWechat() {
    const { code } = await Taro.login();
    return authApi.signInWithCode(code);
  },

  async signInStaff(username: string, password: string) {
    const tokens = await http.post<TokenResponse>('/auth/staff', { username, password }, { auth: false, retries: 0 });
    return saveSession(tokens);
  },

  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/auth/password', { currentPassword, newPassword }, { retries: 0 }),

  async signOut() {
    if (sessionStore.get()) await http.post<void>('/auth/logout').catch(() => undefined);
    clearSession();
    forgetUnreadBadge();
    showUnreadBadge(0);
  },
};
