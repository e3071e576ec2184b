import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MyMarketListing } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, calls } from '../shims/taro';
import { $, flush, ok, scriptedServer, signIn as signInAs, typeInto, writes } from './support';
import MarketListingPage from '../../src/packages/market/pages/listing/index';
import { clearSession } from '../../src/stores/session';

/** 企业名录入驻: who may edit, what is sent, and every answer of the server shown where it belongs. */

jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const extra = {
    downloadFile: async () => {
      throw { errMsg: 'downloadFile:fail' };
    },
  };
  return { ...base, default: { ...base.default, ...extra }, ...extra };
});

const signIn = (role: 'enterprise' | 'butler' = 'enterprise') => signInAs(role);
const { on, listen } = scriptedServer({
  notFound: { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } },
});

function listing(over: Partial<MyMarketListing> = {}): MyMarketListing {
  return {
    enterpriseId: 'e1',
    name: '湘潭名录测试有限公司',
    introduction: '',
    products: '',
    district: '雨湖区',
    industry: '制造业',
    logoFileId: null,
    logo: null,
    visible: false,
    updatedAt: null,
    ...over,
  };
}
const LISTED = listing({
  introduction: '专注包装印刷二十年',
  products: '瓦楞纸箱、彩印包装盒',
  visible: true,
  updatedAt: '2026-11-30T02:00:00.000Z',
});

beforeEach(() => {
  __reset();
  clearSession();
  listen();
});

async function open() {
  await act(async () => void render(<MarketListingPage />));
  await flush();
}

