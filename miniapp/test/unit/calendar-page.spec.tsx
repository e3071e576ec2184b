import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CalendarYearResponse } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import CalendarPage from '../../src/packages/workbench/pages/calendar/index';
import { dayRuns, monthCells } from '../../src/packages/workbench/pages/calendar/month-grid';
import { sessionStore } from '../../src/stores/session';
import { signIn as signInAs } from './support';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const Y2026: CalendarYearResponse = {
  year: 2026,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
  workdays: ['2026-10-10'],
  official: true,
  updatedAt: null,
};
const Y2027: CalendarYearResponse = { year: 2027, holidays: [], workdays: [], official: false, updatedAt: null };

let years: Record<number, CalendarYearResponse>;
let putReply: (year: number, body: { holidays: string[]; workdays: string[] }) => { statusCode: number; data: unknown };

const signIn = (role: 'admin' | 'supervisor' = 'admin') => signInAs(role, { displayName: '管理员' });

const requests = () => calls.request.map((r) => `${r.method} ${r.url}`);
const puts = () => calls.request.filter((r) => r.method === 'PUT');
const day = (d: string) => document.querySelector<HTMLElement>(`[data-day="${d}"]`)!;

beforeEach(() => {
  __reset();
  jest.useFakeTimers({
    now: new Date('2026-11-20T04:00:00Z'),
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
    ],
  });
  years = { 2026: Y2026, 2027: Y2027 };
  putReply = (year, body) => ({
    statusCode: 200,
    data: { year, ...body, official: true, updatedAt: '2026-11-20T04:00:00.000Z' },
  });
  __setRequest(async (options) => {
    const m = /^\/api\/v1\/admin\/calendar\/(\d{4})$/.exec(options.url);
    if (!m) return { statusCode: 404, data: null };
    const year = Number(m[1]);
    if (options.method === 'PUT') return putReply(year, options.data);
    return { statusCode: 200, data: years[year] };
  });
  signIn();
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
  jest.useRealTimers();
});

async function openCalendar() {
  render(<CalendarPage />);
  await screen.findByText('2026 年 11 月');
}

