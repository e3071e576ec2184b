import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import PageShell from '../../../../components/page-shell';
import { authApi } from '../../../../services/auth.api';
import type { ApiError } from '../../../../services/http';
import { afterSignIn } from '../../../../utils/after-sign-in';

/** Staff sign-in: username + password. Lockout and remaining attempts are shown as the server says. */
export default function StaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await authApi.signInStaff(username.trim(), password);
      await afterSignIn();
    } catch (e) {
      const err = e as ApiError;
      const remaining = (err.details as { remainingAttempts?: number } | undefined)?.remainingAttempts;
      setError(remaining ? `${err.message}，还可尝试 ${remaining} 次` : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <View className="qs-section">
        <Text className="qs-section__title">工作人员登录</Text>
        <Text className="qs-muted">亲商管家、主管和管理员使用账号密码登录</Text>
        <View className="qs-field">
          <Text className="qs-field__label">用户名</Text>
          <Input
            className="qs-field__input staff-login__username"
            value={username}
            maxlength={32}
            placeholder="请输入用户名"
            onInput={(e) => setUsername(e.detail.value)}
          />
        </View>
        <View className="qs-field">
          <Text className="qs-field__label">密码</Text>
          <Input
            className="qs-field__input staff-login__password"
            password
            value={password}
            maxlength={128}
            placeholder="请输入密码"
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void submit()}
          />
        </View>
        {error && <Text className="qs-field__error staff-login__error">{error}</Text>}
        <Button className="qs-btn staff-login__submit" loading={busy} disabled={busy} onClick={() => void submit()}>
          登录
        </Button>
      </View>
    </PageShell>
  );
}
