import Taro from '@tarojs/taro';
import type { SessionUser, TokenResponse } from '@qsgj/shared/contracts';
import { isStaffRole } from '@qsgj/shared/enums';
import { createStore } from '@/utils/emitter';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
  consentRequired: boolean;
}

const KEY = 'qsgj.session';

function load(): Session | null {
  try {
    const raw = Taro.getStorageSync(KEY) as Session | '' | undefined;
    return raw && typeof raw === 'object' && raw.accessToken ? raw : null;
  } catch {
    return null;
  }
}

/** The signed-in user and their tokens, kept in storage so a restart stays signed in. */
export const sessionStore = createStore<Session | null>(load());

export function saveSession(tokens: TokenResponse): Session {
  const session: Session = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    user: tokens.user,
    consentRequired: tokens.consentRequired,
  };
  Taro.setStorageSync(KEY, session);
  sessionStore.set(session);
  return session;
}

export function updateSession(patch: Partial<Session>): void {
  const current = sessionStore.get();
  if (!current) return;
  const next = { ...current, ...patch };
  Taro.setStorageSync(KEY, next);
  sessionStore.set(next);
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
  sessionStore.set(null);
}

/** Signed in as staff (管家, 主管, 管理员): the workbench, not the enterprise pages. */
export function isStaff(session: Session | null): boolean {
  return !!session && isStaffRole(session.user.role);
}
