import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type {
  CaseApplication,
  PolicyApplicationItem,
  PolicyDetail,
  ServicePackageDetail,
  ServicePackageItem,
} from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { flush, ok, requests as sent, serve } from './support';
import PolicyApplicationsPage from '../../src/packages/me/pages/applications/index';
import PolicyDetailPage from '../../src/packages/policies/pages/detail/index';
import ServicesDetailPage from '../../src/packages/services/pages/detail/index';
import ServicesListPage from '../../src/packages/services/pages/list/index';
import { NOTE_MAX } from '../../src/packages/services/words';
import CaseApplicationSection from '../../src/packages/workbench/components/case-detail/application';
import {
  EMPTY_PACKAGE_FORM,
  packageFormErrors,
  packageFormOf,
  packageInputOf,
} from '../../src/packages/workbench/pages/service-package-edit/form';
import { saveSession, sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('./taro-pages').taroWithPageHooks(),
  useRouter: () => mockRouter,
  useShareAppMessage: () => undefined,
}));

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

function item(over: Partial<ServicePackageItem> = {}): ServicePackageItem {
  return {
    id: 's1',
    name: '知识产权质押融资',
    provider: { id: 'd1', name: '市市场监督管理局' },
    summary: '以专利权、商标权作价质押，协调合作银行为企业授信。',
    timeLimitDays: 15,
    active: true,
    applications: 12,
    satisfactionRate: 0.9167,
    ...over,
  };
}

function detail(over: Partial<ServicePackageDetail> = {}): ServicePackageDetail {
  return {
    ...item(),
    description: '以专利权、商标权作价质押，协调合作银行为企业授信。\n评估费由财政补助。',
    eligibility: { industries: [], scales: [], districts: [], qualifications: ['高新技术企业', '科技型中小企业'] },
    materials: ['营业执照复印件', '专利证书'],
    match: null,
    createdAt: '2026-01-05T01:00:00.000Z',
    updatedAt: '2026-01-05T01:00:00.000Z',
    ...over,
  };
}

const click = (text: string) =>
  act(async () => {
    fireEvent.click(screen.getByText(text));
  });

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  mockRouter.params = {};
});

