import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import Field from '../../../../components/field';
import PageShell from '../../../../components/page-shell';
import { useAction } from '../../../../hooks/use-action';
import { authApi } from '../../../../services/auth.api';
import type { ApiError } from '../../../../services/http';
import { afterSignIn } from '../../../../utils/after-sign-in';

/** The server's message, with the attempts left before the 30-minute lock when it says so. */
function signInMessage(e: Error): string {
  const remaining = ((e as ApiError).details as { remainingAttempts?: number } | undefined)?.remainingAttempts;
  return remaining ? `${e.message}，还可尝试 ${remaining} 次` : e.message;
}

/** Staff sign-in: username + password. Lockout and remaining attempts are shown as the server says. */
export default function StaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error, setError } = useAction();

  const submit = () => {
    if (!username.trim() || !password) return setError('请输入用户名和密码');
    void run(async () => {
      await authApi.signInStaff(username.trim(), password);
      await afterSignIn();
    }, signInMessage);
  };

  return (
    <PageShell>
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
    </PageShell>
  );
}
