import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Page } from '@qsgj/shared/contracts';
import { __reset, calls } from '../shims/taro';
import ListFooter from '../../src/components/list-footer';
import StateView from '../../src/components/state-view';
import { type PagedList, usePagedList } from '../../src/hooks/use-paged-list';
import { ApiError } from '../../src/services/http';
import { stopPullDownRefresh, trigger } from './taro-pages';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());

interface Row {
  id: string;
  name: string;
}

/** A loader whose answers the test gives, one call at a time. */
function scriptedLoader() {
  const pending: Array<{ cursor: string | null; resolve: (p: Page<Row>) => void; reject: (e: Error) => void }> = [];
  const load = jest.fn(
    (cursor: string | null) =>
      new Promise<Page<Row>>((resolve, reject) => {
        pending.push({ cursor, resolve, reject });
      }),
  );
  const answer = async (page: Page<Row> | Error) => {
    const next = pending.shift();
    if (!next) throw new Error('no request is waiting for an answer');
    await act(async () => {
      if (page instanceof Error) next.reject(page);
      else next.resolve(page);
    });
  };
  return { load, answer, pending };
}

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id, name: `成员${id}` }));

let list: PagedList<Row>;

function List(props: { load: (cursor: string | null) => Promise<Page<Row>>; enabled?: boolean; onShow?: boolean }) {
  list = usePagedList<Row>(props.load, [], {
    key: (r) => r.id,
    enabled: props.enabled,
    refreshOnShow: props.onShow,
  });
  return (
    <StateView {...list.state} emptyText="还没有成员">
      {list.items.map((r) => (
        <span key={r.id} className="row">
          {r.name}
        </span>
      ))}
      <ListFooter list={list} />
    </StateView>
  );
}

const shown = () => Array.from(document.querySelectorAll('.row')).map((n) => n.textContent);

beforeEach(() => {
  __reset();
  stopPullDownRefresh.mockClear();
});

