import { Button, Label, Switch, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { ManyOf, optionsOf } from '@/packages/me/pages/profile/choices';
import { openPage, PAGES, toast } from '@/utils/routes';
import {
  LIST_MAX,
  type ListField,
  type PolicySubscriptionsForm,
  usePolicySubscriptions,
} from './use-policy-subscriptions';
import './index.scss';

const LISTS: Array<{ field: ListField; label: string; hint: string }> = [
  { field: 'categories', label: '政策类别', hint: '选中的类别有新政策时提醒您' },
  { field: 'industries', label: '行业', hint: '面向这些行业（或不限行业）的新政策' },
  { field: 'districts', label: '区域', hint: '适用于这些区域的新政策' },
];

function Settings({ form }: { form: PolicySubscriptionsForm }) {
  const { draft, errors, dictionaries } = form;
  if (!draft) return null;
  return (
    <>
      <View className="qs-section subscriptions__match">
        <Label className="subscriptions__switch">
          <View className="subscriptions__switch-text">
            <Text className="subscriptions__switch-title">推送与本企业匹配的政策</Text>
            <Text className="qs-muted">按一企一档（行业、规模、区域、资质）匹配，新政策发布当天提醒您</Text>
          </View>
          <Switch
            className="subscriptions__match-switch"
            checked={draft.matchProfile}
            color="#06753d"
            onChange={(e) => form.set('matchProfile', e.detail.value)}
            aria-label="推送与本企业匹配的政策"
            nativeProps={{ 'aria-label': '推送与本企业匹配的政策' }}
          />
        </Label>
        <View
          className="subscriptions__profile-link"
          role="button"
          onClick={() => void openPage(PAGES.enterpriseProfile)}
        >
          完善一企一档
        </View>
        {errors.matchProfile && <Text className="qs-field__error">{errors.matchProfile}</Text>}
      </View>

      <View className="qs-section subscriptions__lists">
        <Text className="qs-section__title">另外订阅</Text>
        <Text className="qs-muted">不选则不按此项订阅；选了多项时，同时符合才推送。</Text>
        {dictionaries.error && (
          <View role="alert">
            <Text className="qs-field__error">{`选项加载失败：${dictionaries.error}`}</Text>
            <Button className="qs-btn qs-btn--plain" onClick={dictionaries.retry}>
              重新加载选项
            </Button>
          </View>
        )}
        {LISTS.map(({ field, label, hint }) => (
          <ManyOf
            key={field}
            label={label}
            name={`subscriptions__${field}`}
            values={draft[field]}
            options={optionsOf(dictionaries.values[field] ?? [], draft[field])}
            onChange={(v) => form.set(field, v)}
            error={errors[field]}
            hint={hint}
            max={LIST_MAX}
            onTooMany={() => toast(`每项最多选 ${LIST_MAX} 个`)}
          />
        ))}
      </View>

      <View className="qs-section">
        {errors.form && (
          <View className="subscriptions__error" role="alert">
            <Text className="qs-field__error">{errors.form}</Text>
          </View>
        )}
        <Button
          className="qs-btn subscriptions__save"
          loading={form.busy}
          disabled={form.busy}
          onClick={() => void form.save()}
        >
          保存
        </Button>
        {form.reminder && (
          <Button className="qs-btn qs-btn--plain subscriptions__remind" onClick={() => void form.remind()}>
            开启微信提醒
          </Button>
        )}
        <Text className="qs-muted subscriptions__note">
          {form.reminder
            ? '保存时会请您允许微信提醒，每次允许可收到一条新政策提醒；不论是否允许，新政策都会出现在「消息」中。'
            : '订阅的新政策会出现在「消息」中。'}
        </Text>
      </View>
    </>
  );
}

/** 政策订阅: which new policies reach me. */
function Subscriptions() {
  const form = usePolicySubscriptions();
  return (
    <StateView loading={form.loading} error={form.error} onRetry={() => void form.reload()}>
      <Settings form={form} />
    </StateView>
  );
}

export default function SubscriptionsPage() {
  return (
    <PageShell className="subscriptions">
      <Subscriptions />
    </PageShell>
  );
}
