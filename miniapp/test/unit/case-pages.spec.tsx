import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CaseDetail, CaseSummary } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import Taro from '@tarojs/taro';
import { __reset, __setRequest, calls } from '../shims/taro';
import { ok, requests as sent } from './support';
import CaseDetailPage from '../../src/packages/cases/pages/detail/index';
import MyCasesPage from '../../src/packages/cases/pages/list/index';
import RateCasePage from '../../src/packages/cases/pages/rate/index';
import MePage from '../../src/pages/me/index';
import { saveSession, sessionStore } from '../../src/stores/session';
import { trigger } from './taro-pages';

const mockRouter = { params: {} as Record<string, string> };
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('./taro-pages').taroWithPageHooks(),
  useRouter: () => mockRouter,
}));

const owner = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 7200,
  user: { id: 'u-owner', role: 'enterprise' as const, displayName: '周一', mustChangePassword: false },
  consentRequired: false,
};

function summary(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'c1',
    number: 'QS20261130-0007',
    type: 'complaint',
    source: 'miniapp',
    state: 'accepted',
    category: 'utilities',
    excerpt: '厂区停电三天了',
    createdAt: '2026-11-30T02:00:00.000Z',
    updatedAt: '2026-11-30T02:00:00.000Z',
    // 16:30 UTC on 2 Dec: 3 Dec in Shanghai (the device's own zone must not move it).
    expectedBy: '2026-12-02T16:30:00.000Z',
    paused: false,
    department: { id: 'd1', name: '市发展和改革局' },
    awaitingRating: false,
    ...over,
  };
}

function detail(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...summary(),
    content: '厂区停电三天了，影响生产',
    images: [],
    anonymous: false,
    messages: [],
    timeline: [
      {
        seq: 1,
        at: '2026-11-30T02:00:00.000Z',
        action: 'create',
        actor: { kind: 'enterprise', name: '湘潭示范科技有限公司' },
        from: null,
        to: 'submitted',
        reason: null,
        result: null,
        plan: null,
        nextReviewOn: null,
        extensionDays: null,
        toType: null,
        department: null,
      },
    ],
    extensions: [],
    nextReviewOn: null,
    rating: null,
    followUp: null,
    allowedActions: [],
    ...over,
  };
}