describe('usePagedList', () => {
  it('loads the first page on mount: loading, then the rows and 上拉加载更多 while there is a next page', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(api.load).toHaveBeenCalledWith(null);
    await api.answer({ items: rows('1', '2'), nextCursor: 'c2' });
    expect(shown()).toEqual(['成员1', '成员2']);
    expect(screen.getByText('上拉加载更多')).toBeTruthy();
  });

  it('says so when the list is empty', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: [], nextCursor: null });
    expect(screen.getByText('还没有成员')).toBeTruthy();
    expect(screen.queryByText('上拉加载更多')).toBeNull();
  });

  it('shows a failed first page with 重新加载, which loads it again', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer(new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，请检查网络后重试'));
    expect(screen.getByText('网络不给力')).toBeTruthy();
    fireEvent.click(screen.getByText('重新加载'));
    expect(api.load).toHaveBeenCalledTimes(2);
    await api.answer({ items: rows('1'), nextCursor: null });
    expect(shown()).toEqual(['成员1']);
  });

  it('treats an answer that is not a page as a failure, in words the user can read', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer([{ id: '1' }] as unknown as Page<Row>); // the old array answer
    expect(screen.getByText('服务器返回了无法识别的内容，请稍后重试')).toBeTruthy();
  });

  it('loads the next page at the bottom, once however often the bottom is reached, and keeps each row once', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1', '2'), nextCursor: 'c2' });

    act(() => {
      trigger('reachBottom');
      trigger('reachBottom');
    });
    await act(async () => trigger('reachBottom'));
    expect(api.load.mock.calls).toEqual([[null], ['c2']]);
    expect(screen.getByText('正在加载…')).toBeTruthy();

    // Row 2 again (a row that moved between pages) and row 3.
    await api.answer({ items: rows('2', '3'), nextCursor: null });
    expect(shown()).toEqual(['成员1', '成员2', '成员3']);
    expect(screen.queryByText('上拉加载更多')).toBeNull();

    act(() => trigger('reachBottom'));
    expect(api.load).toHaveBeenCalledTimes(2); // no next page: nothing asked
  });

  it('does not load a next page while the first one is loading', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1'), nextCursor: 'c1' });
    act(() => trigger('pullDownRefresh'));
    act(() => trigger('reachBottom'));
    expect(api.load.mock.calls).toEqual([[null], [null]]);
  });

  it('shows a failed next page under the rows, with a tap to try again', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1'), nextCursor: 'c1' });
    act(() => trigger('reachBottom'));
    await api.answer(new ApiError(0, 'NETWORK_TIMEOUT', '网络较慢，请求超时，请稍后重试'));
    expect(shown()).toEqual(['成员1']);
    fireEvent.click(screen.getByText('网络较慢，请求超时，请稍后重试，点击重试'));
    expect(api.load.mock.calls).toEqual([[null], ['c1'], ['c1']]);
    await api.answer({ items: rows('2'), nextCursor: null });
    expect(shown()).toEqual(['成员1', '成员2']);
  });

  it('refreshes on pull-down: the first page replaces the rows, then the spinner stops', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1', '2'), nextCursor: 'c2' });
    act(() => trigger('reachBottom'));
    await api.answer({ items: rows('3'), nextCursor: 'c3' });

    act(() => trigger('pullDownRefresh'));
    expect(api.load).toHaveBeenLastCalledWith(null);
    expect(stopPullDownRefresh).not.toHaveBeenCalled();
    await api.answer({ items: rows('0', '1'), nextCursor: 'c1' });
    expect(shown()).toEqual(['成员0', '成员1']);
    expect(stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('drops a next page that a refresh overtook', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1'), nextCursor: 'c1' });
    act(() => trigger('reachBottom')); // page 2 on its way …
    act(() => trigger('pullDownRefresh')); // … when the user pulls down
    const [more, first] = api.pending.splice(0, 2);
    await act(async () => first.resolve({ items: rows('9', '1'), nextCursor: 'c9' }));
    await act(async () => more.resolve({ items: rows('2'), nextCursor: null }));
    expect(shown()).toEqual(['成员9', '成员1']);
    expect(screen.getByText('上拉加载更多')).toBeTruthy();
  });

  it('keeps the rows when a refresh fails, and says why in a toast', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} />);
    await api.answer({ items: rows('1'), nextCursor: null });
    act(() => trigger('pullDownRefresh'));
    await api.answer(new ApiError(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'));
    expect(shown()).toEqual(['成员1']);
    expect(calls.toast).toEqual(['服务暂时不可用，请稍后再试']);
  });

  it('with refreshOnShow, loads again when the page is shown after being hidden (not on the first show)', async () => {
    const api = scriptedLoader();
    render(<List load={api.load} onShow />);
    act(() => trigger('show')); // the first show follows the mount: its load is already on its way
    expect(api.load).toHaveBeenCalledTimes(1);
    await api.answer({ items: rows('1'), nextCursor: null });
    act(() => trigger('hide'));
    act(() => trigger('show'));
    expect(api.load).toHaveBeenCalledTimes(2);
    await api.answer({ items: rows('2', '1'), nextCursor: null });
    expect(shown()).toEqual(['成员2', '成员1']);
  });

  it('loads nothing while disabled, and empties the list when it turns off', async () => {
    const api = scriptedLoader();
    const { rerender } = render(<List load={api.load} enabled={false} />);
    expect(api.load).not.toHaveBeenCalled();
    rerender(<List load={api.load} enabled />);
    await api.answer({ items: rows('1'), nextCursor: 'c1' });
    expect(shown()).toEqual(['成员1']);
    rerender(<List load={api.load} enabled={false} />);
    expect(shown()).toEqual([]);
    act(() => trigger('reachBottom'));
    expect(api.load).toHaveBeenCalledTimes(1);
  });
});
