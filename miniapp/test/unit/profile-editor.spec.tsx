import { act, fireEvent, render, screen } from '@testing-library/react';
import type { EnterpriseProfile } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import { ok, requests as sent } from './support';
import ProfilePage from '../../src/packages/me/pages/profile/index';
import { forgetDictionaries } from '../../src/packages/me/pages/profile/use-dictionaries';
import { checkProfile, type ProfileDraft } from '../../src/packages/me/pages/profile/use-profile';
import { saveSession, sessionStore } from '../../src/stores/session';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

function profile(over: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    enterpriseId: 'e1',
    name: '湘潭示范科技有限公司',
    creditCode: '91430300MA4L000001',
    industry: null,
    scale: null,
    district: null,
    qualifications: [],
    foundedOn: null,
    gaps: ['industry', 'scale', 'district'],
    canEdit: true,
    updatedAt: '2026-11-30T02:00:00.000Z',
    ...over,
  };
}

const INDUSTRIES = [
  '农、林、牧、渔业',
  '食品制造业',
  '医药制造业',
  '金属制品业',
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '电气机械和器材制造业',
  '计算机、通信和其他电子设备制造业',
  '建筑业',
  '批发和零售业',
  '金融业',
  '信息传输、软件和信息技术服务业',
];
const dictionary = (kind: string, values: string[]) => ({
  kind,
  items: values.map((value, i) => ({ id: i + 1, kind, value, sort: i, active: true })),
});

