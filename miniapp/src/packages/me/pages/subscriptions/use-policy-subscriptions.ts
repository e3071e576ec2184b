import { useEffect, useState } from 'react';
import type { SubscribeTemplatesResponse, SubscriptionSettings } from '@qsgj/shared/contracts';
import { NotificationKind } from '@qsgj/shared/enums';
import { SUBSCRIPTION_LIST_MAX } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { ApiError } from '@/services/http';
import { askForSubscriptions, notificationsApi } from '@/services/notifications.api';
import { subscriptionsApi } from '@/services/policies.api';
import { useDictionaries } from '@/packages/me/pages/profile/use-dictionaries';
import { IS_WEAPP } from '@/utils/platform';
import { toast } from '@/utils/routes';

export type ListField = 'categories' | 'industries' | 'districts';
export type SubscriptionErrors = Partial<Record<keyof SubscriptionSettings | 'form', string>>;

const FIELDS: readonly (keyof SubscriptionSettings)[] = ['matchProfile', 'categories', 'industries', 'districts'];
export const LIST_MAX = SUBSCRIPTION_LIST_MAX;

/** Whether anything at all would be pushed to me. */
export function subscribesToAnything(s: SubscriptionSettings): boolean {
  return s.matchProfile || s.categories.length > 0 || s.industries.length > 0 || s.districts.length > 0;
}

function fieldErrors(e: Error): SubscriptionErrors {
  const errors: SubscriptionErrors = {};
  if (e instanceof ApiError && Array.isArray(e.details))
    for (const d of e.details) {
      const field = FIELDS.find((f) => d.field === f || d.field.startsWith(`${f}.`));
      if (field && !errors[field]) errors[field] = d.message;
    }
  if (!FIELDS.some((f) => errors[f])) errors.form = e.message;
  return errors;
}

/**
 * 政策订阅: my settings, the dictionaries to choose from and the WeChat policy template (both after the first
 * render), and the save. In WeChat, 保存 and 开启微信提醒 ask for the policy template first thing in the tap
 * (WeChat refuses the ask anywhere else), then write.
 */
export function usePolicySubscriptions() {
  const settings = useRequest(() => subscriptionsApi.get(), []);
  const [draft, setDraft] = useState<SubscriptionSettings>();
  const [errors, setErrors] = useState<SubscriptionErrors>({});
  const [offer, setOffer] = useState<SubscribeTemplatesResponse>();
  const { run, busy } = useAction();
  const loaded = !!settings.data;
  const dictionaries = useDictionaries(['categories', 'industries', 'districts'], loaded);

  useEffect(() => {
    if (settings.data) setDraft({ ...settings.data });
  }, [settings.data]);

  // The policy template (WeChat only), once the page shows: it must be at hand when the user taps.
  useEffect(() => {
    if (IS_WEAPP && loaded && !offer)
      notificationsApi.templates().then(
        (o) => setOffer({ ...o, templates: o.templates.filter((t) => t.kind === NotificationKind.POLICY) }),
        () => undefined,
      );
  }, [loaded, offer]);

  const reminder = IS_WEAPP && !!offer?.templates.length;

  /** Must be called synchronously at the start of a tap handler. */
  const askReminder = (): Promise<number> =>
    reminder && offer ? askForSubscriptions(offer).catch(() => 0) : Promise.resolve(0);

  const set = <K extends keyof SubscriptionSettings>(field: K, value: SubscriptionSettings[K]) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  };

  const save = async () => {
    if (!draft || busy) return;
    const asking = subscribesToAnything(draft) ? askReminder() : Promise.resolve(0);
    const result = await run(
      () => subscriptionsApi.save(draft),
      (e) => {
        setErrors(fieldErrors(e));
        return e.message;
      },
    );
    const accepted = await asking;
    if (result) {
      setDraft({ ...result });
      toast(accepted ? '已保存，已开启微信提醒' : '已保存', 'success');
    }
  };

  const remind = async () => {
    const accepted = await askReminder();
    toast(accepted ? '已开启微信提醒' : '未开启微信提醒，新政策仍会显示在消息中');
  };

  return {
    loading: settings.loading && !settings.data,
    error: settings.data ? null : settings.error,
    reload: settings.reload,
    draft,
    set,
    errors,
    save,
    busy,
    dictionaries,
    reminder,
    remind,
  };
}

export type PolicySubscriptionsForm = ReturnType<typeof usePolicySubscriptions>;