describe('惠企服务 list', () => {
  it('one request; cards show name, provider, time limit, applications and satisfaction; a tap opens the detail', async () => {
    serve({
      'GET /service-packages': ok({
        items: [item(), item({ id: 's2', name: '企业法律体检', applications: 0, satisfactionRate: null })],
        nextCursor: null,
      }),
    });
    const { container } = await act(async () => render(<ServicesListPage />));
    await flush();
    expect(sent()).toEqual(['GET /service-packages']);
    const cards = Array.from(container.querySelectorAll('.service-card'));
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['s1', 's2']);
    expect(cards[0].textContent).toContain('市市场监督管理局');
    expect(cards[0].textContent).toContain('15 个工作日内办结');
    expect(cards[0].textContent).toContain('已申请 12 次');
    expect(cards[0].textContent).toContain('满意度 92%');
    expect(cards[1].textContent).toContain('暂无评价');
    await act(async () => fireEvent.click(cards[1]));
    expect(calls.navigate).toEqual([`${PAGES.servicePackage}?id=s2`]);
  });

  it('says so when there is nothing, and offers a retry when loading fails', async () => {
    serve({ 'GET /service-packages': ok({ items: [], nextCursor: null }) });
    await act(async () => render(<ServicesListPage />));
    await flush();
    expect(screen.getByText('暂无可申请的服务')).toBeTruthy();
    document.body.innerHTML = '';
    serve({
      'GET /service-packages': { statusCode: 500, data: { code: 'INTERNAL_ERROR', message: '服务器开小差了' } },
    });
    await act(async () => render(<ServicesListPage />));
    await flush();
    expect(screen.getByText('加载失败')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});

describe('服务详情 and 立即申请', () => {
  beforeEach(() => {
    mockRouter.params = { id: 's1' };
  });

  it('a visitor reads it and is sent to sign in, back here after', async () => {
    serve({ 'GET /service-packages/s1': ok(detail()) });
    const { container } = await act(async () => render(<ServicesDetailPage />));
    await flush();
    expect(container.textContent).toContain('评估费由财政补助。');
    expect(container.textContent).toContain('高新技术企业、科技型中小企业（具备其一即可）');
    expect(container.textContent).toContain('1. 营业执照复印件');
    await click('登录后申请');
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.servicePackage}?id=s1`)}`]);
  });

  it('an ineligible enterprise sees what it lacks and cannot apply', async () => {
    saveSession(owner);
    serve({
      'GET /service-packages/s1': ok(
        detail({ match: { eligible: false, met: [], missing: ['高新技术企业或科技型中小企业'] } }),
      ),
    });
    const { container } = await act(async () => render(<ServicesDetailPage />));
    await flush();
    expect(screen.getByText('尚缺：高新技术企业或科技型中小企业')).toBeTruthy();
    const button = screen.getByText('暂不符合申请条件').closest('button')!;
    expect(button.disabled).toBe(true);
    expect(container.querySelector('.service-detail__confirm')).toBeNull();
  });

  it('an eligible enterprise confirms with a note; one key for the retries; the case opens in its place', async () => {
    saveSession(owner);
    let attempts = 0;
    serve({
      'GET /service-packages/s1': ok(detail({ match: { eligible: true, met: ['高新技术企业'], missing: [] } })),
      'POST /service-packages/s1/applications': () => {
        attempts += 1;
        return attempts === 1
          ? {
              statusCode: 422,
              data: { code: 'SERVICE_NOT_ELIGIBLE', message: '您的企业暂不符合申请条件，尚缺：高新技术企业' },
            }
          : { statusCode: 201, data: { id: 'c9', number: 'QS20261201-0001' } };
      },
    });
    const { container } = await act(async () => render(<ServicesDetailPage />));
    await flush();
    expect(screen.getByText('符合：高新技术企业')).toBeTruthy();
    await click('立即申请');
    expect(container.querySelector('.service-detail__confirm')!.textContent).toContain('符合条件：高新技术企业');
    const note = container.querySelector('.service-detail__note') as HTMLTextAreaElement;
    fireEvent.change(note, { target: { value: ' 希望月底前完成 ' } });
    await click('确认申请');
    expect(calls.toast).toContain('您的企业暂不符合申请条件，尚缺：高新技术企业');
    expect(container.querySelector('.service-detail__error')!.textContent).toContain('尚缺：高新技术企业');
    await click('确认申请');
    const posts = calls.request.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0].data).toEqual({ note: '希望月底前完成' });
    const keys = posts.map((r) => (r.header as Record<string, string>)['Idempotency-Key']);
    expect(keys[0]).toMatch(/^[\w-]{8,64}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(calls.navigate).toEqual([`${PAGES.caseDetail}?id=c9`]);
    expect(calls.toast).toContain('已提交申请，编号 QS20261201-0001');
  });

  it('a retired or unknown package: 服务不存在或已下架 with a way back', async () => {
    serve({});
    await act(async () => render(<ServicesDetailPage />));
    await flush();
    expect(screen.getByText('服务不存在或已下架')).toBeTruthy();
    await click('去惠企服务');
    expect(calls.navigate).toEqual([PAGES.servicePackages]);
  });

  it('keeps the note limit of the contract (read from its source: its values carry class-validator)', () => {
    const contract = readFileSync(join(__dirname, '../../../shared/src/contracts/service-packages.ts'), 'utf8');
    expect(contract).toContain(`export const SERVICE_APPLICATION_NOTE_MAX = ${NOTE_MAX};`);
  });
});

