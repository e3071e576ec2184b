import { act, fireEvent, render, screen } from '@testing-library/react';
import type { NotificationItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { GROUP_SIZE, groupsOf } from '../../src/components/notification-list';
import MessagesPage from '../../src/pages/messages/index';
import { unreadStore } from '../../src/services/notifications.api';
import { saveSession, sessionStore } from '../../src/stores/session';
import { trigger } from './taro-pages';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

const note = (i: number, readAt: string | null = null): NotificationItem => ({
  id: `n${i}`,
  kind: 'policy',
  title: `通知 ${i}`,
  body: '新政策发布',
  link: i === 1 ? PAGES.members : null,
  readAt,
  createdAt: '2026-11-20T08:00:00.000Z',
});

/** 45 notifications, 20 a page, all unread. */
function serveInbox() {
  const all = Array.from({ length: 45 }, (_, i) => note(i + 1));
  __setRequest(async ({ url, method }) => {
    const u = String(url);
    if (method === 'POST') return { statusCode: 204, data: '' };
    const cursor = /cursor=(\d+)/.exec(u)?.[1];
    const from = cursor ? Number(cursor) : 0;
    const items = all.slice(from, from + 20);
    return {
      statusCode: 200,
      data: { items, nextCursor: from + 20 < all.length ? String(from + 20) : null, unreadCount: 45 },
    };
  });
}

const groups = () => Array.from(document.querySelectorAll('.notification-list__group'));
const rows = () => Array.from(document.querySelectorAll('.messages__item'));

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  saveSession(owner);
});

describe('消息: the rows in groups', () => {
  it('groupsOf cuts at GROUP_SIZE', () => {
    const n = (k: number) => Array.from({ length: k }, (_, i) => i);
    expect(GROUP_SIZE).toBe(20);
    expect(groupsOf(n(0))).toEqual([]);
    expect(groupsOf(n(20)).map((g) => g.length)).toEqual([20]);
    expect(groupsOf(n(21)).map((g) => g.length)).toEqual([20, 1]);
    expect(groupsOf(n(45)).map((g) => g.length)).toEqual([20, 20, 5]);
    expect(groupsOf(n(45)).flat()).toEqual(n(45));
  });

  it('pages of the inbox fill groups of 20, in order; reading and 全部标为已读 still work', async () => {
    serveInbox();
    await act(async () => {
      render(<MessagesPage />);
    });
    expect(groups().map((g) => g.querySelectorAll('.messages__item').length)).toEqual([20]);
    await act(async () => trigger('reachBottom'));
    await act(async () => trigger('reachBottom'));
    expect(groups().map((g) => g.querySelectorAll('.messages__item').length)).toEqual([20, 20, 5]);
    expect(rows().map((r) => r.querySelector('.messages__title')!.textContent)).toEqual(
      Array.from({ length: 45 }, (_, i) => `通知 ${i + 1}`),
    );
    expect(screen.getByText('45 条未读')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByText('通知 1'));
    });
    expect(calls.request.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/v1/notifications/n1/read');
    expect(calls.navigate).toEqual([PAGES.members]);
    expect(screen.getByText('44 条未读')).toBeTruthy();
    expect(unreadStore.get()).toBe(44);
    expect(rows()[0].className).not.toContain('messages__item--unread');

    await act(async () => {
      fireEvent.click(screen.getByText('全部标为已读'));
    });
    expect(calls.request.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/v1/notifications/read-all');
    expect(rows().filter((r) => r.className.includes('--unread'))).toEqual([]);
    expect(screen.getByText('全部已读')).toBeTruthy();
  });
});
