import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type {
  AdminEnterpriseItem,
  BulkAssignResult,
  ButlerChangeItem,
  DepartmentItem,
  Page,
  StaffItem,
} from '@qsgj/shared/contracts';
import { __reset, __setRequest, calls } from '../shims/taro';
import AssignmentsPage from '../../src/packages/workbench/pages/assignments/index';
import { bulkBody } from '../../src/packages/workbench/pages/assignments/use-assignments';
import StaffPage from '../../src/packages/workbench/pages/staff/index';
import { parseSpecialties } from '../../src/packages/workbench/pages/staff/use-staff';
import { sessionStore } from '../../src/stores/session';
import { signIn as signInAs } from './support';

// A request as the shim receives it (Taro.request's options).
type Options = { url: string; method: string; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const signIn = (role: 'admin' | 'supervisor' = 'admin') => signInAs(role, { id: 'me', displayName: '管理员' });

type Reply = { statusCode: number; data: unknown };
type Route = (options: Options) => Reply | undefined;
let routes: Route[];
const on = (method: string, path: string | RegExp, reply: Reply | ((o: Options) => Reply)) =>
  routes.unshift((o) => {
    const url = String(o.url).replace(/^\/api\/v1/, '');
    const hit = typeof path === 'string' ? url === path : path.test(url);
    if (o.method !== method || !hit) return undefined;
    return typeof reply === 'function' ? reply(o) : reply;
  });
const ok = (data: unknown, statusCode = 200): Reply => ({ statusCode, data });
const page = <T,>(items: T[], nextCursor: string | null = null): Page<T> => ({ items, nextCursor });

const urls = () => calls.request.map((r) => `${r.method} ${String(r.url).replace(/^\/api\/v1/, '')}`);
const writes = () =>
  calls.request
    .filter((r) => r.method !== 'GET')
    .map((r) => [`${r.method} ${String(r.url).replace(/^\/api\/v1/, '')}`, r.data]);
const $ = (sel: string) => document.querySelector<HTMLElement>(sel);
/** The choices (chips) of a chooser, by their text. */
const choices = (cls: string) =>
  Array.from(document.querySelectorAll<HTMLElement>(`.${cls} [role="radio"]`)).map((c) => c.textContent);
const pick = (cls: string, label: string) => {
  const chip = Array.from(document.querySelectorAll<HTMLElement>(`.${cls} [role="radio"]`)).find(
    (c) => c.textContent === label,
  );
  if (!chip) throw new Error(`no choice ${label} in ${cls}: ${choices(cls).join(', ')}`);
  fireEvent.click(chip);
};

function staff(over: Partial<StaffItem> = {}): StaffItem {
  return {
    id: 's1',
    username: 'guanjia',
    name: '李管家',
    role: 'butler',
    department: { id: 'd1', name: '营商中心' },
    specialties: ['政策咨询'],
    introduction: null,
    phone: '138****0002',
    active: true,
    locked: false,
    mustChangePassword: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}
const LI = staff();
const WANG = staff({ id: 's2', username: 'guanjia.sj', name: '王管家', department: { id: 'd2', name: '市场监管' } });
const ZHOU = staff({ id: 's3', username: 'zhuguan', name: '周主管', role: 'supervisor' });
const ADMIN = staff({ id: 'me', username: 'admin', name: '系统管理员', role: 'admin', department: null });
const DEPTS: DepartmentItem[] = [
  { id: 'd1', name: '营商中心', shortName: null, staffCount: 3 },
  { id: 'd2', name: '市场监管', shortName: null, staffCount: 1 },
];

function enterprise(over: Partial<AdminEnterpriseItem> = {}): AdminEnterpriseItem {
  return {
    id: 'e1',
    creditCode: '91430300MA4L000001',
    name: '雨湖区莲城食品有限公司',
    district: '雨湖区',
    park: null,
    butler: { id: 's1', name: '李管家' },
    ...over,
  };
}

beforeEach(() => {
  __reset();
  routes = [];
  on('GET', /^\/admin\/staff\?/, ok(page([ADMIN, LI, WANG, ZHOU])));
  on('GET', '/admin/departments', ok(DEPTS));
  on(
    'GET',
    '/dictionaries/districts',
    ok({
      kind: 'districts',
      items: [
        { id: 1, kind: 'districts', value: '雨湖区', sort: 1, active: true },
        { id: 2, kind: 'districts', value: '岳塘区', sort: 2, active: true },
      ],
    }),
  );
  __setRequest(async (o) => {
    for (const r of routes) {
      const reply = r(o as Options);
      if (reply) return reply;
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } };
  });
  signIn();
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
});

describe('the pure parts', () => {
  it('reads specialties separated by 、，, or spaces, each once', () => {
    expect(parseSpecialties('政策咨询、企业开办，融资对接, 政策咨询  知识产权')).toEqual([
      '政策咨询',
      '企业开办',
      '融资对接',
      '知识产权',
    ]);
    expect(parseSpecialties('  ')).toEqual([]);
  });

  it('sends only the criteria given, and nothing without a target butler', () => {
    expect(bulkBody({ park: '  ', district: '雨湖区', butlerId: 's2' })).toEqual({
      butlerId: 's2',
      filter: { district: '雨湖区' },
    });
    expect(bulkBody({ park: ' 九华园 ', fromButlerId: 's1', butlerId: 's2' })).toEqual({
      butlerId: 's2',
      filter: { park: '九华园', fromButlerId: 's1' },
    });
    expect(bulkBody({ park: '', district: '雨湖区' })).toBeNull();
  });
});

describe('管家管理', () => {
  it('is for admins: a supervisor sees a note and nothing is asked', async () => {
    signIn('supervisor');
    render(<StaffPage />);
    expect(await screen.findByText('管家管理由管理员维护，您的账号无此权限。')).toBeTruthy();
    expect(urls().filter((u) => u.includes('/admin/'))).toEqual([]);
  });

  it('lists staff (在岗 by default), filters by role and department, and edits the introduction', async () => {
    render(<StaffPage />);
    expect(await screen.findByText('王管家')).toBeTruthy();
    // The list first; the departments once it is on screen.
    await waitFor(() => expect(urls()).toEqual(['GET /admin/staff?active=true', 'GET /admin/departments']));
    fireEvent.click($('.wb-staff__chip--supervisor')!);
    await waitFor(() => expect(urls()).toContain('GET /admin/staff?role=supervisor&active=true'));
    pick('wb-staff__department', '市场监管');
    await waitFor(() => expect(urls()).toContain('GET /admin/staff?role=supervisor&active=true&departmentId=d2'));

    on('PATCH', '/admin/staff/s1', (o) =>
      ok(staff({ introduction: o.data.introduction, specialties: o.data.specialties })),
    );
    fireEvent.click(screen.getByText('李管家'));
    fireEvent.change($('.wb-staff__introduction')!, { target: { value: '  十年园区服务经验 ' } });
    expect(screen.getByText('11/300')).toBeTruthy();
    fireEvent.change($('.wb-staff__specialties')!, { target: { value: '政策咨询、企业开办' } });
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('十年园区服务经验')).toBeTruthy();
    expect(writes()).toEqual([
      ['PATCH /admin/staff/s1', { introduction: '十年园区服务经验', specialties: ['政策咨询', '企业开办'] }],
    ]);
    // No 停用 for the signed-in admin themself.
    fireEvent.click(screen.getByText('系统管理员'));
    expect(screen.queryByText('停用')).toBeNull();
  });

  it('deactivates with a handover: the counts first, then a successor is required', async () => {
    on('GET', '/admin/staff/s1/workload', ok({ enterprises: 3, openCases: 2 }));
    on('PATCH', '/admin/staff/s1', ok(staff({ active: false })));
    render(<StaffPage />);
    fireEvent.click(await screen.findByText('李管家'));
    fireEvent.click(screen.getByText('停用'));
    expect(await screen.findByText(/该账号仍负责 3 家企业、2 件未办结诉求/)).toBeTruthy();
    const confirm = screen.getByText('确认交接并停用') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    // The successors: active butlers and supervisors, never the departing one or an admin.
    await waitFor(() => expect(choices('wb-staff__successor')).toEqual(['王管家（市场监管）', '周主管（营商中心）']));
    pick('wb-staff__successor', '周主管（营商中心）');
    expect(confirm.disabled).toBe(false);
    await act(async () => fireEvent.click(confirm));
    expect(writes()).toEqual([['PATCH /admin/staff/s1', { active: false, successorId: 's3' }]]);
    // Gone from the 在岗 list.
    await waitFor(() => expect(screen.queryByText('李管家')).toBeNull());
  });

  it('deactivates one with nothing to hand over without asking for a successor, and shows a refusal', async () => {
    on('GET', '/admin/staff/s2/workload', ok({ enterprises: 0, openCases: 0 }));
    on('PATCH', '/admin/staff/s2', {
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'BUTLER_HANDOVER_REQUIRED',
        message: '该账号仍负责 1 家企业、0 件未办结诉求，停用前请选择接手的管家或主管',
        details: { enterprises: 1, openCases: 0 },
        requestId: 'r1',
      },
    });
    render(<StaffPage />);
    fireEvent.click(await screen.findByText('王管家'));
    fireEvent.click(screen.getByText('停用'));
    expect(await screen.findByText('该账号没有负责的企业和未办结诉求，可以直接停用。')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('确认停用')));
    expect(writes()).toEqual([['PATCH /admin/staff/s2', { active: false }]]);
    expect(await screen.findByText('该账号仍负责 1 家企业、0 件未办结诉求，停用前请选择接手的管家或主管')).toBeTruthy();
    expect(screen.getByText('王管家')).toBeTruthy();
  });
});

