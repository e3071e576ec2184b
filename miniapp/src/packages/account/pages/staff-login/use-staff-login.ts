import { useState } from 'react';
import { useAction } from '@/hooks/use-action';
import { authApi } from '@/services/auth.api';
import { afterSignIn } from '@/utils/after-sign-in';

/**
 * Staff sign-in with username and password; the server's message as it is. It does not say how many
 * attempts are left (that would tell a known username from an unknown one), only when the account is locked.
 */
export function useStaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error, setError } = useAction();

  const submit = () => {
    if (!username.trim() || !password) return setError('请输入用户名和密码');
    void run(async () => {
      await authApi.signInStaff(username.trim(), password);
      await afterSignIn();
    });
  };

  return { username, setUsername, password, setPassword, busy, error, submit };
}
