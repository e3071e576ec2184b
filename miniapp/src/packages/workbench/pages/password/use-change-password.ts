import Taro from '@tarojs/taro';
import { useState } from 'react';
import { passwordProblems } from '@qsgj/shared/rules';
import { useAction } from '@/hooks/use-action';
import { useStore } from '@/hooks/use-store';
import { authApi } from '@/services/auth.api';
import { clearSession, sessionStore } from '@/stores/session';
import { PAGES, toast } from '@/utils/routes';

/**
 * Change password (forced at the first sign-in of an account an admin created): the shared password
 * policy checked here first; every session ends after it, so the user signs in again.
 */
export function useChangePassword() {
  const session = useStore(sessionStore);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { run, busy, error, setError } = useAction();

  const submit = () => {
    const problems = passwordProblems(next, session?.user.displayName ?? '');
    if (!current) return setError('请输入当前密码');
    if (problems.length) return setError(problems.join('，'));
    if (next !== again) return setError('两次输入的新密码不一致');
    void run(async () => {
      await authApi.changePassword(current, next);
      clearSession();
      toast('密码已修改，请用新密码登录', 'success');
      setTimeout(() => void Taro.redirectTo({ url: PAGES.staffLogin }), 800);
    });
  };

  return {
    forced: session?.user.mustChangePassword ?? false,
    fields: { current, setCurrent, next, setNext, again, setAgain },
    busy,
    error,
    submit,
  };
}