describe('企业分配', () => {
  const preview: BulkAssignResult = {
    preview: true,
    matched: 12,
    changed: 9,
    unchanged: 3,
    butler: { id: 's2', name: '王管家' },
  };

  it('previews a bulk assignment by district, confirms it, shows the counts and reloads the list', async () => {
    let listed = 0;
    on('GET', /^\/admin\/enterprises(\?.*)?$/, () => ok(page([enterprise({ name: `企业第${++listed}次` })])));
    on('POST', '/admin/enterprises/butler-assignments?preview=true', ok(preview));
    on('POST', '/admin/enterprises/butler-assignments', ok({ ...preview, preview: false }));
    render(<AssignmentsPage />);
    expect(await screen.findByText('企业第1次')).toBeTruthy();
    // The first render asks for the list only; the 区县 come after it, who can serve once the bulk form is opened.
    expect(urls()[0]).toBe('GET /admin/enterprises');
    await waitFor(() => expect(urls()).toEqual(['GET /admin/enterprises', 'GET /dictionaries/districts']));
    fireEvent.click(screen.getByText('展开'));

    fireEvent.click(screen.getByText('预览'));
    expect(await screen.findByText('请选择要分配给的管家')).toBeTruthy();
    await waitFor(() => expect(choices('wb-assign__bulk-to')).toHaveLength(3));
    pick('wb-assign__bulk-to', '王管家（市场监管）');
    fireEvent.click(screen.getByText('预览'));
    expect(await screen.findByText('请至少选择一个分配范围：区县、园区或原管家')).toBeTruthy();
    await waitFor(() => expect(choices('wb-assign__bulk-district')).toEqual(['不限', '雨湖区', '岳塘区']));
    pick('wb-assign__bulk-district', '雨湖区');
    expect(writes()).toEqual([]);

    await act(async () => fireEvent.click(screen.getByText('预览')));
    expect(
      await screen.findByText(
        '符合条件的企业 12 家，其中 9 家将改由王管家服务（3 家已由其服务）。将通知相关管家和企业。',
      ),
    ).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('确认分配')));
    expect(await screen.findByText('已完成：匹配 12 家，变更 9 家，未变 3 家。')).toBeTruthy();
    expect(writes()).toEqual([
      ['POST /admin/enterprises/butler-assignments?preview=true', { butlerId: 's2', filter: { district: '雨湖区' } }],
      ['POST /admin/enterprises/butler-assignments', { butlerId: 's2', filter: { district: '雨湖区' } }],
    ]);
    expect(await screen.findByText('企业第2次')).toBeTruthy();
  });

  it('assigns one enterprise and shows its history', async () => {
    const history: ButlerChangeItem[] = [
      {
        id: 'h1',
        at: '2026-11-30T02:00:00.000Z',
        kind: 'handover',
        from: { id: 's9', name: '原管家' },
        to: { id: 's1', name: '李管家' },
        by: { id: 'me', name: '系统管理员' },
      },
    ];
    on('GET', /^\/admin\/enterprises(\?.*)?$/, ok(page([enterprise()])));
    on('GET', '/admin/enterprises/e1/butler-history', ok(page(history)));
    on('PUT', '/admin/enterprises/e1/butler', ok(enterprise({ butler: { id: 's3', name: '周主管' } })));
    render(<AssignmentsPage />);
    fireEvent.click(await screen.findByText('雨湖区莲城食品有限公司'));
    expect(await screen.findByText('原管家 → 李管家（系统管理员）')).toBeTruthy();
    expect(screen.getByText(/停用交接/)).toBeTruthy();
    const go = screen.getByText('指派') as HTMLButtonElement;
    expect(go.disabled).toBe(true); // the butler it already has
    await waitFor(() => expect(choices('wb-assign__one-butler')).toHaveLength(3));
    pick('wb-assign__one-butler', '周主管（营商中心）');
    await act(async () => fireEvent.click(go));
    expect(writes()).toEqual([['PUT /admin/enterprises/e1/butler', { butlerId: 's3' }]]);
    expect(await screen.findByText('管家：周主管')).toBeTruthy();
  });

  it('asks for nothing but the list before it is on screen (the weapp budget of a first render)', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    __setRequest(async (o) => {
      const url = String(o.url).replace(/^\/api\/v1/, '');
      if (url.startsWith('/admin/enterprises')) {
        await held;
        return ok(page([enterprise()]));
      }
      if (url === '/dictionaries/districts') return ok({ kind: 'districts', items: [] });
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } };
    });
    render(<AssignmentsPage />);
    await waitFor(() => expect(urls()).toEqual(['GET /admin/enterprises']));
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(urls()).toEqual(['GET /admin/enterprises']);
    await act(async () => release());
    expect(await screen.findByText('雨湖区莲城食品有限公司')).toBeTruthy();
    await waitFor(() => expect(urls()).toEqual(['GET /admin/enterprises', 'GET /dictionaries/districts']));
  });

  it('says why the list cannot load, and retries', async () => {
    let fail = true;
    on('GET', /^\/admin\/enterprises(\?.*)?$/, () =>
      fail
        ? { statusCode: 500, data: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' } }
        : ok(page([enterprise()])),
    );
    render(<AssignmentsPage />);
    expect(await screen.findByText(/服务器开小差了/)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重新加载'));
    expect(await screen.findByText('雨湖区莲城食品有限公司')).toBeTruthy();
  });
});
