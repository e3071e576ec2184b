import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BindEnterpriseDto } from '@qsgj/shared/contracts';
import { MembershipStatus } from '@qsgj/shared/enums';
import { creditCodeMessage, isValidCreditCode, normalizeCreditCode } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { ApiError } from '@/services/http';
import { meApi } from '@/services/me.api';
import { PAGES, toast } from '@/utils/routes';

type FormField = 'creditCode' | 'name' | 'contactName';
export type BindErrors = Partial<Record<FormField | 'form', string>>;

const FIELDS: FormField[] = ['creditCode', 'name', 'contactName'];

/** What is wrong with the form before the server is asked (the credit code with the shared rule). */
function check(form: Record<FormField, string>): BindErrors {
  const errors: BindErrors = {};
  const code = normalizeCreditCode(form.creditCode);
  if (!code) errors.creditCode = '请输入统一社会信用代码';
  else if (code.length !== 18) errors.creditCode = `统一社会信用代码为 18 位，您输入了 ${code.length} 位`;
  else if (!isValidCreditCode(code)) errors.creditCode = creditCodeMessage(code) ?? undefined; // names the wrong part
  if (!form.name.trim()) errors.name = '请输入企业名称';
  if (!form.contactName.trim()) errors.contactName = '请输入联系人姓名';
  return errors;
}

/** The server's refusal, beside the field it is about where it names one. */
function serverErrors(e: Error): BindErrors {
  if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
    const errors: BindErrors = {};
    for (const field of FIELDS) errors[field] = e.fieldMessage(field);
    if (!FIELDS.some((f) => errors[f])) errors.form = e.message;
    return errors;
  }
  if (e instanceof ApiError && e.code === 'CREDIT_CODE_INVALID') return { creditCode: e.message };
  return { form: e.message };
}

/** 绑定企业: the form, checked here first, then `POST /me/enterprise`; back to 我的 when it is done. */
export function useBind() {
  const [form, setForm] = useState<Record<FormField, string>>({ creditCode: '', name: '', contactName: '' });
  const [phoneCode, setPhoneCode] = useState<string>();
  const [errors, setErrors] = useState<BindErrors>({});
  const { run, busy } = useAction();

  const set = (field: FormField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((er) => ({ ...er, [field]: undefined, form: undefined }));
  };

  const onPhoneCode = (code: string | undefined) => {
    if (code) setPhoneCode(code);
    else toast('未授权手机号，可稍后再绑定');
  };

  const submit = async () => {
    const problems = check(form);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const dto: BindEnterpriseDto = {
      creditCode: normalizeCreditCode(form.creditCode),
      name: form.name.trim(),
      contactName: form.contactName.trim(),
      ...(phoneCode ? { phoneCode } : {}),
    };
    await run(
      async () => {
        const me = await meApi.bindEnterprise(dto);
        toast(
          me.membership?.status === MembershipStatus.PENDING ? '已提交，等待企业管理员审核' : '绑定成功',
          'success',
        );
        setTimeout(() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: PAGES.me })), 800);
      },
      (e) => {
        setErrors(serverErrors(e));
        return undefined;
      },
    );
  };

  return { form, set, phoneCode, onPhoneCode, errors, busy, submit };
}
