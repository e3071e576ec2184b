import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import PageShell from '../../src/components/page-shell';
import MembersPage from '../../src/packages/me/pages/members/index';
import MessagesPage from '../../src/pages/messages/index';
import { http } from '../../src/services/http';
import { unreadStore } from '../../src/services/notifications.api';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

const member = (userId: string, name: string, status = 'pending') => ({
  userId,
  nickname: null,
  contactName: name,
  phone: null,
  role: 'member',
  status,
  requestedAt: '2026-11-20T08:00:00.000Z',
  decidedAt: null,
});

let consoleError: jest.SpyInstance;
beforeEach(() => {
  __reset();
  sessionStore.set(null);
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => consoleError.mockRestore());

/** Throws while `broken.now` is true; counts its mounts. */
const broken = { now: true, mounts: 0 };
function Fragile() {
  useEffect(() => {
    broken.mounts++;
  }, []);
  if (broken.now) throw new TypeError("Cannot read properties of undefined (reading 'slice')");
  return <span>内容正常</span>;
}

describe('PageShell error boundary', () => {
  beforeEach(() => {
    broken.now = true;
    broken.mounts = 0;
  });

  it('shows 页面出错了 with the last request id instead of a blank page, and reports the error', async () => {
    __setRequest(async () => ({ statusCode: 200, data: {}, header: { 'X-Request-Id': 'req-42' } }));
    await http.get('/me');
    const { container } = render(
      <PageShell className="members">
        <Fragile />
      </PageShell>,
    );
    expect(screen.getByText('页面出错了')).toBeTruthy();
    expect(screen.getByText('错误编号：req-42')).toBeTruthy();
    // The page root stays (长辈版 class, offline bar): only the content is replaced.
    expect((container.firstChild as HTMLElement).className).toBe('qs-page members');
    const reports = consoleError.mock.calls.filter(([first]) => first === '[页面出错]');
    expect(reports).toHaveLength(1);
    expect(JSON.parse(reports[0][1] as string)).toMatchObject({
      route: PAGES.members,
      requestId: 'req-42',
      message: "TypeError: Cannot read properties of undefined (reading 'slice')",
    });
  });

  it('重试 mounts the content afresh', () => {
    render(
      <PageShell>
        <Fragile />
      </PageShell>,
    );
    expect(screen.getByText('页面出错了')).toBeTruthy();
    broken.now = false;
    fireEvent.click(screen.getByText('重试'));
    expect(screen.getByText('内容正常')).toBeTruthy();
    expect(screen.queryByText('页面出错了')).toBeNull();
    expect(broken.mounts).toBe(1); // the failed attempt never mounted; the retry did
  });

  it('返回首页 relaunches the app on the home page', () => {
    render(
      <PageShell>
        <Fragile />
      </PageShell>,
    );
    fireEvent.click(screen.getByText('返回首页'));
    expect(calls.navigate).toEqual([PAGES.home]);
  });

  it('leaves content that renders alone', () => {
    function Counter() {
      const [n, setN] = useState(0);
      return <button onClick={() => setN(n + 1)}>点了 {n} 次</button>;
    }
    render(
      <PageShell>
        <Counter />
      </PageShell>,
    );
    fireEvent.click(screen.getByText('点了 0 次'));
    expect(screen.getByText('点了 1 次')).toBeTruthy();
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe('企业成员 (a real page) on a malformed answer', () => {
  it('shows 页面出错了 with the answer’s request id; 重试 loads the list again', async () => {
    saveSession(owner);
    let answer: unknown = { items: [{ userId: 'x', contactName: '缺字段' }], nextCursor: null };
    __setRequest(async () => ({ statusCode: 200, data: answer, header: { 'x-request-id': 'req-members-1' } }));
    await act(async () => {
      render(<MembersPage />);
    });
    expect(screen.getByText('页面出错了')).toBeTruthy();
    expect(screen.getByText('错误编号：req-members-1')).toBeTruthy();

    answer = { items: [member('u2', '吴二')], nextCursor: null };
    await act(async () => {
      fireEvent.click(screen.getByText('重试'));
    });
    expect(screen.getByText('吴二')).toBeTruthy();
    expect(calls.request.map((r) => r.url)).toEqual(['/api/v1/me/enterprise/members', '/api/v1/me/enterprise/members']);
  });

  it('pages the members list with the cursor, and approves a request in place', async () => {
    saveSession(owner);
    __setRequest(async ({ url, method }) => {
      if (method === 'POST') return { statusCode: 200, data: member('u3', '郑三', 'approved') };
      if (String(url).includes('cursor=c1'))
        return { statusCode: 200, data: { items: [member('u3', '郑三')], nextCursor: null } };
      return { statusCode: 200, data: { items: [member('u2', '吴二', 'approved')], nextCursor: 'c1' } };
    });
    await act(async () => {
      render(<MembersPage />);
    });
    await act(async () => {
      fireEvent.click(screen.getByText('上拉加载更多'));
    });
    expect(screen.getByText('郑三')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('同意'));
    });
    expect(screen.queryByText('同意')).toBeNull();
    expect(calls.request.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/me/enterprise/members',
      'GET /api/v1/me/enterprise/members?cursor=c1',
      'POST /api/v1/me/enterprise/members/u3/decision',
    ]);
  });
});

describe('消息 over usePagedList', () => {
  it('keeps the tab badge on the unread count, and opening an item marks it read and follows its link', async () => {
    saveSession(owner);
    const notification = (id: string, readAt: string | null) => ({
      id,
      kind: 'membership',
      title: `通知 ${id}`,
      body: '有新成员申请加入企业',
      link: PAGES.members,
      readAt,
      createdAt: '2026-11-20T08:00:00.000Z',
    });
    __setRequest(async ({ url }) =>
      String(url).includes('/read')
        ? { statusCode: 204, data: '' }
        : {
            statusCode: 200,
            data: { items: [notification('n1', null), notification('n2', null)], nextCursor: null, unreadCount: 2 },
          },
    );
    await act(async () => {
      render(<MessagesPage />);
    });
    expect(screen.getByText('2 条未读')).toBeTruthy();
    expect(unreadStore.get()).toBe(2);
    expect(screen.getAllByText(/^企业成员 · \d+月\d+日/)).toHaveLength(2); // the kind's label

    await act(async () => {
      fireEvent.click(screen.getByText('通知 n1'));
    });
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(unreadStore.get()).toBe(1);
    expect(calls.request.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/v1/notifications/n1/read');
    expect(calls.navigate).toEqual([PAGES.members]);
  });
});
