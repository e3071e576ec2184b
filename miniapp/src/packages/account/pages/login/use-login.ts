import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { authApi } from '@/services/auth.api';
import { afterSignIn } from '@/utils/after-sign-in';
import { IS_WEAPP } from '@/utils/platform';

/**
 * Sign-in. In WeChat: wx.login → the server. In H5, `GET /auth/config` says whether the server runs
 * on the fake WeChat: then a development sign-in turns a chosen name into `mock:<name>`.
 */
export function useLogin() {
  const { params } = useRouter();
  const config = useRequest(() => authApi.config(), [], { enabled: !IS_WEAPP });
  const [name, setName] = useState('');
  const { run, busy, error, setError } = useAction();

  const signIn = (how: () => Promise<unknown>) =>
    void run(async () => {
      await how();
      await afterSignIn(params.redirect ? decodeURIComponent(params.redirect) : undefined);
    });

  const signInWithWechat = () => signIn(() => authApi.signInWithWechat());

  const devSignIn = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError('请输入一个名字，用于模拟微信身份');
      return;
    }
    signIn(() => authApi.signInWithCode(`mock:${trimmed}`));
  };

  return { config, name, setName, busy, error, signInWithWechat, devSignIn };
}