type Answer = { statusCode: number; data: unknown };
function serve(routes: Record<string, Answer | ((body: unknown) => Answer)>) {
  __setRequest(async ({ url, method, data }) => {
    const key = `${method ?? 'GET'} ${String(url).replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
    return typeof route === 'function' ? route(typeof data === 'string' ? JSON.parse(data) : data) : route;
  });
}
const DICTIONARIES = {
  'GET /dictionaries/industries': ok(dictionary('industries', INDUSTRIES)),
  'GET /dictionaries/districts': ok(dictionary('districts', ['全市', '雨湖区', '岳塘区', '湘潭高新区'])),
  'GET /dictionaries/qualifications': ok(
    dictionary('qualifications', ['高新技术企业', '科技型中小企业', '专精特新中小企业']),
  ),
};

async function open() {
  await act(async () => {
    render(<ProfilePage />);
  });
}
const click = async (el: Element) =>
  act(async () => {
    fireEvent.click(el);
  });
const field = (name: string) => document.querySelector(`.${name}`) as HTMLElement;

beforeEach(() => {
  __reset();
  forgetDictionaries();
  sessionStore.set(null);
  saveSession(owner);
});

describe('一企一档 (owner)', () => {
  it('loads the profile first, the dictionaries after it shows; fills every field and saves the whole profile', async () => {
    const saved: unknown[] = [];
    serve({
      'GET /me/enterprise/profile': ok(profile()),
      ...DICTIONARIES,
      'PUT /me/enterprise/profile': (body) => {
        saved.push(body);
        const b = body as ProfileDraft;
        return ok(profile({ ...b, gaps: [] }));
      },
    });
    await open();
    // Name and credit code: shown, not editable.
    expect(screen.getByText('湘潭示范科技有限公司')).toBeTruthy();
    expect(screen.getByText('统一社会信用代码 91430300MA4L000001')).toBeTruthy();
    expect(document.querySelectorAll('input[value="湘潭示范科技有限公司"]')).toHaveLength(0);
    // The gaps, in words.
    expect(screen.getByText(/尚未填写：所属行业、企业规模、所在区域/)).toBeTruthy();
    // The profile before anything else.
    expect(sent()[0]).toBe('GET /me/enterprise/profile');
    expect(sent().slice(1).sort()).toEqual(Object.keys(DICTIONARIES).sort());

    // 行业: a long list, searchable.
    await click(field('profile__industry').querySelector('.choice__value')!);
    const search = field('profile__industry').querySelector('.choice__search') as HTMLInputElement;
    expect(search).toBeTruthy();
    await act(async () => {
      fireEvent.change(search, { target: { value: '电气' } });
    });
    const shown = Array.from(field('profile__industry').querySelectorAll('.choice__option[data-value]')).map((o) =>
      o.getAttribute('data-value'),
    );
    expect(shown).toEqual(['电气机械和器材制造业']);
    await click(field('profile__industry').querySelector('[data-value="电气机械和器材制造业"]')!);
    expect(field('profile__industry').querySelector('.choice__value')!.getAttribute('data-value')).toBe(
      '电气机械和器材制造业',
    );
    // The hint follows what is still empty.
    expect(screen.getByText(/尚未填写：企业规模、所在区域/)).toBeTruthy();

    // 规模: four, no search box.
    await click(field('profile__scale').querySelector('.choice__value')!);
    expect(field('profile__scale').querySelector('.choice__search')).toBeNull();
    await click(screen.getByText('中型企业'));
    // 区域
    await click(field('profile__district').querySelector('.choice__value')!);
    await click(field('profile__district').querySelector('[data-value="岳塘区"]')!);
    expect(screen.queryByText(/尚未填写/)).toBeNull();
    // 资质: chips, toggled, marked in words too.
    await click(field('profile__qualifications').querySelector('[data-value="高新技术企业"]')!);
    await click(field('profile__qualifications').querySelector('[data-value="科技型中小企业"]')!);
    await click(field('profile__qualifications').querySelector('[data-value="科技型中小企业"]')!);
    expect(field('profile__qualifications').querySelector('[data-value="高新技术企业"]')!.textContent).toBe(
      '✓ 高新技术企业',
    );
    // 成立日期
    await act(async () => {
      fireEvent.change(document.querySelector('.picker-shim__input')!, { target: { value: '2015-06-01' } });
    });
    expect(screen.getByText('2015年6月1日')).toBeTruthy();

    expect(screen.queryByText('查看为您匹配')).toBeNull();
    await click(screen.getByText('保存'));
    expect(saved).toEqual([
      {
        industry: '电气机械和器材制造业',
        scale: 'medium',
        district: '岳塘区',
        qualifications: ['高新技术企业'],
        foundedOn: '2015-06-01',
      },
    ]);
    expect(calls.toast).toContain('已保存');
    await click(screen.getByText('查看为您匹配'));
    expect(calls.navigate).toEqual([PAGES.policies]);
  });

  it('shows the server’s refusal beside the field it names, and nothing as saved', async () => {
    serve({
      'GET /me/enterprise/profile': ok(profile({ industry: '已停用的行业', gaps: ['scale', 'district'] })),
      ...DICTIONARIES,
      'PUT /me/enterprise/profile': {
        statusCode: 400,
        data: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: [{ field: 'industry', message: '行业不在可选范围内' }],
          requestId: 'r1',
        },
      },
    });
    await open();
    // A value the dictionary no longer offers stays shown as chosen.
    expect(field('profile__industry').querySelector('.choice__value')!.getAttribute('data-value')).toBe('已停用的行业');
    await click(screen.getByText('保存'));
    expect(field('profile__industry').querySelector('.profile__industry-error')!.textContent).toBe(
      '行业不在可选范围内',
    );
    expect(screen.queryByText('查看为您匹配')).toBeNull();
    // Changing the field clears its error.
    await click(field('profile__industry').querySelector('.choice__value')!);
    await click(field('profile__industry').querySelector('[data-value="建筑业"]')!);
    expect(document.querySelector('.profile__industry-error')).toBeNull();
  });

  it('a refusal without fields is shown above 保存', async () => {
    serve({
      'GET /me/enterprise/profile': ok(profile()),
      ...DICTIONARIES,
      'PUT /me/enterprise/profile': {
        statusCode: 403,
        data: { statusCode: 403, code: 'FORBIDDEN', message: '您没有权限执行此操作', requestId: 'r2' },
      },
    });
    await open();
    await click(screen.getByText('保存'));
    expect(document.querySelector('.profile__error')!.textContent).toBe('您没有权限执行此操作');
  });

  it('refuses a founding date after today before sending anything', async () => {
    serve({ 'GET /me/enterprise/profile': ok(profile()), ...DICTIONARIES });
    await open();
    await act(async () => {
      fireEvent.change(document.querySelector('.picker-shim__input')!, { target: { value: '2999-01-01' } });
    });
    await click(screen.getByText('保存'));
    expect(document.querySelector('.profile__founded-error')!.textContent).toBe('成立日期不能晚于今天');
    expect(sent().filter((s) => s.startsWith('PUT'))).toEqual([]);
  });

  it('checks the founding date at its bounds, and the number of qualifications', () => {
    const d = (over: Partial<ProfileDraft>): ProfileDraft => ({
      industry: null,
      scale: null,
      district: null,
      qualifications: [],
      foundedOn: null,
      ...over,
    });
    const today = '2026-11-30';
    expect(checkProfile(d({}), today)).toEqual({});
    expect(checkProfile(d({ foundedOn: today }), today)).toEqual({});
    expect(checkProfile(d({ foundedOn: '2026-12-01' }), today)).toEqual({ foundedOn: '成立日期不能晚于今天' });
    expect(checkProfile(d({ foundedOn: '1900-01-01' }), today)).toEqual({});
    expect(checkProfile(d({ foundedOn: '1899-12-31' }), today)).toEqual({ foundedOn: '成立日期不能早于 1900 年' });
    const q = (n: number) => Array.from({ length: n }, (_, i) => `资质${i}`);
    expect(checkProfile(d({ qualifications: q(20) }), today)).toEqual({});
    expect(checkProfile(d({ qualifications: q(21) }), today)).toEqual({ qualifications: '企业资质最多 20 项' });
  });
});

describe('一企一档 (others)', () => {
  it('a plain member reads it: no form, no dictionaries, and who can change it', async () => {
    serve({
      'GET /me/enterprise/profile': ok(
        profile({
          canEdit: false,
          industry: '建筑业',
          scale: 'small',
          district: '雨湖区',
          qualifications: ['高新技术企业', '科技型中小企业'],
          foundedOn: '2012-03-04',
          gaps: [],
        }),
      ),
    });
    await open();
    expect(screen.getByText('建筑业')).toBeTruthy();
    expect(screen.getByText('小型企业')).toBeTruthy();
    expect(screen.getByText('高新技术企业、科技型中小企业')).toBeTruthy();
    expect(screen.getByText('2012年3月4日')).toBeTruthy();
    expect(screen.getByText(/只能由企业管理员修改/)).toBeTruthy();
    expect(screen.queryByText('保存')).toBeNull();
    expect(document.querySelector('.choice__value')).toBeNull();
    expect(sent()).toEqual(['GET /me/enterprise/profile']);
  });

  it('no enterprise bound: asks to bind one', async () => {
    serve({
      'GET /me/enterprise/profile': {
        statusCode: 403,
        data: {
          statusCode: 403,
          code: 'ENTERPRISE_NOT_BOUND',
          message: '您还没有绑定企业，或绑定申请尚未通过审核',
          requestId: 'r3',
        },
      },
    });
    await open();
    expect(screen.getByText('还没有绑定企业')).toBeTruthy();
    await click(screen.getByText('绑定企业'));
    expect(calls.navigate).toEqual([PAGES.bind]);
  });

  it('loading, then an error with 重新加载, then the profile', async () => {
    let answer: (a: Answer) => void = () => undefined;
    __setRequest(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    await open();
    expect(document.querySelector('.qs-state--loading')).toBeTruthy();
    await act(async () => {
      answer({
        statusCode: 500,
        data: { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' },
      });
    });
    expect(screen.getByText('加载失败')).toBeTruthy();
    serve({ 'GET /me/enterprise/profile': ok(profile()), ...DICTIONARIES });
    await click(screen.getByText('重新加载'));
    expect(screen.getByText('湘潭示范科技有限公司')).toBeTruthy();
  });
});
