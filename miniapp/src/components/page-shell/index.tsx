import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Component, type PropsWithChildren, type ReactNode } from 'react';
import { PAGES } from '@qsgj/shared/pages';
import { useStore } from '@/hooks/use-store';
import { ApiError, lastRequestId } from '@/services/http';
import { onlineStore } from '@/stores/network';
import { largeFontStore } from '@/stores/prefs';
import { reportPageError } from '@/utils/report-error';
import './index.scss';

interface Props {
  className?: string;
}

interface BoundaryState {
  error: Error | null;
  requestId?: string;
}

/**
 * Catches what the page's content throws while rendering: instead of a blank page (Taro drops a
 * page whose render throws) the user sees 「页面出错了」 with 重试 and 返回首页, and 「错误编号」 —
 * the server's id of the request whose answer the page was showing — to quote to their butler.
 */
class PageErrorBoundary extends Component<{ children?: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): Partial<BoundaryState> {
    const requestId = (error instanceof ApiError && error.requestId) || lastRequestId();
    return { error, requestId };
  }

  override componentDidCatch(error: Error): void {
    reportPageError(error, this.state.requestId);
  }

  /** The content was unmounted when it failed: rendering it again mounts it afresh (its hooks load again). */
  private retry = () => this.setState({ error: null, requestId: undefined });

  private home = () => void Taro.reLaunch({ url: PAGES.home });

  override render() {
    const { error, requestId } = this.state;
    if (!error) return this.props.children;
    return (
      <View className="qs-state qs-state--error qs-page-error" role="alert">
        <Text className="qs-state__title">页面出错了</Text>
        <Text className="qs-state__text">页面显示时遇到了问题，您可以重试，或回到首页。</Text>
        {requestId && <Text className="qs-page-error__id">错误编号：{requestId}</Text>}
        <Button className="qs-btn qs-page-error__retry" onClick={this.retry}>
          重试
        </Button>
        <Button className="qs-btn qs-btn--plain qs-page-error__home" onClick={this.home}>
          返回首页
        </Button>
      </View>
    );
  }
}

/**
 * The root of every page. In 长辈版 its `qs-elder` class sets the one font variable (--qs-scale, see
 * app.scss) that every size derives from. Shows a bar when the device is offline. Its children are
 * inside an error boundary: a page's default export is `<PageShell>` around the page's content
 * component, so everything the page renders, its data hooks included, is caught (see docs/miniapp.md).
 */
export default function PageShell({ className, children }: PropsWithChildren<Props>) {
  const large = useStore(largeFontStore);
  const online = useStore(onlineStore);
  return (
    <View className={`qs-page${large ? ' qs-elder' : ''}${className ? ` ${className}` : ''}`}>
      {!online && (
        <View className="qs-offline" role="alert">
          <Text>网络已断开，已加载的内容仍可查看，恢复网络后可继续操作</Text>
        </View>
      )}
      <PageErrorBoundary>{children}</PageErrorBoundary>
    </View>
  );
}
