import Taro from '@tarojs/taro';
import { PAGES } from '@/utils/routes';

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
let pending: Resolve | null = null;

/**
 * WeChat asks the app for privacy authorisation before the first privacy API call (getPhoneNumber,
 * chooseImage …). We answer with our own notice page; its buttons call resolvePrivacyAuthorization.
 */
export function watchPrivacyAuthorization(): void {
  const api = (Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void })
    .onNeedPrivacyAuthorization;
  if (typeof api !== 'function') return;
  api((resolve) => {
    pending = resolve;
    void Taro.navigateTo({ url: PAGES.privacy });
  });
}

export function resolvePrivacyAuthorization(agreed: boolean): void {
  pending?.({ event: agreed ? 'agree' : 'disagree', buttonId: 'privacy-agree' });
  pending = null;
}
