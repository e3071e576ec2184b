import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DictionaryEntry, ServicePackageDetail } from '@qsgj/shared/contracts';
import { __reset, calls } from '../shims/taro';
import { $, ok, requests, scriptedServer, signIn, typeInto, writes } from './support';
import ServicePackageEditPage from '../../src/packages/workbench/pages/service-package-edit/index';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  return { ...base, useRouter: () => mockRouter };
});

const { on, listen } = scriptedServer({ earliestFirst: true });

const entry = (kind: string, id: number, value: string): DictionaryEntry =>
  ({ id, kind, value, sort: id, active: true }) as DictionaryEntry;

function detail(over: Partial<ServicePackageDetail> = {}): ServicePackageDetail {
  return {
    id: 'sp1',
    name: '企业法律体检',
    provider: { id: 'd1', name: '市司法局' },
    summary: '免费体检',
    timeLimitDays: 5,
    active: true,
    applications: 3,
    satisfactionRate: 0.5,
    description: '免费体检',
    eligibility: { industries: [], scales: [], districts: [], qualifications: [] },
    materials: ['营业执照'],
    match: null,
    createdAt: '2026-11-29T06:05:00.000Z',
    updatedAt: '2026-11-30T06:05:00.000Z',
    ...over,
  };
}

beforeEach(() => {
  __reset();
  listen();
  mockRouter.params = {};
  on('GET', '/dictionaries/industries', ok({ kind: 'industries', items: [entry('industries', 1, '制造业')] }));
  on('GET', '/dictionaries/districts', ok({ kind: 'districts', items: [entry('districts', 2, '岳塘区')] }));
  on('GET', '/dictionaries/qualifications', ok({ kind: 'qualifications', items: [] }));
  on('GET', '/admin/departments', ok([{ id: 'd1', name: '市司法局', shortName: null, staffCount: 2 }]));
  signIn('admin', { displayName: '管理员' });
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
});

describe('编辑服务包', () => {
  it('tells other staff it is for admins, asking nothing', async () => {
    signIn('supervisor');
    mockRouter.params = { id: 'sp1' };
    render(<ServicePackageEditPage />);
    expect(screen.getByText('惠企服务由管理员维护，您的账号无此权限。')).toBeTruthy();
    expect(requests()).toEqual([]);
  });

  it('shows a failed load with 重新加载, which asks again', async () => {
    mockRouter.params = { id: 'sp1' };
    on('GET', '/admin/service-packages/sp1', { statusCode: 500, data: { code: 'X', message: '服务器开小差了' } });
    render(<ServicePackageEditPage />);
    await screen.findByText('服务器开小差了');
    expect($('.wb-package')).toBeNull();
    fireEvent.click(screen.getByText('重新加载'));
    await waitFor(() => expect(requests().filter((r) => r === 'GET /admin/service-packages/sp1')).toHaveLength(2));
  });

  it('loads the package first, previews it, saves what changed, and shows a refusal at its field', async () => {
    mockRouter.params = { id: 'sp1' };
    on('GET', '/admin/service-packages/sp1', ok(detail()));
    on('PATCH', '/admin/service-packages/sp1', (o) =>
      o.data.name === '拒绝'
        ? {
            statusCode: 400,
            data: {
              code: 'VALIDATION_FAILED',
              message: '请检查填写的内容',
              details: [{ field: 'industries.0', message: '行业「不存在」不在字典中' }],
            },
          }
        : ok(detail({ name: o.data.name })),
    );
    render(<ServicePackageEditPage />);
    await waitFor(() => expect(($('.wb-package__name') as HTMLInputElement)?.value).toBe('企业法律体检'));
    expect(requests()[0]).toBe('GET /admin/service-packages/sp1');
    expect($('.wb-package__top .wb-package__status')!.textContent).toBe('上架中');
    expect($('.wb-package__heading')!.textContent).toBe('编辑服务包');
    expect($('.wb-package__figures')!.textContent).toBe('已申请 3 次 · 满意度 50%');

    fireEvent.click(screen.getByText('预览'));
    expect($('.wb-package__preview-title')!.textContent).toBe('企业法律体检');
    fireEvent.click(screen.getByText('返回编辑'));

    typeInto($('.wb-package__name')!, '拒绝');
    expect($('.wb-package__dirty')!.textContent).toBe('有未保存的修改');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect($('.wb-package__error')?.textContent).toBe('请检查填写的内容'));
    expect($('.wb-package__industries .qs-field__error')!.textContent).toBe('行业「不存在」不在字典中');
    expect($('.wb-package__dirty')).not.toBeNull();

    typeInto($('.wb-package__name')!, '企业法律体检（升级版）');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(calls.toast).toEqual(['已保存']));
    expect(writes().at(-1)).toEqual([
      'PATCH /admin/service-packages/sp1',
      expect.objectContaining({ name: '企业法律体检（升级版）' }),
    ]);
    expect($('.wb-package__dirty')).toBeNull();
    expect($('.wb-package__error')).toBeNull();
  });

  it('retires only after its confirmation, then offers 重新上架', async () => {
    mockRouter.params = { id: 'sp1' };
    on('GET', '/admin/service-packages/sp1', ok(detail()));
    on('POST', '/admin/service-packages/sp1/retire', ok(detail({ active: false })));
    on('PATCH', '/admin/service-packages/sp1', (o) => ok(detail({ active: o.data.active })));
    render(<ServicePackageEditPage />);
    fireEvent.click(await screen.findByText('下架'));
    expect($('.wb-package__confirm')!.textContent).toContain('下架后企业将看不到该服务');
    expect(screen.queryByText('保存')).toBeNull();
    fireEvent.click(screen.getByText('取消'));
    expect($('.wb-package__confirm')).toBeNull();
    expect(writes()).toEqual([]);

    fireEvent.click(screen.getByText('下架'));
    fireEvent.click(screen.getByText('确定下架'));
    await waitFor(() => expect(calls.toast).toEqual(['已下架']));
    expect(writes().map((w) => w[0])).toEqual(['POST /admin/service-packages/sp1/retire']);
    expect($('.wb-package__status')!.textContent).toBe('已下架');

    fireEvent.click(screen.getByText('重新上架'));
    await waitFor(() => expect(calls.toast).toEqual(['已下架', '已重新上架']));
    expect(writes().at(-1)).toEqual(['PATCH /admin/service-packages/sp1', { active: true }]);
    expect($('.wb-package__status')!.textContent).toBe('上架中');
  });
});
