import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { passwordProblems } from '@qsgj/shared/rules';
import Field from '../../../../components/field';
import PageShell from '../../../../components/page-shell';
import { useAction } from '../../../../hooks/use-action';
import { useStore } from '../../../../hooks/use-store';
import { authApi } from '../../../../services/auth.api';
import { clearSession, sessionStore } from '../../../../stores/session';
import { ROUTES, toast } from '../../../../utils/routes';

/** Change password (forced at first sign-in of an admin-created account). All sessions end after it. */
export default function ChangePassword() {
  const session = useStore(sessionStore);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { run, busy, error, setError } = useAction();
  const forced = session?.user.mustChangePassword ?? false;

  const submit = () => {
    const problems = passwordProblems(next, session?.user.displayName ?? '');
    if (!current) return setError('请输入当前密码');
    if (problems.length) return setError(problems.join('，'));
    if (next !== again) return setError('两次输入的新密码不一致');
    void run(async () => {
      await authApi.changePassword(current, next);
      clearSession();
      toast('密码已修改，请用新密码登录', 'success');
      setTimeout(() => void Taro.redirectTo({ url: ROUTES.staffLogin }), 800);
    });
  };

  return (
    <PageShell>
      <View className="qs-section">
        <Text className="qs-section__title">{forced ? '首次登录，请修改密码' : '修改密码'}</Text>
        <Text className="qs-muted">至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。</Text>
        <Field
          label="当前密码"
          inputClass="password__current"
          password
          value={current}
          maxlength={128}
          onInput={setCurrent}
        />
        <Field label="新密码" inputClass="password__next" password value={next} maxlength={128} onInput={setNext} />
        <Field
          label="再次输入新密码"
          inputClass="password__again"
          password
          value={again}
          maxlength={128}
          onInput={setAgain}
        />
        {error && <Text className="qs-field__error password__error">{error}</Text>}
        <Button className="qs-btn password__submit" loading={busy} disabled={busy} onClick={submit}>
          确认修改
        </Button>
      </View>
    </PageShell>
  );
}
