import { useState } from 'react';
import { MembershipStatus } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { useStore } from '@/hooks/use-store';
import { meApi } from '@/services/me.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

/** Why 发布供需 cannot go on: not a member of an enterprise yet, or the binding waits for approval. */
export type PublishBlock = 'unbound' | 'pending' | 'staff' | null;

/** The way back from sign-in to a page of the market. */
export const loginTo = (back: string) => `${PAGES.login}?redirect=${encodeURIComponent(back)}`;

/**
 * 发布供需 needs an approved member of an enterprise: a visitor signs in first (and comes back to the form); a
 * signed-in user's binding is asked only on the tap (not on the board's cold open); an unbound or pending one is told
 * why, with 绑定企业.
 */
export function usePublishGate(target: string = PAGES.marketEdit) {
  const session = useStore(sessionStore);
  const [block, setBlock] = useState<PublishBlock>(null);
  const checking = useAction();

  const publish = async () => {
    if (!session) {
      toast('登录后即可发布');
      await openPage(loginTo(target)).catch(() => undefined);
      return;
    }
    if (isStaff(session)) {
      setBlock('staff');
      return;
    }
    const me = await checking.run(
      () => meApi.get(),
      (e) => {
        toast(e.message);
        return e.message;
      },
    );
    if (!me) return;
    const status = me.membership?.status;
    if (status === MembershipStatus.APPROVED) {
      setBlock(null);
      await openPage(target).catch(() => undefined);
    } else setBlock(status === MembershipStatus.PENDING ? 'pending' : 'unbound');
  };

  return {
    block,
    busy: checking.busy,
    publish: () => void publish(),
    dismiss: () => setBlock(null),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
  };
}

export type PublishGate = ReturnType<typeof usePublishGate>;
