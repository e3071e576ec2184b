import { useRouter } from '@tarojs/taro';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { butlersApi } from '@/services/butlers.api';
import { isStaff, sessionStore } from '@/stores/session';
import { PAGES } from '@/utils/routes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 「向TA咨询」: the consultation form addressed to this butler. */
export function askUrl(id: string, name: string): string {
  return `${PAGES.caseNew}?type=consult&butlerId=${id}&butlerName=${encodeURIComponent(name)}`;
}

/** 管家详情 `?id=`: one request; a missing or malformed id asks nothing and says so. */
export function useButlerDetail() {
  const id = useRouter().params.id ?? '';
  const valid = UUID.test(id);
  const session = useStore(sessionStore);
  const detail = useRequest(() => butlersApi.detail(id), [id], { enabled: valid });
  return { id, valid, session, staff: isStaff(session), detail };
}
