import { useState } from 'react';
import type { EnterpriseMemberItem } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { meApi } from '@/services/me.api';
import { toast } from '@/utils/routes';

/**
 * The owner's members list, paged (pull down to refresh, more at the bottom), and the decision on a
 * pending request: the row changes in place to what the server answers.
 */
export function useMembers() {
  const list = usePagedList<EnterpriseMemberItem>((cursor) => meApi.members(cursor), [], {
    key: (m) => m.userId,
  });
  const [deciding, setDeciding] = useState<string>();
  const { run } = useAction();

  const decide = (userId: string, approve: boolean) => {
    setDeciding(userId);
    void run(
      async () => {
        const decided = await meApi.decideMember(userId, approve);
        list.update((rows) => rows.map((m) => (m.userId === decided.userId ? decided : m)));
        toast(approve ? '已同意' : '已拒绝', 'success');
      },
      (e) => {
        toast(e.message);
        return undefined;
      },
    ).finally(() => setDeciding(undefined));
  };

  return { list, deciding, decide };
}
