import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { LedgerQueryDto } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import * as weapp from '../../src/packages/workbench/pages/ledger/export-ledger';
import * as h5 from '../../src/packages/workbench/pages/ledger/export-ledger.h5';
import LedgerPage from '../../src/packages/workbench/pages/ledger/index';
import { ApiError } from '../../src/services/http';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const Taro = {
    ...base.default,
    downloadFile: jest.fn(),
    openDocument: jest.fn(),
    shareFileMessage: jest.fn(),
    getFileSystemManager: jest.fn(),
  };
  return { ...base, default: Taro };
});

const T = Taro as unknown as Record<string, jest.Mock>;
const Q: LedgerQueryDto = { from: '2026-11-01', to: '2026-11-20', type: 'complaint' };
const XLSX_URL = '/api/v1/stats/ledger.xlsx?from=2026-11-01&to=2026-11-20&type=complaint';
const CSV_URL = '/api/v1/stats/ledger.csv?from=2026-11-01&to=2026-11-20&type=complaint';

function signIn() {
  saveSession({
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 7200,
    user: { id: 'u1', role: 'supervisor', displayName: '王主任', mustChangePassword: false },
    consentRequired: false,
  });
}

/** The refresh route answers new tokens; nothing else is asked of Taro.request here. */
function refreshAnswers(ok: boolean) {
  __setRequest(async (options) => {
    if (options.url === '/api/v1/auth/refresh' && ok)
      return {
        statusCode: 200,
        data: {
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          expiresIn: 7200,
          user: { id: 'u1', role: 'supervisor', displayName: '王主任', mustChangePassword: false },
          consentRequired: false,
        },
      };
    return { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录', requestId: 'r' } };
  });
}

beforeEach(async () => {
  // http.ts forgets a finished renewal on the next macrotask: let the previous test's go.
  await new Promise((r) => setTimeout(r, 0));
  __reset();
  for (const fn of ['downloadFile', 'openDocument', 'shareFileMessage', 'getFileSystemManager']) T[fn].mockReset();
  signIn();
});
afterEach(() => {
  cleanup();
  sessionStore.set(null);
});

describe('export in WeChat (wx.downloadFile → wx.openDocument)', () => {
  it('downloads the Excel with the sign-in and opens it with the menu', async () => {
    T.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/ledger.xlsx' });
    T.openDocument.mockResolvedValue({});
    await expect(weapp.exportLedger(Q, 'xlsx')).resolves.toEqual({ kind: 'opened' });
    expect(T.downloadFile).toHaveBeenCalledWith({ url: XLSX_URL, header: { Authorization: 'Bearer access-1' } });
    expect(T.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/ledger.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
  });

  it('hands a CSV over for sending to a chat (WeChat cannot open one), on a later tap', async () => {
    T.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/ledger.csv' });
    const result = await weapp.exportLedger(Q, 'csv');
    expect(T.downloadFile).toHaveBeenCalledWith({ url: CSV_URL, header: { Authorization: 'Bearer access-1' } });
    expect(result).toEqual({
      kind: 'share',
      filePath: 'wxfile://tmp/ledger.csv',
      fileName: '工作台账_2026-11-01_2026-11-20.csv',
    });
    expect(T.openDocument).not.toHaveBeenCalled();
    T.shareFileMessage.mockResolvedValue({});
    await expect(weapp.shareLedgerFile(result as { filePath: string; fileName: string })).resolves.toBe(true);
    expect(T.shareFileMessage).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/ledger.csv',
      fileName: '工作台账_2026-11-01_2026-11-20.csv',
    });
    T.shareFileMessage.mockRejectedValue({ errMsg: 'shareFileMessage:fail cancel' });
    await expect(weapp.shareLedgerFile(result as { filePath: string; fileName: string })).resolves.toBe(false);
  });

  it('renews an expired sign-in once and downloads again with the new token', async () => {
    refreshAnswers(true);
    T.downloadFile
      .mockResolvedValueOnce({ statusCode: 401, tempFilePath: 'wxfile://tmp/err' })
      .mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://tmp/ledger.xlsx' });
    T.getFileSystemManager.mockReturnValue({ readFileSync: () => '{"code":"TOKEN_EXPIRED","message":"登录已过期"}' });
    T.openDocument.mockResolvedValue({});
    await weapp.exportLedger(Q, 'xlsx');
    expect(T.downloadFile.mock.calls.map((c) => c[0].header)).toEqual([
      { Authorization: 'Bearer access-1' },
      { Authorization: 'Bearer access-2' },
    ]);
  });

  it('signs out when the sign-in cannot be renewed', async () => {
    refreshAnswers(false);
    T.downloadFile.mockResolvedValue({ statusCode: 401, tempFilePath: 'wxfile://tmp/err' });
    T.getFileSystemManager.mockReturnValue({ readFileSync: () => '{"code":"UNAUTHENTICATED","message":"请先登录"}' });
    await expect(weapp.exportLedger(Q, 'xlsx')).rejects.toMatchObject({ statusCode: 401, message: '请先登录' });
    expect(sessionStore.get()).toBeNull();
  });

  it('reads the server’s Chinese refusal from the downloaded body', async () => {
    T.downloadFile.mockResolvedValue({ statusCode: 400, tempFilePath: 'wxfile://tmp/err' });
    T.getFileSystemManager.mockReturnValue({
      readFileSync: () => '{"code":"VALIDATION_FAILED","message":"统计区间不能超过366天","requestId":"r9"}',
    });
    const error = await weapp.exportLedger(Q, 'xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 400, message: '统计区间不能超过366天', requestId: 'r9' });
    expect(T.openDocument).not.toHaveBeenCalled();
  });

  it('says so in Chinese when the network fails or the file cannot be opened', async () => {
    T.downloadFile.mockRejectedValue({ errMsg: 'downloadFile:fail timeout' });
    await expect(weapp.exportLedger(Q, 'xlsx')).rejects.toMatchObject({ message: '网络较慢，下载超时，请稍后重试' });
    T.downloadFile.mockRejectedValue({ errMsg: 'downloadFile:fail' });
    await expect(weapp.exportLedger(Q, 'xlsx')).rejects.toMatchObject({ message: '网络连接失败，请检查网络后重试' });
    T.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/ledger.xlsx' });
    T.openDocument.mockRejectedValue({ errMsg: 'openDocument:fail' });
    await expect(weapp.exportLedger(Q, 'xlsx')).rejects.toThrow('文件已下载，但无法打开，请稍后重试');
  });
});

describe('export in H5 (fetch with the sign-in → a download link)', () => {
  const realFetch = global.fetch;
  let clicked: Array<{ href: string; download: string }>;

  beforeEach(() => {
    clicked = [];
    (URL as unknown as { createObjectURL: unknown }).createObjectURL = jest.fn(() => 'blob:ledger');
    (URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href')!, download: this.download });
    });
  });
  afterEach(() => {
    global.fetch = realFetch;
    jest.restoreAllMocks();
  });

  function answer(status: number, body: unknown) {
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: () => null },
      blob: async () => new Blob(['x']),
      json: async () => body,
    };
  }

  it('fetches the file with the token and saves it under the ledger’s name', async () => {
    const fetchMock = jest.fn(async () => answer(200, null));
    global.fetch = fetchMock as unknown as typeof fetch;
    await expect(h5.exportLedger(Q, 'csv')).resolves.toEqual({
      kind: 'downloaded',
      fileName: '工作台账_2026-11-01_2026-11-20.csv',
    });
    expect(fetchMock).toHaveBeenCalledWith(CSV_URL, {
      headers: { Authorization: 'Bearer access-1' },
      credentials: 'omit',
    });
    expect(clicked).toEqual([{ href: 'blob:ledger', download: '工作台账_2026-11-01_2026-11-20.csv' }]);
    expect(document.querySelector('a[download]')).toBeNull(); // the link is gone again
  });

  it('renews an expired sign-in once, and shows the server’s refusal otherwise', async () => {
    refreshAnswers(true);
    const fetchMock = jest
      .fn()
      .mockResolvedValueOnce(answer(401, { code: 'TOKEN_EXPIRED', message: '登录已过期', requestId: 'r' }))
      .mockResolvedValueOnce(answer(200, null));
    global.fetch = fetchMock as unknown as typeof fetch;
    await h5.exportLedger(Q, 'xlsx');
    expect(fetchMock.mock.calls.map((c) => c[1].headers)).toEqual([
      { Authorization: 'Bearer access-1' },
      { Authorization: 'Bearer access-2' },
    ]);
    expect(clicked.map((c) => c.download)).toEqual(['工作台账_2026-11-01_2026-11-20.xlsx']);

    global.fetch = jest.fn(async () =>
      answer(403, { code: 'FORBIDDEN', message: '您没有权限进行此操作', requestId: 'r' }),
    ) as unknown as typeof fetch;
    await expect(h5.exportLedger(Q, 'xlsx')).rejects.toMatchObject({
      statusCode: 403,
      message: '您没有权限进行此操作',
    });
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(h5.exportLedger(Q, 'xlsx')).rejects.toMatchObject({ message: '网络连接失败，请检查网络后重试' });
    expect(clicked).toHaveLength(1);
  });
});

