import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BindEnterpriseDto } from '@qsgj/shared/contracts';
import { isValidCreditCode, normalizeCreditCode } from '@qsgj/shared/rules';
import Field from '../../../../components/field';
import PageShell from '../../../../components/page-shell';
import { ApiError } from '../../../../services/http';
import { meApi } from '../../../../services/me.api';
import { toast } from '../../../../utils/routes';
import { IS_WEAPP } from '../../../../utils/platform';

type Field = 'creditCode' | 'name' | 'contactName' | 'form';

/** Bind my enterprise: credit code checked here with the shared rule; the server's errors shown in place. */
export default function Bind() {
  const [form, setForm] = useState({ creditCode: '', name: '', contactName: '' });
  const [phoneCode, setPhoneCode] = useState<string>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  const set = (field: keyof typeof form) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((er) => ({ ...er, [field]: undefined, form: undefined }));
  };

  const validate = (): boolean => {
    const next: Partial<Record<Field, string>> = {};
    const code = normalizeCreditCode(form.creditCode);
    if (!code) next.creditCode = '请输入统一社会信用代码';
    else if (code.length !== 18) next.creditCode = `统一社会信用代码为 18 位，您输入了 ${code.length} 位`;
    else if (!isValidCreditCode(code)) next.creditCode = '统一社会信用代码校验位不正确，请核对营业执照';
    if (!form.name.trim()) next.name = '请输入企业名称';
    if (!form.contactName.trim()) next.contactName = '请输入联系人姓名';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async () => {
    if (!validate()) return;
    setBusy(true);
    try {
      const dto: BindEnterpriseDto = {
        creditCode: normalizeCreditCode(form.creditCode),
        name: form.name.trim(),
        contactName: form.contactName.trim(),
        ...(phoneCode ? { phoneCode } : {}),
      };
      const me = await meApi.bindEnterprise(dto);
      toast(me.membership?.status === 'pending' ? '已提交，等待企业管理员审核' : '绑定成功', 'success');
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' })), 800);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
        setErrors({
          creditCode: err.fieldMessage('creditCode'),
          name: err.fieldMessage('name'),
          contactName: err.fieldMessage('contactName'),
          form:
            err.fieldMessage('creditCode') || err.fieldMessage('name') || err.fieldMessage('contactName')
              ? undefined
              : err.message,
        });
      } else if (err.code === 'CREDIT_CODE_INVALID') {
        setErrors({ creditCode: err.message });
      } else {
        setErrors({ form: err.message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="bind">
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
                onGetPhoneNumber={(e) => {
                  const code = (e.detail as { code?: string }).code;
                  if (code) setPhoneCode(code);
                  else toast('未授权手机号，可稍后再绑定');
                }}
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
    </PageShell>
  );
}
