import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { EventDetail, MyRegistration } from '@qsgj/shared/contracts';
import { MembershipStatus } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { eventsApi } from '@/services/events.api';
import { ApiError } from '@/services/http';
import { meApi } from '@/services/me.api';
import { isStaff, sessionStore } from '@/stores/session';
import { IS_WEAPP } from '@/utils/platform';
import { openPage, PAGES, toast } from '@/utils/routes';
import { eventDetailPath, eventLink, isLive, seatState } from '@/packages/events/components/format';
import { openMap } from '@/packages/events/components/open-map';

/**
 * What the viewer can do about signing up now: a visitor signs in first; staff manage events in the workbench; an
 * enterprise user without an approved enterprise binds first (or waits for approval); with a live registration, its
 * state; otherwise the event's own state (open, full → waitlist, closed, started, ended, cancelled).
 */
export type SignupGate =
  | 'visitor'
  | 'staff'
  | 'unbound'
  | 'pending'
  | 'registered'
  | 'open'
  | 'waitlist'
  | 'closed'
  | 'started'
  | 'ended'
  | 'cancelled';

export function signupGate(
  e: EventDetail,
  viewer: { signedIn: boolean; staff: boolean; membership: 'approved' | 'pending' | 'none' | 'unknown' },
  now: Date = new Date(),
): SignupGate {
  const state = seatState(e, now);
  if (state === 'cancelled' || state === 'ended') return state;
  if (isLive(e.myRegistration)) return 'registered';
  if (state === 'closed' || state === 'started') return state;
  if (!viewer.signedIn) return 'visitor';
  if (viewer.staff) return 'staff';
  if (viewer.membership === 'none') return 'unbound';
  if (viewer.membership === 'pending') return 'pending';
  return state;
}

/** The server's event with what a sign-up or a cancellation answered since (until the event is read again). */
interface Change {
  id: string;
  registration: MyRegistration;
  seatsLeft: number;
}

/**
 * 活动详情 (`?id=`): one request (a signed-in enterprise user's registration comes with it); whether their enterprise
 * binding is approved is asked after the event has rendered. 报名 sends the sign-up (idempotent per user and event:
 * a retried or repeated tap answers the same registration), 取消报名 asks first and frees the seat. Shareable: the
 * card opens this page cold; in H5 「分享」 copies the link.
 */
export function useEventDetail() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const request = useRequest(() => eventsApi.detail(id), [id, session?.user.id], { enabled: !!id });
  const loaded: EventDetail | undefined = request.data && request.data.id === id ? request.data : undefined;

  // Binding: asked once the event is on screen, only of an enterprise user who could sign up.
  const wantsMe = !!loaded && !!session && !staff && !isLive(loaded.myRegistration) && loaded.signupOpen;
  const me = useRequest(() => meApi.get(), [session?.user.id], { enabled: wantsMe });
  const [notBound, setNotBound] = useState(false);

  const [change, setChange] = useState<Change | null>(null);
  // A fresh read of the event replaces what the last write answered.
  useEffect(() => setChange(null), [request.data]);
  const event: EventDetail | undefined =
    loaded && change && change.id === loaded.id
      ? { ...loaded, myRegistration: change.registration, seatsLeft: change.seatsLeft }
      : loaded;

  const [topic, setTopic] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const signing = useAction();
  const cancelling = useAction();

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({ title: event?.title ?? '潭商讲堂', path: eventDetailPath(id) }));

  let membership: 'approved' | 'pending' | 'none' | 'unknown' = 'unknown';
  if (notBound) membership = 'none';
  else if (me.data && session && me.data.id === session.user.id) {
    const status = me.data.membership?.status;
    membership =
      status === MembershipStatus.APPROVED ? 'approved' : status === MembershipStatus.PENDING ? 'pending' : 'none';
  }
  const gate = event ? signupGate(event, { signedIn: !!session, staff, membership }) : null;

  const signIn = () => {
    void openPage(`${PAGES.login}?redirect=${encodeURIComponent(eventDetailPath(id))}`).catch(() => undefined);
  };

  const register = async () => {
    if (!event) return;
    const text = topic.trim();
    const result = await signing.run(
      () => eventsApi.register(id, event.kind === 'reception_day' && text ? { topic: text } : {}),
      (e) => {
        if (e instanceof ApiError && e.code === 'ENTERPRISE_NOT_BOUND') setNotBound(true);
        return e.message;
      },
    );
    if (!result) return;
    setChange({ id, registration: result.registration, seatsLeft: result.seatsLeft });
    toast(
      result.registration.status === 'confirmed'
        ? '报名成功'
        : `已进入候补，第 ${result.registration.waitlistPosition} 位`,
      'success',
    );
  };

  const cancel = async () => {
    const result = await cancelling.run(() => eventsApi.cancel(id));
    if (!result) return;
    setConfirmingCancel(false);
    setChange({ id, registration: result.registration, seatsLeft: result.seatsLeft });
    setTopic('');
    toast('已取消报名', 'success');
  };

  const copy = async (data: string, done: string) => {
    try {
      await Taro.setClipboardData({ data });
      toast(done, 'success');
    } catch {
      toast('复制失败，请稍后重试');
    }
  };

  const error = request.error;
  return {
    id,
    event,
    gate,
    loading: request.loading,
    error,
    notFound: !id || (error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400)),
    reload: request.reload,
    topic,
    setTopic,
    signIn,
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
    register: () => void register(),
    signing: signing.busy,
    signError: signing.error,
    confirmingCancel,
    askCancel: () => {
      cancelling.setError(undefined);
      setConfirmingCancel(true);
    },
    keep: () => setConfirmingCancel(false),
    cancel: () => void cancel(),
    cancelling: cancelling.busy,
    cancelError: cancelling.error,
    openMine: () => void openPage(PAGES.myRegistrations).catch(() => undefined),
    openList: () => void openPage(PAGES.events).catch(() => undefined),
    openMap: () => {
      if (!event || event.latitude === null || event.longitude === null) return;
      openMap({ latitude: event.latitude, longitude: event.longitude, name: event.place ?? event.title }).catch(
        (e: Error) => toast(e.message),
      );
    },
    copyOnline: () => event?.onlineUrl && void copy(event.onlineUrl, '直播链接已复制，请在浏览器中打开'),
    copyLink: (url: string) => void copy(url, '链接已复制，请在浏览器中打开'),
    /** WeChat shares with the button's `openType="share"`; H5 copies the event's link. */
    share: IS_WEAPP ? undefined : () => void copy(eventLink(id), '链接已复制，可粘贴发送给他人'),
  };
}