type Answer = { statusCode: number; data: unknown };
/** Answers by "METHOD path" (query included); anything else 404. */
function serve(routes: Record<string, Answer | ((body: unknown) => Answer)>) {
  __setRequest(async ({ url, method, data }) => {
    const key = `${method ?? 'GET'} ${String(url).replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } };
    return typeof route === 'function' ? route(data) : route;
  });
}
const bodyOf = (n: number) => {
  const d = calls.request[n].data;
  return typeof d === 'string' ? JSON.parse(d) : d;
};

/** Photos for the reply boxes: H5's chooseImage picks `paths`, each upload waits until the test finishes it. */
function photos(paths: string[]) {
  const tasks: { finish: (id: string) => Promise<void>; filePath: string }[] = [];
  const chooseImage = jest.fn(async () => ({ tempFilePaths: paths, tempFiles: [] }));
  const uploadFile = jest.fn(({ filePath }: { filePath: string }) => {
    let finish!: (a: { statusCode: number; data: string }) => void;
    const task = Object.assign(new Promise((r) => (finish = r)), {
      onProgressUpdate: () => undefined,
      abort: () => undefined,
    });
    tasks.push({
      filePath,
      finish: (id) =>
        act(async () => finish({ statusCode: 201, data: JSON.stringify({ id, contentType: 'image/jpeg', size: 1 }) })),
    });
    return task;
  });
  Object.assign(Taro, { chooseImage, uploadFile, previewImage: async () => undefined });
  return { chooseImage, uploadFile, tasks };
}
const tiles = (root: Element) =>
  Array.from(root.querySelectorAll('.image-picker__item')).map((t) => t.getAttribute('data-status'));
const refused = (fields: string[]): Answer => ({
  statusCode: 400,
  data: {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: '图片已被使用，请重新上传',
    details: fields.map((field) => ({ field, message: '图片已被使用，请重新上传' })),
  },
});

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  mockRouter.params = {};
  Object.assign(Taro, { getCurrentPages: () => [{}] });
});

describe('我的诉求 (list)', () => {
  it('signed out: no request, and 登录 comes back here', async () => {
    mockRouter.params = { filter: 'rate' };
    await act(async () => {
      render(<MyCasesPage />);
    });
    expect(calls.request).toHaveLength(0);
    fireEvent.click(screen.getByText('登录'));
    expect(calls.navigate).toEqual([`${PAGES.login}?redirect=${encodeURIComponent(`${PAGES.myCases}?filter=rate`)}`]);
  });

  it('shows each case with its type, number, state and the Shanghai date to expect an answer', async () => {
    saveSession(owner);
    serve({
      'GET /cases': ok({
        items: [
          summary(),
          summary({ id: 'c2', number: 'QS20261129-0001', type: 'consult', state: 'awaiting_enterprise', paused: true }),
          summary({ id: 'c3', state: 'resolved', expectedBy: null, awaitingRating: true }),
        ],
        nextCursor: null,
      }),
    });
    const { container } = await act(async () => render(<MyCasesPage />));
    expect(sent()).toEqual(['GET /cases']);
    const rows = Array.from(container.querySelectorAll('.my-cases__item'));
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['c1', 'c2', 'c3']);
    expect(rows[0].textContent).toContain('投诉');
    expect(rows[0].textContent).toContain('QS20261130-0007');
    expect(rows[0].textContent).toContain('办理中');
    expect(rows[0].textContent).toContain('预计 12月3日前答复');
    expect(rows[1].textContent).toContain('待补充材料');
    expect(rows[1].textContent).not.toContain('预计');
    expect(rows[2].textContent).toContain('已办结');
    expect(rows[0].querySelector('.my-cases__rate')).toBeNull();

    fireEvent.click(screen.getByText('去评价'));
    expect(calls.navigate).toEqual([`${PAGES.caseRate}?id=c3`]);
    fireEvent.click(rows[1].querySelector('.my-cases__link')!);
    expect(calls.navigate[1]).toBe(`${PAGES.caseDetail}?id=c2`);
  });

  it('maps the tabs to state filters; ?filter=rate opens 待评价; shown again, it reloads', async () => {
    saveSession(owner);
    mockRouter.params = { filter: 'rate' };
    serve({
      'GET /cases?state=resolved': ok({
        items: [summary({ state: 'resolved', awaitingRating: true })],
        nextCursor: null,
      }),
      'GET /cases?stage=active': ok({ items: [], nextCursor: null }),
      'GET /cases?stage=finished': ok({ items: [], nextCursor: null }),
      'GET /cases': ok({ items: [], nextCursor: null }),
    });
    const { container } = await act(async () => render(<MyCasesPage />));
    expect(container.querySelector('.my-cases__tab--active')?.textContent).toBe('待评价');
    for (const label of ['办理中', '已完结', '全部']) {
      await act(async () => {
        fireEvent.click(screen.getByText(label, { selector: '.my-cases__tab' }));
      });
    }
    await act(async () => {
      trigger('hide');
      trigger('show');
    });
    expect(sent()).toEqual([
      'GET /cases?state=resolved',
      'GET /cases?stage=active',
      'GET /cases?stage=finished',
      'GET /cases',
      'GET /cases',
    ]);
  });

  it('empty: offers 我要咨询 and 我要投诉', async () => {
    saveSession(owner);
    serve({ 'GET /cases': ok({ items: [], nextCursor: null }) });
    await act(async () => {
      render(<MyCasesPage />);
    });
    expect(screen.getByText('您还没有提交过诉求')).toBeTruthy();
    fireEvent.click(screen.getByText('我要咨询'));
    fireEvent.click(screen.getByText('我要投诉'));
    expect(calls.navigate).toEqual([`${PAGES.caseNew}?type=consult`, `${PAGES.caseNew}?type=complaint`]);
  });
});

describe('诉求详情', () => {
  it('loads with one request and shows header, extensions, content, timeline and conversation', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(
        detail({
          extensions: [{ at: '2026-12-01T02:00:00.000Z', days: 3, reason: '需要现场核查' }],
          messages: [
            {
              id: 'm1',
              at: '2026-11-30T03:00:00.000Z',
              author: { kind: 'staff', name: '王管家' },
              content: '已联系供电公司',
              images: [],
            },
          ],
        }),
      ),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    expect(sent()).toEqual(['GET /cases/c1']);
    const header = container.querySelector('.case-detail__header')!.textContent;
    expect(header).toContain('QS20261130-0007');
    expect(header).toContain('办理中');
    expect(header).toContain('水电气网');
    expect(header).toContain('市发展和改革局');
    expect(header).toContain('预计 12月3日前答复');
    expect(header).toContain('延期 3 个工作日：需要现场核查');
    expect(screen.getByText('厂区停电三天了，影响生产')).toBeTruthy();
    expect(container.querySelectorAll('.case-timeline__entry')).toHaveLength(1);
    expect(screen.getByText('已联系供电公司')).toBeTruthy();
    // Nothing to supplement, nothing to rate.
    expect(container.querySelector('.case-detail__supplement')).toBeNull();
    expect(screen.queryByText('评价')).toBeNull();
  });

  it('downloads the case’s images only after the case is on screen (its first render waits for one request)', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const downloads: string[] = [];
    Object.assign(Taro, {
      downloadFile: async ({ url }: { url: string }) => {
        downloads.push(url);
        return { statusCode: 200, tempFilePath: `blob:${url}` };
      },
    });
    serve({
      'GET /cases/c1': ok(
        detail({
          images: [
            { id: 'f1', url: '/api/v1/cases/c1/images/f1' },
            { id: 'f2', url: '/api/v1/cases/c1/images/f2' },
          ],
        }),
      ),
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    try {
      const { container } = render(<CaseDetailPage />);
      await act(async () => {
        for (let i = 0; i < 20; i++) await Promise.resolve();
      });
      // The case is on screen, its images as grey boxes, nothing downloaded yet.
      expect(screen.getByText('厂区停电三天了，影响生产')).toBeTruthy();
      expect(container.querySelectorAll('.case-detail__images .case-detail__image--pending')).toHaveLength(2);
      expect(downloads).toEqual([]);
      await act(async () => {
        jest.advanceTimersByTime(1);
        for (let i = 0; i < 20; i++) await Promise.resolve();
      });
      expect(downloads).toEqual(['/api/v1/cases/c1/images/f1', '/api/v1/cases/c1/images/f2']);
      expect(container.querySelectorAll('.case-detail__images img')).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
    expect(sent()).toEqual(['GET /cases/c1']);
  });

  it('404: 诉求不存在或无权查看, with a way back', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c-other' };
    serve({});
    await act(async () => {
      render(<CaseDetailPage />);
    });
    expect(screen.getByText('诉求不存在或无权查看')).toBeTruthy();
    fireEvent.click(screen.getByText('查看我的诉求'));
    expect(calls.navigate).toEqual([PAGES.myCases]);
  });

  it('sends a reply and shows the case the server answers', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': (body) =>
        ok(
          detail({
            updatedAt: '2026-11-30T04:00:00.000Z',
            messages: [
              {
                id: 'm9',
                at: '2026-11-30T04:00:00.000Z',
                author: { kind: 'enterprise', name: null },
                content: (body as { content: string }).content,
                images: [],
              },
            ],
          }),
        ),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    fireEvent.click(screen.getByText('发送留言'));
    expect(screen.getByText('请输入留言内容')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('留言内容'), { target: { value: '  今天又停了  ' } });
    await act(async () => {
      fireEvent.click(screen.getByText('发送留言'));
    });
    expect(bodyOf(1)).toEqual({ content: '今天又停了' });
    const mine = container.querySelector('.case-messages__item--mine');
    expect(mine?.textContent).toContain('今天又停了');
    expect((screen.getByLabelText('留言内容') as HTMLTextAreaElement).value).toBe('');
    expect(calls.toast).toContain('留言已发送');
  });

  it('a reply carries its photos: sending waits for the uploads, ids in order, text and photos cleared after', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const p = photos(['blob:a', 'blob:b']);
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': (body) =>
        ok(
          detail({
            messages: [
              {
                id: 'm9',
                at: '2026-11-30T04:00:00.000Z',
                author: { kind: 'enterprise', name: null },
                content: (body as { content: string }).content,
                images: (body as { images: string[] }).images.map((id) => ({
                  id,
                  url: `/api/v1/cases/c1/images/${id}`,
                })),
              },
            ],
          }),
        ),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    const box = container.querySelector('.case-detail__reply')!;
    const picker = box.querySelector('.case-detail__reply-images')!;
    const send = () => box.querySelector('.case-detail__reply-send') as HTMLButtonElement;
    // The picker asks nothing of the server until it is used.
    expect(sent()).toEqual(['GET /cases/c1']);
    expect(p.uploadFile).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('留言内容'), { target: { value: '现场照片' } });
    fireEvent.click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(2));
    expect(p.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }));
    expect(send().disabled).toBe(true);
    expect(send().textContent).toBe('图片上传中…');
    await act(async () => {
      fireEvent.click(send());
    });
    expect(sent()).toEqual(['GET /cases/c1']); // nothing sent while an upload runs

    await p.tasks[1].finish('f-b'); // the second finishes first: the order is still the order on screen
    expect(send().disabled).toBe(true);
    await p.tasks[0].finish('f-a');
    expect(send().disabled).toBe(false);
    expect(tiles(picker)).toEqual(['done', 'done']);
    await act(async () => {
      fireEvent.click(send());
    });
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/messages']);
    expect(bodyOf(1)).toEqual({ content: '现场照片', images: ['f-a', 'f-b'] });
    expect((screen.getByLabelText('留言内容') as HTMLTextAreaElement).value).toBe('');
    expect(tiles(picker)).toEqual([]);
    const mine = container.querySelector('.case-messages__item--mine')!;
    expect(mine.querySelectorAll('.case-messages__image')).toHaveLength(2);
  });

  it('a photo the server refuses (images[i]) is marked on that photo and the text stays; 重试 then sends again', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const p = photos(['blob:a', 'blob:b', 'blob:c']);
    let posts = 0;
    serve({
      'GET /cases/c1': ok(detail()),
      'POST /cases/c1/messages': () => (++posts === 1 ? refused(['images[0]', 'images[2]']) : ok(detail())),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    const picker = container.querySelector('.case-detail__reply-images')!;
    fireEvent.change(screen.getByLabelText('留言内容'), { target: { value: '三张照片' } });
    fireEvent.click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(3));
    for (const [i, t] of p.tasks.entries()) await t.finish(`f${i}`);
    await act(async () => {
      fireEvent.click(screen.getByText('发送留言'));
    });
    expect(bodyOf(1)).toEqual({ content: '三张照片', images: ['f0', 'f1', 'f2'] });
    // The first and the third are marked, not the second; the text is kept.
    expect(tiles(picker)).toEqual(['failed', 'done', 'failed']);
    expect(picker.querySelectorAll('.image-picker__error')).toHaveLength(2);
    expect(picker.querySelector('.image-picker__form-error')!.textContent).toBe('图片已被使用，请重新上传');
    expect((screen.getByLabelText('留言内容') as HTMLTextAreaElement).value).toBe('三张照片');
    expect(container.querySelector('.case-detail__reply-error')).toBeNull();

    // Not sent while a photo stays failed.
    await act(async () => {
      fireEvent.click(screen.getByText('发送留言'));
    });
    expect(posts).toBe(1);
    expect(picker.querySelector('.image-picker__form-error')!.textContent).toBe(
      '有图片上传失败，请点「重试」或删除后再发送',
    );

    fireEvent.click(picker.querySelectorAll('.image-picker__remove')[2]);
    fireEvent.click(picker.querySelector('.image-picker__retry')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(4));
    expect(p.tasks[3].filePath).toBe('blob:a');
    await p.tasks[3].finish('f3');
    expect(picker.querySelector('.image-picker__form-error')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByText('发送留言'));
    });
    expect(posts).toBe(2);
    expect(bodyOf(2)).toEqual({ content: '三张照片', images: ['f3', 'f1'] });
    expect(tiles(picker)).toEqual([]);
  });

  it('补充材料 with photos: the photos go as a message first, then the supplement; a failed supplement keeps them', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const p = photos(['blob:bill']);
    const waiting = detail({ state: 'awaiting_enterprise', paused: true, allowedActions: ['supplement'] });
    const message = (body: unknown) => ({
      id: 'm9',
      at: '2026-12-01T00:00:00.000Z',
      author: { kind: 'enterprise' as const, name: null },
      content: (body as { content: string }).content,
      images: [{ id: 'f-bill', url: '/api/v1/cases/c1/images/f-bill' }],
    });
    let transitions = 0;
    serve({
      'GET /cases/c1': ok(waiting),
      'POST /cases/c1/messages': (body) => ok({ ...waiting, messages: [message(body)] }),
      'POST /cases/c1/transitions': () =>
        ++transitions === 1
          ? { statusCode: 500, data: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' } }
          : ok(detail({ state: 'accepted', messages: [message({ content: '电费单见图' })] })),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    expect(sent()).toEqual(['GET /cases/c1']);
    const box = container.querySelector('.case-detail__supplement')!;
    const picker = box.querySelector('.case-detail__supplement-images')!;
    fireEvent.change(screen.getByLabelText('补充说明'), { target: { value: ' 电费单见图 ' } });
    fireEvent.click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(1));
    expect((box.querySelector('.case-detail__supplement-send') as HTMLButtonElement).disabled).toBe(true);
    await p.tasks[0].finish('f-bill');
    await act(async () => {
      fireEvent.click(screen.getByText('提交补充材料'));
    });
    expect(sent().slice(1, 3)).toEqual(['POST /cases/c1/messages', 'POST /cases/c1/transitions']);
    expect(bodyOf(1)).toEqual({ content: '电费单见图', images: ['f-bill'] });
    expect(bodyOf(2)).toEqual({ action: 'supplement', reason: '电费单见图' });
    // The supplement failed: the photos are in 沟通记录 and out of the box, the text stays to send again.
    expect(box.querySelector('.case-detail__supplement-error')!.textContent).toContain('图片已发送到沟通记录');
    expect(box.querySelector('.case-detail__supplement-error')!.textContent).toContain('服务器开小差了');
    expect(container.querySelectorAll('.case-detail__conversation .case-messages__image')).toHaveLength(1);
    expect(tiles(picker)).toEqual([]);
    expect((screen.getByLabelText('补充说明') as HTMLTextAreaElement).value).toBe(' 电费单见图 ');

    const before = sent().length;
    await act(async () => {
      fireEvent.click(screen.getByText('提交补充材料'));
    });
    expect(sent().slice(before)).toEqual(['POST /cases/c1/transitions']); // the photos are not sent twice
    expect(bodyOf(before)).toEqual({ action: 'supplement', reason: '电费单见图' });
    expect(container.querySelector('.case-detail__supplement')).toBeNull();
    expect(container.querySelector('.case-detail__state')!.textContent).toBe('办理中');
  });

  it('补充材料: a refused photo stops it before the supplement, marked on that photo', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const p = photos(['blob:bill']);
    serve({
      'GET /cases/c1': ok(detail({ state: 'awaiting_enterprise', paused: true, allowedActions: ['supplement'] })),
      'POST /cases/c1/messages': () => refused(['images[0]']),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    const picker = container.querySelector('.case-detail__supplement-images')!;
    fireEvent.change(screen.getByLabelText('补充说明'), { target: { value: '电费单见图' } });
    fireEvent.click(picker.querySelector('.image-picker__add')!);
    await waitFor(() => expect(p.uploadFile).toHaveBeenCalledTimes(1));
    await p.tasks[0].finish('f-old');
    await act(async () => {
      fireEvent.click(screen.getByText('提交补充材料'));
    });
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/messages']);
    expect(tiles(picker)).toEqual(['failed']);
    expect(picker.textContent).toContain('图片已被使用，请重新上传');
    expect((screen.getByLabelText('补充说明') as HTMLTextAreaElement).value).toBe('电费单见图');
    expect(container.querySelector('.case-detail__supplement')).not.toBeNull();
  });

  it('补充材料: shows what was asked last, sends the supplement as the enterprise’s transition', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    const asked = (seq: number, reason: string) => ({
      ...detail().timeline[0],
      seq,
      action: 'request_info' as const,
      actor: { kind: 'butler' as const, name: '王管家' },
      from: 'accepted' as const,
      to: 'awaiting_enterprise' as const,
      reason,
    });
    serve({
      'GET /cases/c1': ok(
        detail({
          state: 'awaiting_enterprise',
          paused: true,
          allowedActions: ['supplement'],
          timeline: [...detail().timeline, asked(2, '营业执照'), asked(3, '近三个月电费单')],
        }),
      ),
      'POST /cases/c1/transitions': ok(detail({ state: 'accepted', updatedAt: '2026-12-01T00:00:00.000Z' })),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    const box = container.querySelector('.case-detail__supplement')!;
    expect(box.textContent).toContain('工作人员请您补充：近三个月电费单');
    expect(container.querySelector('.case-detail__header')!.textContent).toContain('待补充材料，补充后继续计时');
    fireEvent.change(screen.getByLabelText('补充说明'), { target: { value: '电费单已通过留言说明' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交补充材料'));
    });
    expect(sent()[1]).toBe('POST /cases/c1/transitions');
    expect(bodyOf(1)).toEqual({ action: 'supplement', reason: '电费单已通过留言说明' });
    expect(container.querySelector('.case-detail__supplement')).toBeNull();
    expect(container.querySelector('.case-detail__state')!.textContent).toBe('办理中');
  });

  it('a resolved case offers 评价; a given rating shows, voided on appeal; the follow-up is rated in place', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(detail({ state: 'resolved', expectedBy: null, awaitingRating: true })),
    });
    const first = await act(async () => render(<CaseDetailPage />));
    fireEvent.click(screen.getByText('评价'));
    expect(calls.navigate).toEqual([`${PAGES.caseRate}?id=c1`]);
    first.unmount();
    calls.request.length = 0;

    serve({
      'GET /cases/c1': ok(
        detail({
          state: 'closed',
          expectedBy: null,
          rating: { level: 2, tags: ['响应慢'], comment: '拖了很久', at: '2026-12-05T02:00:00.000Z', voided: true },
          followUp: {
            id: 'f1',
            dueAt: '2026-12-12T15:59:59.999Z',
            contactMethod: 'phone',
            contactedAt: '2026-12-08T02:00:00.000Z',
            outcome: '已当面致歉',
            rectification: '安排专人跟进',
            rating: null,
          },
        }),
      ),
      'POST /follow-ups/f1/rating': ok({
        id: 'f1',
        dueAt: '2026-12-12T15:59:59.999Z',
        contactMethod: 'phone',
        contactedAt: '2026-12-08T02:00:00.000Z',
        outcome: '已当面致歉',
        rectification: '安排专人跟进',
        rating: 'basically_satisfied',
      }),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    const rating = container.querySelector('.case-detail__rating')!.textContent;
    expect(rating).toContain('不满意');
    expect(rating).toContain('响应慢');
    expect(rating).toContain('拖了很久');
    expect(rating).toContain('该评价已复核撤销');
    const followUp = container.querySelector('.case-detail__follow-up')!;
    expect(followUp.textContent).toContain('电话回访');
    expect(followUp.textContent).toContain('已当面致歉');
    expect(followUp.textContent).toContain('安排专人跟进');
    expect(container.querySelector('.case-detail__reply')).toBeNull(); // closed: no reply box
    await act(async () => {
      fireEvent.click(screen.getByText('基本满意'));
    });
    expect(sent()[1]).toBe('POST /follow-ups/f1/rating');
    expect(bodyOf(1)).toEqual({ rating: 'basically_satisfied' });
    expect(container.querySelector('.case-detail__fix-btn')).toBeNull();
    expect(followUp.textContent).toContain('您对整改的评价：基本满意');
  });

  it('a follow-up not yet recorded shows its due date and no rating buttons', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(
        detail({
          state: 'closed',
          rating: { level: 1, tags: [], comment: null, at: '2026-12-05T02:00:00.000Z', voided: false },
          followUp: {
            id: 'f1',
            dueAt: '2026-12-12T15:59:59.999Z',
            contactMethod: null,
            contactedAt: null,
            outcome: null,
            rectification: null,
            rating: null,
          },
        }),
      ),
    });
    const { container } = await act(async () => render(<CaseDetailPage />));
    expect(container.querySelector('.case-detail__follow-up')!.textContent).toContain('主管将于 2026年12月12日 前');
    expect(container.querySelector('.case-detail__fix-btn')).toBeNull();
    expect(screen.queryByText('该评价已复核撤销')).toBeNull();
  });
});

describe('评价', () => {
  it('five levels; good tags for 4–5, bad for 1–2, none for 3; posts level, tags and comment; back to the case', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    Object.assign(Taro, {
      getCurrentPages: () => [{ route: 'pages/x' }, { route: 'packages/cases/pages/detail/index' }, {}],
    });
    serve({
      'GET /cases/c1': ok(detail({ state: 'resolved', awaitingRating: true })),
      'POST /cases/c1/rating': ok(detail({ state: 'closed' })),
    });
    const { container } = await act(async () => render(<RateCasePage />));
    const levels = Array.from(container.querySelectorAll('.case-rate__level')).map((l) => l.textContent);
    expect(levels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(container.textContent).toContain('承办管家看不到评价人的身份');

    fireEvent.click(screen.getByText('提交评价'));
    expect(screen.getByText('请选择评价等级')).toBeTruthy();
    expect(sent()).toEqual(['GET /cases/c1']);

    fireEvent.click(screen.getByText('满意'));
    expect(container.querySelectorAll('.case-rate__tag')).toHaveLength(5);
    fireEvent.click(screen.getByText('响应及时'));
    fireEvent.click(screen.getByText('基本满意'));
    expect(container.querySelectorAll('.case-rate__tag')).toHaveLength(0);
    fireEvent.click(screen.getByText('不满意'));
    const tags = Array.from(container.querySelectorAll('.case-rate__tag')).map((t) => t.textContent);
    expect(tags).toContain('推诿扯皮');
    expect(tags).not.toContain('响应及时');
    fireEvent.click(screen.getByText('推诿扯皮'));
    fireEvent.change(screen.getByLabelText('评价内容'), { target: { value: 'x'.repeat(600) } });
    expect(container.textContent).toContain('500/500');
    fireEvent.change(screen.getByLabelText('评价内容'), { target: { value: ' 跑了三趟 ' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'));
    });
    expect(sent()).toEqual(['GET /cases/c1', 'POST /cases/c1/rating']);
    expect(bodyOf(1)).toEqual({ level: 2, tags: ['推诿扯皮'], comment: '跑了三趟' });
    expect(calls.request[1].header['Idempotency-Key']).toBeTruthy();
    expect(calls.navigate).toEqual(['back']);
    expect(calls.toast).toEqual(['评价成功，感谢您的反馈']);
  });

  it('a case already rated (a second submit) leads to the case instead of an error', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(detail({ state: 'resolved', awaitingRating: true })),
      'POST /cases/c1/rating': { statusCode: 409, data: { code: 'CASE_ALREADY_RATED', message: '该诉求已评价过' } },
    });
    await act(async () => {
      render(<RateCasePage />);
    });
    fireEvent.click(screen.getByText('非常满意'));
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'));
    });
    expect(calls.navigate).toEqual([`${PAGES.caseDetail}?id=c1`]);
    expect(calls.toast).toEqual(['该诉求已评价过']);
  });

  it('a case that no longer waits for a rating says so', async () => {
    saveSession(owner);
    mockRouter.params = { id: 'c1' };
    serve({
      'GET /cases/c1': ok(
        detail({
          state: 'closed',
          rating: { level: 5, tags: [], comment: null, at: '2026-12-05T02:00:00.000Z', voided: false },
        }),
      ),
    });
    await act(async () => {
      render(<RateCasePage />);
    });
    expect(screen.getByText('该诉求已评价')).toBeTruthy();
    expect(screen.queryByText('提交评价')).toBeNull();
  });
});

describe('我的 → 我的诉求', () => {
  const me = (membership: unknown) => ({
    id: 'u-owner',
    role: 'enterprise',
    nickname: '周一',
    phone: null,
    largeFont: false,
    consentVersion: '1',
    consentRequired: false,
    membership,
    department: null,
    mustChangePassword: false,
  });
  const approved = {
    role: 'owner',
    status: 'approved',
    enterprise: {
      id: 'e1',
      name: '湘潭示范科技有限公司',
      creditCode: '91430300MA4L000000',
      scale: null,
      district: null,
    },
  };
  const counts = { resolved: 2, open: 3, mine: 3 };

  it('an approved member sees 我的诉求 with the count waiting for a rating, asked only after the profile', async () => {
    saveSession(owner);
    serve({
      'GET /me': ok(me(approved)),
      'GET /me/butler': ok({ id: 'b1', name: '王管家', department: null, specialties: [], phone: null }),
      'GET /cases/counts': ok(counts),
    });
    await act(async () => {
      render(<MePage />);
    });
    expect(sent()[0]).toBe('GET /me');
    expect(sent().slice(1).sort()).toEqual(['GET /cases/counts', 'GET /me/butler']);
    expect(screen.getByText('2 件待评价')).toBeTruthy();
    fireEvent.click(screen.getByText('我的诉求'));
    expect(calls.navigate).toEqual([`${PAGES.myCases}?filter=rate`]);
  });

  it('the butler card asks the butler directly: 向TA咨询 opens the consultation form addressed to them', async () => {
    saveSession(owner);
    serve({
      'GET /me': ok(me(approved)),
      'GET /me/butler': ok({ id: 'b1', name: '王管家', department: '市发改委', specialties: [], phone: null }),
      'GET /cases/counts': ok(counts),
    });
    await act(async () => {
      render(<MePage />);
    });
    fireEvent.click(screen.getByText('向TA咨询'));
    expect(calls.navigate).toEqual([
      `${PAGES.caseNew}?type=consult&butlerId=b1&butlerName=${encodeURIComponent('王管家')}`,
    ]);
  });

  it('nothing waiting: no badge, the entry opens the whole list', async () => {
    saveSession(owner);
    serve({ 'GET /me': ok(me(approved)), 'GET /cases/counts': ok({ ...counts, resolved: 0 }) });
    await act(async () => {
      render(<MePage />);
    });
    expect(screen.queryByText(/件待评价/)).toBeNull();
    fireEvent.click(screen.getByText('我的诉求'));
    expect(calls.navigate).toEqual([PAGES.myCases]);
  });

  it('no enterprise yet: no 我的诉求 and no count request', async () => {
    saveSession(owner);
    serve({ 'GET /me': ok(me(null)) });
    await act(async () => {
      render(<MePage />);
    });
    expect(screen.queryByText('我的诉求')).toBeNull();
    expect(sent()).toEqual(['GET /me']);
  });
});