describe('企业名录入驻', () => {
  it('signed out: explains the directory, asks nothing, and 登录 comes back here', async () => {
    await open();
    expect(calls.request).toEqual([]);
    expect(screen.getByText('登录后管理企业名录')).toBeTruthy();
    expect($('.market-listing__no-contact')!.textContent).toContain('从不显示联系人和电话');
    fireEvent.click($('.market-listing__login')!);
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(PAGES.marketListing)}`]);
  });

  it('never listed: says what appears, checks the fields, counts to the contract’s limits, then joins', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', ok(listing()));
    on('PUT', '/me/enterprise/listing', (o) =>
      ok(listing({ ...o.data, logoFileId: null, updatedAt: '2026-12-01T02:00:00.000Z' })),
    );
    await open();
    expect($('.market-listing__state')!.textContent).toBe('尚未加入企业名录');
    expect($('.market-listing__no-contact')).toBeTruthy();
    expect($('.market-listing__name')!.textContent).toBe('湘潭名录测试有限公司');
    expect($('.market-listing__where')!.textContent).toBe('雨湖区 · 制造业');
    expect($('.market-listing__introduction .market-listing__count')!.textContent).toBe('0/500');
    expect($('.market-listing__products .market-listing__count')!.textContent).toBe('0/300');

    await act(async () => void fireEvent.click($('.market-listing__join')!));
    expect(screen.getByText('请填写企业简介')).toBeTruthy();
    expect(screen.getByText('请填写主营产品与服务')).toBeTruthy();
    expect(writes()).toEqual([]);

    typeInto($('.market-listing__introduction textarea')!, ' 专注包装印刷二十年 ');
    typeInto($('.market-listing__products textarea')!, '瓦楞纸箱');
    expect($('.market-listing__introduction .market-listing__count')!.textContent).toBe('11/500');
    expect(screen.queryByText('请填写企业简介')).toBeNull();
    await act(async () => void fireEvent.click($('.market-listing__join')!));
    expect(writes()).toEqual([
      [
        'PUT /me/enterprise/listing',
        { introduction: '专注包装印刷二十年', products: '瓦楞纸箱', logoFileId: null, visible: true },
      ],
    ]);
    expect($('.market-listing__state')!.textContent).toBe('已在企业名录中展示');
    expect($('.market-listing__save')).toBeTruthy();
    expect($('.market-listing__leave')).toBeTruthy();
    expect(calls.toast).toContain('已加入企业名录');
  });

  it('listed: 退出名录 asks first, then sends the saved text hidden (even with the form half edited)', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', ok(LISTED));
    on('PUT', '/me/enterprise/listing', (o) => ok({ ...LISTED, ...o.data }));
    await open();
    expect($('.market-listing__explain')).toBeNull();
    typeInto($('.market-listing__introduction textarea')!, '');
    fireEvent.click($('.market-listing__leave')!);
    expect($('.market-listing__confirm-text')!.textContent).toContain('立即从企业名录中移除');
    expect(writes()).toEqual([]);
    fireEvent.click($('.market-listing__leave-cancel')!);
    expect($('.market-listing__confirm')).toBeNull();
    fireEvent.click($('.market-listing__leave')!);
    await act(async () => void fireEvent.click($('.market-listing__leave-confirm')!));
    expect(writes()).toEqual([
      [
        'PUT /me/enterprise/listing',
        { introduction: '专注包装印刷二十年', products: '瓦楞纸箱、彩印包装盒', logoFileId: null, visible: false },
      ],
    ]);
    expect($('.market-listing__state')!.textContent).toBe('已退出企业名录，当前不展示');
    expect($('.market-listing__join')!.textContent).toBe('重新加入名录');
    expect(($('.market-listing__introduction textarea') as HTMLTextAreaElement).value).toBe('专注包装印刷二十年');
  });

  it('shows the server’s refusal at its field, and a refusal of no field above the buttons', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', ok(LISTED));
    on('PUT', '/me/enterprise/listing', {
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '请求参数不正确',
        details: [{ field: 'products', message: '主营产品与服务不能超过 300 个字' }],
      },
    });
    await open();
    await act(async () => void fireEvent.click($('.market-listing__save')!));
    expect($('.market-listing__products .market-listing__error')!.textContent).toBe('主营产品与服务不能超过 300 个字');
    expect($('.market-listing__introduction .market-listing__error')).toBeNull();

    on('PUT', '/me/enterprise/listing', {
      statusCode: 503,
      data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
    });
    await act(async () => void fireEvent.click($('.market-listing__save')!));
    expect($('.market-listing__form-error')!.textContent).toBe('服务暂时不可用，请稍后再试');
  });

  it('a plain member reads why they cannot edit (the server’s 403) and has a way back', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', {
      statusCode: 403,
      data: { code: 'FORBIDDEN', message: '您没有权限执行此操作' },
    });
    await open();
    expect(screen.getByText('仅企业管理员可以管理企业名录')).toBeTruthy();
    expect($('.market-listing__refused-reason')!.textContent).toBe('您没有权限执行此操作');
    expect($('.market-listing__join')).toBeNull();
    // Opened cold (nothing to go back to): home.
    fireEvent.click($('.market-listing__back')!);
    expect(calls.navigate).toEqual([PAGES.home]);
  });

  it('a user without an approved enterprise reads the server’s 404 and may bind one', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', {
      statusCode: 404,
      data: { code: 'ENTERPRISE_NOT_BOUND', message: '您还没有绑定企业，或绑定申请尚未通过审核' },
    });
    await open();
    expect($('.market-listing__refused-reason')!.textContent).toBe('您还没有绑定企业，或绑定申请尚未通过审核');
    fireEvent.click($('.market-listing__bind')!);
    expect(calls.navigate).toEqual([PAGES.bind]);
  });

  it('a failed load offers 重新加载', async () => {
    signIn();
    on('GET', '/me/enterprise/listing', {
      statusCode: 500,
      data: { code: 'INTERNAL_ERROR', message: '服务器开小差了' },
    });
    await open();
    expect(screen.getByText('加载失败')).toBeTruthy();
    on('GET', '/me/enterprise/listing', ok(LISTED));
    await act(async () => void fireEvent.click(screen.getByText('重新加载')));
    await flush();
    expect($('.market-listing__state')!.textContent).toBe('已在企业名录中展示');
  });

  it('staff are told the directory is the enterprises’ own, asking nothing', async () => {
    signIn('butler');
    await open();
    expect(screen.getByText('企业名录由企业自行管理')).toBeTruthy();
    expect(calls.request).toEqual([]);
  });
});
