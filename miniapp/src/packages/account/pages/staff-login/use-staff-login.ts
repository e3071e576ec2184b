import { useState } from 'react';
import { useAction } from '@/hooks/use-action';
import { authApi } from '@/services/auth.api';
import type { ApiError } from '@/services/http';
import { afterSignIn } from '@/utils/after-sign-in';

/** The server's message, with the attempts left before the 30-minute lock when it says so. */
function signInMessage(e: Error): string {
  const remaining = ((e as ApiError).details as { remainingAttempts?: number } | undefined)?.remainingAttempts;
  return remaining ? `${e.message}，还可尝试 ${remaining} 次` : e.message;
}

/** Staff sign-in with username and password; lockout and remaining attempts as the server says. */
export function useStaffLogin() {
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

  return { username, setUsername, password, setPassword, busy, error, submit };
}
