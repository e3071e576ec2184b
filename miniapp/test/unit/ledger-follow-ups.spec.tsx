import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FollowUpListItem } from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import FollowUpsPage from '../../src/packages/workbench/pages/follow-ups/index';
import { checkFollowUp } from '../../src/packages/workbench/pages/follow-ups/use-follow-ups';
import { sessionStore } from '../../src/stores/session';
import { signIn as signInAs } from './support';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const F1 = '7d3f2c1b-0000-4000-8000-000000000001';
const F2 = '7d3f2c1b-0000-4000-8000-000000000002';
const CASE1 = '9a8b7c6d-0000-4000-8000-0000000000c1';

function item(over: Partial<FollowUpListItem> = {}): FollowUpListItem {
  return {
    id: F1,
    dueAt: '2026-11-18T15:59:59.999Z',
    contactMethod: null,
    contactedAt: null,
    outcome: null,
    rectification: null,
    rating: null,
    case: { id: CASE1, number: 'QS20261110-0003', type: 'complaint' },
    department: { id: 'd1', name: '市市场监管局' },
    level: 1,
    createdAt: '2026-11-11T02:00:00.000Z',
    overdue: true,
    ...over,
  };
}

const RECORDED = item({
  id: F2,
  overdue: false,
  level: 2,
  contactMethod: 'phone',
  contactedAt: '2026-11-12T06:30:00.000Z',
  outcome: '已电话沟通，企业认可处理方案',
  rectification: '优化窗口排队流程',
  rating: 'basically_satisfied',
  case: { id: 'c2', number: 'QS20261105-0001', type: 'consult' },
});

let recordReply: () => { statusCode: number; data: unknown };

const signIn = (role: 'supervisor' | 'admin' | 'butler' = 'supervisor') => signInAs(role, { displayName: '王主任' });

const posts = () => calls.request.filter((r) => r.method === 'POST');
const first = () => document.querySelectorAll('.followups__item')[0] as HTMLElement;

