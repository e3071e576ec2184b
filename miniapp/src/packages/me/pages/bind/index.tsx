import { Button, Text, View } from '@tarojs/components';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { IS_WEAPP } from '@/utils/platform';
import { useBind } from './use-bind';

/** Bind my enterprise: credit code checked here with the shared rule; the server's errors shown in place. */
function Bind() {
  const { form, set, phoneCode, onPhoneCode, errors, busy, submit } = useBind();
  return (
    <View className="qs-section">
      <Text className="qs-section__title">绑定企业</Text>
      <Text className="qs-muted">第一位绑定的用户成为企业管理员；之后的绑定申请需企业管理员或管家审核。</Text>

      <Field
        label="统一社会信用代码"
        inputClass="bind__code"
        value={form.creditCode}
        maxlength={22}
        placeholder="18 位，见营业执照"
        onInput={set('creditCode')}
        error={errors.creditCode}
        errorClass="bind__code-error"
        hint="字母不区分大小写，可带空格"
      />
      <Field
        label="企业名称"
        inputClass="bind__name"
        value={form.name}
        maxlength={100}
        placeholder="与营业执照一致"
        onInput={set('name')}
        error={errors.name}
      />
      <Field
        label="联系人"
        inputClass="bind__contact"
        value={form.contactName}
        maxlength={30}
        placeholder="您的姓名"
        onInput={set('contactName')}
        error={errors.contactName}
      />

      {IS_WEAPP && (
        <View className="qs-field">
          <Text className="qs-field__label">手机号（可选）</Text>
          {phoneCode ? (
            <Text className="qs-field__hint">已授权，提交后由微信提供手机号</Text>
          ) : (
            <Button
              className="qs-btn qs-btn--plain"
              openType="getPhoneNumber"
              onGetPhoneNumber={(e) => onPhoneCode((e.detail as { code?: string }).code)}
            >
              使用微信手机号
            </Button>
          )}
        </View>
      )}

      {errors.form && <Text className="qs-field__error bind__form-error">{errors.form}</Text>}
      <Button className="qs-btn bind__submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        提交绑定
      </Button>
    </View>
  );
}

export default function BindPage() {
  return (
    <PageShell className="bind">
      <Bind />
    </PageShell>
  );
}
