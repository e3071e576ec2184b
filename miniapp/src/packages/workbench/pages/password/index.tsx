import { Button, Text, View } from '@tarojs/components';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { useChangePassword } from './use-change-password';

/** Change password (forced at first sign-in of an admin-created account). All sessions end after it. */
function ChangePassword() {
  const { forced, fields, busy, error, submit } = useChangePassword();
  return (
    <View className="qs-section">
      <Text className="qs-section__title">{forced ? '首次登录，请修改密码' : '修改密码'}</Text>
      <Text className="qs-muted">至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。</Text>
      <Field
        label="当前密码"
        inputClass="password__current"
        password
        value={fields.current}
        maxlength={128}
        onInput={fields.setCurrent}
      />
      <Field
        label="新密码"
        inputClass="password__next"
        password
        value={fields.next}
        maxlength={128}
        onInput={fields.setNext}
      />
      <Field
        label="再次输入新密码"
        inputClass="password__again"
        password
        value={fields.again}
        maxlength={128}
        onInput={fields.setAgain}
      />
      {error && <Text className="qs-field__error password__error">{error}</Text>}
      <Button className="qs-btn password__submit" loading={busy} disabled={busy} onClick={submit}>
        确认修改
      </Button>
    </View>
  );
}

export default function ChangePasswordPage() {
  return (
    <PageShell>
      <ChangePassword />
    </PageShell>
  );
}