beforeEach(() => {
  __reset();
  jest.useFakeTimers({
    now: new Date('2026-11-20T04:00:00Z'), // 12:00 in Shanghai
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
  recordReply = () => ({ statusCode: 404, data: null });
  __setRequest(async (options) => {
    if (options.url === '/api/v1/follow-ups' && options.method === 'GET')
      return { statusCode: 200, data: { items: [item(), RECORDED], nextCursor: null } };
    if (options.url === `/api/v1/follow-ups/${F1}` && options.method === 'POST') return recordReply();
    return { statusCode: 404, data: null };
  });
  signIn();
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
  jest.useRealTimers();
});

async function openList() {
  render(<FollowUpsPage />);
  await screen.findByText('QS20261110-0003');
}

describe('回访整改 form rules', () => {
  const form = {
    contactMethod: 'visit' as const,
    date: '2026-11-19',
    time: '09:30',
    outcome: ' 已上门 ',
    rectification: '',
  };
  const now = new Date('2026-11-20T04:00:00Z');

  it('sends Shanghai time with its offset and trims the texts, leaving out an empty rectification', () => {
    expect(checkFollowUp(form, now)).toEqual({
      dto: { contactMethod: 'visit', contactedAt: '2026-11-19T09:30:00+08:00', outcome: '已上门' },
      errors: {},
    });
  });

  it('refuses a missing method or outcome and a time after now', () => {
    expect(checkFollowUp({ ...form, contactMethod: '', outcome: '  ' }, now).errors).toEqual({
      contactMethod: '请选择回访方式',
      outcome: '请填写回访情况',
    });
    expect(checkFollowUp({ ...form, date: '2026-11-20', time: '12:01' }, now).errors).toEqual({
      contactedAt: '回访时间不能晚于现在',
    });
    expect(checkFollowUp({ ...form, date: '2026-11-20', time: '12:00' }, now).errors).toEqual({});
  });
});

describe('回访整改 page', () => {
  it('lists the follow-ups: case number, department, rating, due date, overdue, recorded and the fix’s rating', async () => {
    await openList();
    expect(calls.request.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/follow-ups']);
    const [open, done] = Array.from(document.querySelectorAll<HTMLElement>('.followups__item'));
    expect(open.className).toContain('followups__item--overdue');
    expect(open.querySelector('.followups__overdue')!.textContent).toBe('已超期');
    expect(open.querySelector('.followups__state')!.textContent).toBe('待回访');
    expect(open.querySelector('.followups__meta')!.textContent).toBe('投诉 · 市市场监管局 · 评价：非常不满意');
    expect(open.querySelector('.followups__due')!.textContent).toBe('回访期限：11月18日 23:59');
    expect(open.querySelector('.followups__fix')!.textContent).toBe('企业对整改的评价：回访后由企业评价');
    expect(done.querySelector('.followups__overdue')).toBeNull();
    expect(done.querySelector('.followups__state')!.textContent).toBe('已回访');
    expect(done.querySelector('.followups__record')!.textContent).toContain('电话回访 · 11月12日 14:30');
    expect(done.querySelector('.followups__fix')!.textContent).toBe('企业对整改的评价：基本满意');
    expect(done.querySelector('.followups__record-button')).toBeNull();
  });

  it('records a follow-up and shows it recorded', async () => {
    recordReply = () => ({
      statusCode: 200,
      data: {
        id: F1,
        dueAt: '2026-11-18T15:59:59.999Z',
        contactMethod: 'visit',
        contactedAt: '2026-11-19T01:30:00.000Z',
        outcome: '上门了解情况，已协调解决',
        rectification: '建立每周回访机制',
        rating: null,
      },
    });
    await openList();
    fireEvent.click(first().querySelector('.followups__record-button')!);
    fireEvent.click(screen.getByText('提交回访记录'));
    expect(screen.getByText('请选择回访方式')).toBeTruthy();
    expect(screen.getByText('请填写回访情况')).toBeTruthy();
    expect(posts()).toHaveLength(0);

    fireEvent.click(screen.getByText('上门回访'));
    const [date, time] = Array.from(first().querySelectorAll<HTMLInputElement>('.picker-shim input'));
    expect([date.value, time.value]).toEqual(['2026-11-20', '12:00']); // now, in Shanghai
    fireEvent.change(date, { target: { value: '2026-11-19' } });
    fireEvent.change(time, { target: { value: '09:30' } });
    fireEvent.change(screen.getByLabelText('回访情况'), { target: { value: '上门了解情况，已协调解决' } });
    fireEvent.change(screen.getByLabelText('整改措施'), { target: { value: '建立每周回访机制' } });
    fireEvent.click(screen.getByText('提交回访记录'));
    await waitFor(() => expect(calls.toast).toEqual(['回访已登记']));
    expect(posts()).toHaveLength(1);
    expect(posts()[0].url).toBe(`/api/v1/follow-ups/${F1}`);
    expect(posts()[0].data).toEqual({
      contactMethod: 'visit',
      contactedAt: '2026-11-19T09:30:00+08:00',
      outcome: '上门了解情况，已协调解决',
      rectification: '建立每周回访机制',
    });
    expect(posts()[0].header['Idempotency-Key']).toBeTruthy();
    expect(document.querySelector('.followups__form')).toBeNull();
    expect(first().querySelector('.followups__state')!.textContent).toBe('已回访');
    expect(first().querySelector('.followups__overdue')).toBeNull();
    expect(first().querySelector('.followups__record')!.textContent).toContain('上门回访 · 11月19日 09:30');
  });

  it('shows the server’s refusal in Chinese and keeps the form', async () => {
    recordReply = () => ({
      statusCode: 409,
      data: { code: 'FOLLOW_UP_ALREADY_RECORDED', message: '该回访已登记，不能重复登记', requestId: 'r' },
    });
    await openList();
    fireEvent.click(first().querySelector('.followups__record-button')!);
    fireEvent.click(screen.getByText('电话回访'));
    fireEvent.change(screen.getByLabelText('回访情况'), { target: { value: '已沟通' } });
    fireEvent.click(screen.getByText('提交回访记录'));
    expect((await screen.findByRole('alert')).textContent).toBe('该回访已登记，不能重复登记');
    expect(document.querySelector('.followups__form')).not.toBeNull();
  });

  it('puts a field’s refusal beside the field', async () => {
    recordReply = () => ({
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '回访时间不能晚于现在',
        details: [{ field: 'contactedAt', message: '回访时间不能晚于现在' }],
        requestId: 'r',
      },
    });
    await openList();
    fireEvent.click(first().querySelector('.followups__record-button')!);
    fireEvent.click(screen.getByText('电话回访'));
    fireEvent.change(screen.getByLabelText('回访情况'), { target: { value: '已沟通' } });
    fireEvent.click(screen.getByText('提交回访记录'));
    await screen.findByRole('alert');
    expect(Array.from(document.querySelectorAll('.followups__error')).map((e) => e.textContent)).toEqual([
      '回访时间不能晚于现在',
    ]);
  });

  it('opens the case in the workbench', async () => {
    await openList();
    fireEvent.click(first().querySelector('.followups__open-case')!);
    expect(calls.navigate).toEqual([`/packages/workbench/pages/case/index?id=${CASE1}`]);
  });

  it('is for supervisors and admins: a butler is told so and nothing is asked', async () => {
    signIn('butler');
    render(<FollowUpsPage />);
    expect(screen.getByText('回访整改由主管和管理员登记，您的账号无此权限。')).toBeTruthy();
    await act(async () => undefined);
    expect(calls.request).toHaveLength(0);
  });

  it('says when there is nothing to follow up', async () => {
    __setRequest(async () => ({ statusCode: 200, data: { items: [], nextCursor: null } }));
    signIn('admin');
    render(<FollowUpsPage />);
    expect(await screen.findByText('暂无需要回访的差评')).toBeTruthy();
  });
});