describe('export from the ledger page', () => {
  beforeEach(() => {
    __setRequest(async (options) => {
      const url = new URL(options.url, 'http://local');
      if (url.pathname !== '/api/v1/stats/ledger') return { statusCode: 404, data: null };
      const zero = {
        received: 0,
        accepted: 0,
        resolved: 0,
        closed: 0,
        rejected: 0,
        longTerm: 0,
        overdue: 0,
        overdueOpen: 0,
        resolvedLate: 0,
        acceptedOnTime: 0,
        rated: 0,
        satisfied: 0,
        avgAcceptDays: null,
        avgResolveDays: null,
        responseRate: null,
        resolutionRate: null,
        satisfactionRate: null,
      };
      return {
        statusCode: 200,
        data: {
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
          filters: { department: null, butler: null, type: null, source: null },
          total: zero,
          byDepartment: [],
          byButler: [],
          byType: [],
          bySource: [],
          byWeek: [],
          generatedAt: '2026-11-20T04:00:00.000Z',
        },
      };
    });
  });

  it('opens the Excel for the period shown, and offers a CSV to send to a chat', async () => {
    T.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/f' });
    T.openDocument.mockResolvedValue({});
    render(<LedgerPage />);
    await screen.findByText('合计');
    expect(screen.getByText('该区间内没有收到诉求。')).toBeTruthy();
    const shown = new URL(calls.request[0].url, 'http://local').searchParams;
    fireEvent.click(screen.getByText('导出 Excel'));
    await waitFor(() => expect(T.openDocument).toHaveBeenCalledTimes(1));
    expect(T.downloadFile.mock.calls[0][0].url).toBe(
      `/api/v1/stats/ledger.xlsx?from=${shown.get('from')}&to=${shown.get('to')}`,
    );
    fireEvent.click(screen.getByText('导出 CSV'));
    await screen.findByText('发送到聊天');
    T.shareFileMessage.mockResolvedValue({});
    fireEvent.click(screen.getByText('发送到聊天'));
    await waitFor(() => expect(T.shareFileMessage).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByText('发送到聊天')).toBeNull());
  });

  it('shows a failed export in Chinese', async () => {
    T.downloadFile.mockResolvedValue({ statusCode: 403, tempFilePath: 'wxfile://tmp/err' });
    T.getFileSystemManager.mockReturnValue({
      readFileSync: () => '{"code":"FORBIDDEN","message":"您没有权限进行此操作","requestId":"r"}',
    });
    render(<LedgerPage />);
    await screen.findByText('合计');
    fireEvent.click(screen.getByText('导出 Excel'));
    expect((await screen.findByRole('alert')).textContent).toBe('您没有权限进行此操作');
    expect(T.openDocument).not.toHaveBeenCalled();
  });
});
