import { Button, Text, View } from '@tarojs/components';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { useStaffLogin } from './use-staff-login';

/** Staff sign-in: username + password. */
function StaffLogin() {
  const { username, setUsername, password, setPassword, busy, error, submit } = useStaffLogin();
  return (
    <View className="qs-section">
      <Text className="qs-section__title">工作人员登录</Text>
      <Text className="qs-muted">亲商管家、主管和管理员使用账号密码登录</Text>
      <Field
        label="用户名"
        inputClass="staff-login__username"
        value={username}
        maxlength={32}
        placeholder="请输入用户名"
        onInput={setUsername}
      />
      <Field
        label="密码"
        inputClass="staff-login__password"
        password
        value={password}
        maxlength={128}
        placeholder="请输入密码"
        onInput={setPassword}
        onConfirm={submit}
      />
      {error && <Text className="qs-field__error staff-login__error">{error}</Text>}
      <Button className="qs-btn staff-login__submit" loading={busy} disabled={busy} onClick={submit}>
        登录
      </Button>
    </View>
  );
}

export default function StaffLoginPage() {
  return (
    <PageShell>
      <StaffLogin />
    </PageShell>
  );
}
