import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __reset, __setRequest, calls } from '../shims/taro';
import PageShell from '../../src/components/page-shell';
import StateView from '../../src/components/state-view';
import { ApiError } from '../../src/services/http';
import { onlineStore } from '../../src/stores/network';
import { largeFontStore, setLargeFont } from '../../src/stores/prefs';
import Home from '../../src/pages/index/index';
import { PAGES } from '../../src/utils/routes';
import Bind from '../../src/packages/me/pages/bind/index';

beforeEach(() => {
  __reset();
  largeFontStore.set(false);
  onlineStore.set(true);
});

describe('PageShell', () => {
  it('switches the 长辈版 class (which sets --qs-scale) and remembers the choice', () => {
    const { container } = render(<PageShell>内容</PageShell>);
    const root = container.firstChild as HTMLElement;
    expect(root.className).toBe('qs-page');
    act(() => setLargeFont(true));
    expect(root.className).toBe('qs-page qs-elder');
    expect(Taro.getStorageSync('qsgj.largeFont')).toBe(true);
  });

  it('says so when the device is offline', () => {
    render(<PageShell>内容</PageShell>);
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => onlineStore.set(false));
    expect(screen.getByRole('alert').textContent).toContain('网络已断开');
  });
});

describe('StateView', () => {
  it('shows loading, then an error with retry, then empty, then content', () => {
    const retry = jest.fn();
    const { rerender } = render(<StateView loading>x</StateView>);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    rerender(<StateView error={new ApiError(500, 'INTERNAL_ERROR', '服务器开小差了，请稍后再试')} onRetry={retry} />);
    expect(screen.getByText('加载失败')).toBeTruthy();
    fireEvent.click(screen.getByText('重新加载'));
    expect(retry).toHaveBeenCalled();
    rerender(<StateView error={new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，请检查网络后重试')} />);
    expect(screen.getByText('网络不给力')).toBeTruthy();
    rerender(<StateView empty emptyText="暂时没有消息" />);
    expect(screen.getByText('暂时没有消息')).toBeTruthy();
    rerender(<StateView>真正的内容</StateView>);
    expect(screen.getByText('真正的内容')).toBeTruthy();
  });
});

describe('首页', () => {
  it('shows the six services and three channels, each leading to its section', () => {
    render(<Home />);
    for (const title of [
      '惠企服务',
      '管家团队',
      '涉企政策',
      '企业商圈',
      '潭商讲堂',
      '营商动态',
      '咨询',
      '评价',
      '投诉',
    ]) {
      expect(screen.getByText(title)).toBeTruthy();
    }
    expect(screen.queryByText('建设中')).toBeNull();
    fireEvent.click(screen.getByText('企业商圈'));
    fireEvent.click(screen.getByText('潭商讲堂'));
    expect(calls.navigate).toEqual([PAGES.market, PAGES.events]);
    expect(calls.toast).toEqual([]);
  });

  it('has a 长辈版 switch on the home page', () => {
    render(<Home />);
    fireEvent.click(screen.getByText('长辈版'));
    expect(largeFontStore.get()).toBe(true);
    expect(screen.getByText('标准版')).toBeTruthy();
  });
});

describe('绑定企业', () => {
  const fill = (placeholder: string, value: string) =>
    fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });

  it('checks the credit code with the shared rule before asking the server', () => {
    render(<Bind />);
    fill('18 位，见营业执照', '91350100M000100Y44');
    fill('与营业执照一致', '福州示例科技有限公司');
    fill('您的姓名', '张三');
    fireEvent.click(screen.getByText('提交绑定'));
    expect(screen.getByText('统一社会信用代码校验位不正确，请核对营业执照')).toBeTruthy();
    expect(calls.request).toHaveLength(0);
  });

  it('shows the server’s error beside the field', async () => {
    __setRequest(async () => ({
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'ENTERPRISE_ALREADY_BOUND',
        message: '您已绑定企业，如需更换企业请联系您的亲商管家',
        requestId: 'r',
      },
    }));
    render(<Bind />);
    fill('18 位，见营业执照', '91350100m000100y43');
    fill('与营业执照一致', '福州示例科技有限公司');
    fill('您的姓名', '张三');
    await act(async () => {
      fireEvent.click(screen.getByText('提交绑定'));
    });
    expect(calls.request[0].data).toEqual({
      creditCode: '91350100M000100Y43',
      name: '福州示例科技有限公司',
      contactName: '张三',
    });
    expect(await screen.findByText('您已绑定企业，如需更换企业请联系您的亲商管家')).toBeTruthy();
  });
});
