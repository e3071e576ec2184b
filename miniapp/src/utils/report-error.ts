import Taro from '@tarojs/taro';
import { IS_WEAPP } from '@/utils/platform';

export interface PageErrorReport {
  /** The page it happened on, e.g. `packages/me/pages/members/index`. */
  route: string;
  message: string;
  /** The server's id of the request whose answer the page was showing (see `lastRequestId`). */
  requestId?: string;
  stack?: string;
}

function currentRoute(): string {
  try {
    return Taro.getCurrentInstance?.()?.router?.path ?? '';
  } catch {
    return '';
  }
}

/**
 * Reports a page that failed to render. There is no collection route on the server, so: the console
 * (WeChat DevTools, the browser, `vConsole` on a phone) and, in WeChat, the real-time log, which the
 * mini-program's admin console (开发管理 → 运维中心 → 实时日志) lets us search by the request id.
 */
export function reportPageError(error: Error, requestId: string | undefined): PageErrorReport {
  const report: PageErrorReport = {
    route: currentRoute(),
    message: `${error.name}: ${error.message}`,
    requestId,
    stack: error.stack?.split('\n').slice(0, 8).join('\n'),
  };
  console.error('[页面出错]', JSON.stringify(report));
  if (IS_WEAPP) {
    try {
      const log = Taro.getRealtimeLogManager?.();
      log?.setFilterMsg?.('page-error');
      log?.error?.('页面出错', report);
    } catch {
      // Best effort: an old base library has no real-time log.
    }
  }
  return report;
}
