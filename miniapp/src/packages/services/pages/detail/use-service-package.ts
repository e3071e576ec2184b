import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ServicePackageDetail } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError, newIdempotencyKey } from '@/services/http';
import { servicePackagesApi } from '@/services/service-packages.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

/** The detail's own address, for the share card and the way back from sign-in. */
export function packagePath(id: string): string {
  return `${PAGES.servicePackage}?id=${id}`;
}

/** What the viewer can do with the package now. */
export type ApplyGate = 'visitor' | 'staff' | 'unbound' | 'ineligible' | 'eligible';

export function applyGate(p: ServicePackageDetail, signedIn: boolean, staff: boolean): ApplyGate {
  if (!signedIn) return 'visitor';
  if (staff) return 'staff';
  if (!p.match) return 'unbound';
  return p.match.eligible ? 'eligible' : 'ineligible';
}

/**
 * 服务详情 (`?id=`): one request; a signed-in enterprise member also hears how the package fits the enterprise.
 * 「立即申请」 opens the confirmation (a visitor goes to sign-in and comes back); 「确认申请」 sends the application
 * with the key made when the confirmation opened (a retried tap never opens two cases) and opens the case.
 */
export function useServicePackage() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const request = useRequest(() => servicePackagesApi.detail(id), [id, session?.user.id], { enabled: !!id });
  const pkg: ServicePackageDetail | undefined = request.data && request.data.id === id ? request.data : undefined;

  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const applying = useAction();

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({ title: pkg?.name ?? '惠企服务', path: packagePath(id) }));

  const start = () => {
    if (!session) {
      toast('登录后即可申请');
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(packagePath(id))}`).catch(() => undefined);
      return;
    }
    setKey(newIdempotencyKey());
    setConfirming(true);
  };

  const submit = async () => {
    const text = note.trim();
    const created = await applying.run(
      () => servicePackagesApi.apply(id, text ? { note: text } : {}, key),
      (e) => {
        toast(e.message);
        return e.message;
      },
    );
    if (!created) return;
    setConfirming(false);
    await openPage(`${PAGES.caseDetail}?id=${encodeURIComponent(created.id)}`, { replace: true }).catch(
      () => undefined,
    );
    toast(`已提交申请，编号 ${created.number}`);
  };

  const error = request.error;
  return {
    id,
    pkg,
    gate: pkg ? applyGate(pkg, !!session, staff) : null,
    loading: request.loading,
    error,
    notFound: !id || (error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400)),
    reload: request.reload,
    confirming,
    note,
    setNote,
    start,
    cancel: () => setConfirming(false),
    submit: () => void submit(),
    busy: applying.busy,
    applyError: applying.error,
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
  };
}