describe('the month grid', () => {
  it('lays a month out in weeks from Monday, marking holidays and make-up working days', () => {
    const cells = monthCells(2026, 2, new Set(['2026-02-16']), new Set(['2026-02-14']));
    expect(cells).toHaveLength(35); // 1 Feb 2026 is a Sunday: six blanks, 28 days, one blank
    expect(cells.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(cells[6]).toEqual({ day: '2026-02-01', date: 1, weekend: true, kind: 'normal' });
    expect(cells.find((c) => c?.day === '2026-02-14')).toMatchObject({ kind: 'workday', weekend: true });
    expect(cells.find((c) => c?.day === '2026-02-16')).toMatchObject({ kind: 'holiday', weekend: false });
    expect(cells[34]).toBeNull();
  });

  it('joins consecutive days into runs', () => {
    expect(dayRuns(['2026-10-03', '2026-10-01', '2026-10-02', '2026-12-31', '2027-01-01', '2026-05-01'])).toEqual([
      { from: '2026-05-01', to: '2026-05-01', count: 1 },
      { from: '2026-10-01', to: '2026-10-03', count: 3 },
      { from: '2026-12-31', to: '2027-01-01', count: 2 },
    ]);
  });
});

describe('工作日历 page', () => {
  it('loads this year and next in two requests and warns while next year has no official data', async () => {
    await openCalendar();
    // This year first; next year once this year is shown (the page opens on one request of its own).
    expect(requests()).toEqual(['GET /api/v1/admin/calendar/2026', 'GET /api/v1/admin/calendar/2027']);
    await waitFor(() => expect(document.querySelector('.calendar__warning')).not.toBeNull());
    expect(document.querySelector('.calendar__warning')!.textContent).toContain('2027 年节假日安排尚未录入');
    expect(document.querySelector('.calendar__warning')!.textContent).toContain('暂时只按周末计算');
    expect(document.querySelector('.calendar__status')!.textContent).toBe('已录入官方安排');
    expect(document.querySelectorAll('.calendar__day--blank')).toHaveLength(6 + 6); // 1 Nov is a Sunday, 30 Nov a Monday
    expect(document.querySelectorAll('[data-day]')).toHaveLength(30);
    expect(day('2026-11-21').className).toContain('calendar__day--weekend');
  });

  it('shows the holidays and make-up days and saves a day toggled as 放假', async () => {
    await openCalendar();
    fireEvent.click(screen.getByText('上月'));
    expect(screen.getByText('2026 年 10 月')).toBeTruthy();
    expect(day('2026-10-01').className).toContain('calendar__day--holiday');
    expect(day('2026-10-01').textContent).toBe('1休（10月1日 星期四 放假）');
    expect(day('2026-10-10').className).toContain('calendar__day--workday');
    expect(day('2026-10-10').querySelector('.calendar__day-name')!.textContent).toBe('（10月10日 星期六 调休上班）');
    expect(document.querySelector('.calendar__holidays')!.textContent).toBe('10月1日—10月3日（3 天）');
    expect((document.querySelector('.calendar__save') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(day('2026-10-05'));
    expect(day('2026-10-05').className).toContain('calendar__day--holiday');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(screen.getByText('2026 年：放假 4 天，调休上班 1 天')).toBeTruthy();
    fireEvent.click(screen.getByText('保存 2026 年日历'));
    await waitFor(() => expect(calls.toast).toEqual(['2026 年工作日历已保存']));
    expect(puts().map((r) => [r.url, r.data])).toEqual([
      [
        '/api/v1/admin/calendar/2026',
        { holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-05'], workdays: ['2026-10-10'] },
      ],
    ]);
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    expect(document.querySelector('.calendar__status')!.textContent).toBe('已录入官方安排，2026-11-20 更新');
  });

  it('takes make-up working days on weekends only, moving a holiday weekend day over', async () => {
    await openCalendar();
    fireEvent.click(screen.getByText('上月'));
    fireEvent.click(screen.getByText('标记调休上班'));
    fireEvent.click(day('2026-10-09')); // a Friday
    expect(screen.getByRole('alert').textContent).toBe('调休上班日应为周六或周日（周一至周五本来就上班）');
    expect(day('2026-10-09').className).not.toContain('calendar__day--workday');
    expect(screen.queryByText('有未保存的修改')).toBeNull();

    fireEvent.click(day('2026-10-03')); // a Saturday inside the holiday
    expect(day('2026-10-03').className).toContain('calendar__day--workday');
    fireEvent.click(day('2026-10-10')); // untoggle
    expect(day('2026-10-10').className).not.toContain('calendar__day--workday');
    fireEvent.click(screen.getByText('保存 2026 年日历'));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0].data).toEqual({ holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-03'] });
  });

  it('shows the server’s refusal with each problem, and keeps the edit', async () => {
    putReply = () => ({
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '日历数据有误',
        details: [{ field: 'workdays', message: '调休上班日「2026-10-09」应为周六或周日（工作日本就上班）' }],
        requestId: 'r1',
      },
    });
    await openCalendar();
    fireEvent.click(day('2026-11-02'));
    fireEvent.click(screen.getByText('保存 2026 年日历'));
    const error = await screen.findByText('日历数据有误', { exact: false });
    expect(error.textContent).toBe('日历数据有误调休上班日「2026-10-09」应为周六或周日（工作日本就上班）');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(screen.getByText('撤销修改'));
    expect(day('2026-11-02').className).not.toContain('calendar__day--holiday');
    expect(document.querySelector('.calendar__error')).toBeNull();
  });

  it('enters next year, asks before saving a year without any holiday, and stops warning once it is saved', async () => {
    await openCalendar();
    fireEvent.click(screen.getByText('2027 年'));
    expect(screen.getByText('2027 年 1 月')).toBeTruthy();
    expect(document.querySelector('.calendar__status')!.textContent).toBe('尚无官方安排：期限暂按周末计算');
    fireEvent.click(screen.getByText('标记调休上班'));
    fireEvent.click(day('2027-01-09')); // a Saturday
    fireEvent.click(screen.getByText('保存 2027 年日历'));
    expect(document.querySelector('.calendar__confirm')!.textContent).toContain('尚未标记任何放假日期');
    await act(async () => undefined);
    expect(puts()).toHaveLength(0);

    fireEvent.click(screen.getByText('标记放假'));
    fireEvent.click(day('2027-01-01'));
    fireEvent.click(screen.getByText('保存 2027 年日历'));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toMatchObject({
      url: '/api/v1/admin/calendar/2027',
      data: { holidays: ['2027-01-01'], workdays: ['2027-01-09'] },
    });
    await waitFor(() => expect(document.querySelector('.calendar__warning')).toBeNull());
    expect(document.querySelector('.calendar__status')!.textContent).toContain('已录入官方安排');
  });

  it('is for admins only: a supervisor is told so and nothing is asked', async () => {
    signIn('supervisor');
    render(<CalendarPage />);
    expect(screen.getByText('工作日历由管理员维护，您的账号无此权限。')).toBeTruthy();
    await act(async () => undefined);
    expect(calls.request).toHaveLength(0);
  });

  it('shows a failed load with a retry', async () => {
    years = {};
    __setRequest(async () => ({
      statusCode: 500,
      data: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试', requestId: 'r' },
    }));
    render(<CalendarPage />);
    expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});
