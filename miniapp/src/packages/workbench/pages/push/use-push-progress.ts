import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { PushStatus } from '@qsgj/shared/enums';
import { useRequest } from '@/hooks/use-request';
import { adminPoliciesApi } from '@/services/policies.api';
import { openPage, PAGES } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';

/** How often the page asks while a push runs. */
export const PUSH_POLL_MS = 2000;

/**
 * 推送进度 (`?id=` the push): `GET /admin/pushes/:id`, asked again every 2 s while the push is not done and the
 * page is on screen — stopped when it is done, when the page is hidden (another page on top, the app in the
 * background) or closed; resumed when it is shown again.
 */
export function usePushProgress() {
  const admin = useAdmin();
  const { params } = useRouter();
  const id = params.id || '';
  const progress = useRequest(() => adminPoliciesApi.push(id), [id], { enabled: admin && !!id });
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  const reload = useRef(progress.reload);
  reload.current = progress.reload;
  const status = progress.data?.status;
  const running = !!progress.data && status !== PushStatus.DONE;
  useEffect(() => {
    // One timer per answer: the next question goes 2 s after the last answer, never two at once.
    if (!running || !visible || progress.loading) return undefined;
    const timer = setTimeout(() => void reload.current(), PUSH_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, visible, progress.loading, progress.data]);

  const p = progress.data;
  const handled = p ? p.sent + p.skipped + p.failed : 0;
  const percent = !p
    ? 0
    : p.status === PushStatus.DONE
      ? 100
      : p.targeted
        ? Math.min(99, Math.floor((handled / p.targeted) * 100))
        : 0;

  return {
    admin,
    id,
    progress,
    percent,
    openPolicy: () => p && void openPage(`${PAGES.policyEdit}?id=${encodeURIComponent(p.policyId)}`),
    openList: () => void openPage(PAGES.staffPolicies, { replace: true }),
  };
}