describe('政策详情: 申请享受 for a matched policy', () => {
  const policy = (over: Partial<PolicyDetail> = {}): PolicyDetail => ({
    id: 'p1',
    title: '湘潭市高新技术企业研发奖补',
    docNumber: '潭科发〔2026〕3号',
    issuer: '湘潭市科学技术局',
    level: 'city',
    categories: ['科技创新'],
    summary: '研发投入奖补',
    validFrom: null,
    validTo: null,
    publishedAt: '2026-01-02T02:00:00.000Z',
    status: 'published',
    eligibility: { industries: [], scales: [], districts: [], qualifications: ['高新技术企业'] },
    body: '<p>正文</p>',
    interpretation: '',
    attachments: [],
    sourceUrl: null,
    favorite: false,
    match: { eligible: true, met: ['高新技术企业'], missing: [] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });

  beforeEach(() => {
    mockRouter.params = { id: 'p1' };
    saveSession(owner);
  });

  it('offers 申请享受 to a matched enterprise: confirm, POST with a key, then the case', async () => {
    serve({
      'GET /policies/p1': ok(policy()),
      'POST /policies/p1/applications': { statusCode: 201, data: { id: 'c7', number: 'QS20261201-0002' } },
    });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    await click('申请享受');
    expect(screen.getByText('符合条件：高新技术企业')).toBeTruthy();
    await click('确认申报');
    const post = calls.request.find((r) => r.method === 'POST')!;
    expect(post.data).toEqual({});
    expect((post.header as Record<string, string>)['Idempotency-Key']).toBeTruthy();
    expect(calls.navigate).toEqual([`${PAGES.caseDetail}?id=c7`]);
  });

  it('does not offer it when the enterprise does not match, or the policy has expired', async () => {
    serve({ 'GET /policies/p1': ok(policy({ match: { eligible: false, met: [], missing: ['高新技术企业'] } })) });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(screen.queryByText('申请享受')).toBeNull();
    document.body.innerHTML = '';
    serve({ 'GET /policies/p1': ok(policy({ status: 'expired' })) });
    await act(async () => render(<PolicyDetailPage />));
    await flush();
    expect(screen.queryByText('申请享受')).toBeNull();
  });
});

describe('我的申报', () => {
  const entry = (over: Partial<PolicyApplicationItem['case']> = {}): PolicyApplicationItem => ({
    policy: { id: 'p1', title: '湘潭市高新技术企业研发奖补', docNumber: '潭科发〔2026〕3号' },
    case: {
      id: 'c7',
      number: 'QS20261201-0002',
      state: 'accepted',
      createdAt: '2026-12-01T02:00:00.000Z',
      expectedBy: '2026-12-08T15:59:59.999Z',
      ...over,
    },
  });

  it('lists my applications with their number and state; a tap opens the case', async () => {
    saveSession(owner);
    serve({ 'GET /me/policy-applications': ok({ items: [entry()], nextCursor: null }) });
    const { container } = await act(async () => render(<PolicyApplicationsPage />));
    await flush();
    const row = container.querySelector('.my-applications__item')!;
    expect(row.textContent).toContain('湘潭市高新技术企业研发奖补');
    expect(row.textContent).toContain('编号 QS20261201-0002');
    expect(row.querySelector('.my-applications__state')!.textContent).toBe('办理中');
    expect(row.querySelector('.my-applications__expected')).not.toBeNull();
    await act(async () => fireEvent.click(row));
    expect(calls.navigate).toEqual([`${PAGES.caseDetail}?id=c7`]);
  });

  it('signed out: asks to sign in (no request); none yet: says so and leads to the policies', async () => {
    const { container } = await act(async () => render(<PolicyApplicationsPage />));
    expect(sent()).toEqual([]);
    expect(container.textContent).toContain('登录后查看我的申报');
    document.body.innerHTML = '';
    saveSession(owner);
    serve({ 'GET /me/policy-applications': ok({ items: [], nextCursor: null }) });
    await act(async () => render(<PolicyApplicationsPage />));
    await flush();
    expect(screen.getByText('您还没有申报过政策')).toBeTruthy();
  });
});

describe('workbench: the package editor’s form and the case’s application section', () => {
  it('sends trimmed fields, materials one per line (blank lines and repeats dropped), the limit as a number', () => {
    const f = {
      ...EMPTY_PACKAGE_FORM,
      name: ' 企业法律体检 ',
      departmentId: 'd1',
      description: ' 律师上门体检 ',
      timeLimitDays: '10',
      materials: '营业执照复印件\n\n 合同清单 \n营业执照复印件',
    };
    expect(packageInputOf(f)).toEqual({
      name: '企业法律体检',
      departmentId: 'd1',
      description: '律师上门体检',
      timeLimitDays: 10,
      industries: [],
      scales: [],
      districts: [],
      qualifications: [],
      materials: ['营业执照复印件', '合同清单'],
    });
    expect(packageFormErrors(f)).toEqual({});
    expect(packageFormOf(detail()).materials).toBe('营业执照复印件\n专利证书');
  });

  it('checks the required fields and the time limit at its bounds (1 and 60 working days)', () => {
    expect(Object.keys(packageFormErrors(EMPTY_PACKAGE_FORM)).sort()).toEqual(['departmentId', 'description', 'name']);
    const base = { ...EMPTY_PACKAGE_FORM, name: 'a', departmentId: 'd', description: 'b' };
    for (const ok1 of ['1', '60']) expect(packageFormErrors({ ...base, timeLimitDays: ok1 })).toEqual({});
    for (const bad of ['0', '61', '2.5', ''])
      expect(packageFormErrors({ ...base, timeLimitDays: bad }).timeLimitDays).toBe(
        '办理时限应为 1 到 60 之间的整数（工作日）',
      );
  });

  it('shows staff what the enterprise qualified by; nothing for a case that is no application', () => {
    const application: CaseApplication = {
      kind: 'package',
      id: 's1',
      title: '知识产权质押融资',
      provider: '市市场监督管理局',
      met: ['高新技术企业'],
      profile: {
        name: '湘潭智造电机有限公司',
        creditCode: '91430300MA4L16JQ0X',
        industry: '电气机械和器材制造业',
        scaleLabel: '中型企业',
        district: '湘潭高新区',
        qualifications: ['高新技术企业', '专精特新中小企业'],
      },
      materials: ['营业执照复印件'],
      note: '希望月底前完成',
    };
    const { container } = render(<CaseApplicationSection application={application} />);
    const text = container.textContent!;
    expect(text).toContain('惠企服务申请');
    expect(text).toContain('符合条件高新技术企业');
    expect(text).toContain('湘潭智造电机有限公司（91430300MA4L16JQ0X）');
    expect(text).toContain('补充说明希望月底前完成');
    const none = render(<CaseApplicationSection application={null} />);
    expect(none.container.innerHTML).toBe('');
  });
});
