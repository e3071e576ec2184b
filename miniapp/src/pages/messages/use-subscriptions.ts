import { useEffect, useState } from 'react';
import type { SubscribeTemplatesResponse } from '@qsgj/shared/contracts';
import { askForSubscriptions, notificationsApi } from '@/services/notifications.api';
import { IS_WEAPP } from '@/utils/platform';
import { toast } from '@/utils/routes';

/**
 * 开启微信通知 (WeChat only). The templates load once the inbox has rendered (its first render needs
 * no more requests); `subscribe` must run first thing in the tap: WeChat refuses
 * requestSubscribeMessage anywhere else.
 */
export function useSubscriptions(ready: boolean) {
  const [offer, setOffer] = useState<SubscribeTemplatesResponse>();

  useEffect(() => {
    if (IS_WEAPP && ready && !offer) notificationsApi.templates().then(setOffer, () => undefined);
  }, [ready, offer]);

  const subscribe = async () => {
    if (!offer) return toast('正在准备，请稍后再试');
    try {
      const accepted = await askForSubscriptions(offer);
      toast(accepted ? `已开启 ${accepted} 项微信通知` : '未开启微信通知，消息仍会显示在这里');
    } catch {
      toast('开启失败，请稍后再试');
    }
  };

  return { available: IS_WEAPP, subscribe };
}
