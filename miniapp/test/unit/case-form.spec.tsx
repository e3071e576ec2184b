import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PAGES } from '@qsgj/shared/pages';
import { __reset, __setRequest, calls } from '../shims/taro';
import CaseNewPage from '../../src/packages/cases/pages/new/index';
import { textLength } from '../../src/packages/cases/pages/new/case-limits';
import Home from '../../src/pages/index/index';
import { onlineStore } from '../../src/stores/network';
import { clearSession, saveSession, sessionStore } from '../../src/stores/session';

/** The page's query, as WeChat hands it over (values not decoded). */
const mockRouter: { params: Record<string, string> } = { params: {} };
const mockPlatform = { weapp: false };

jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const Taro = {
    ...base.default,
    chooseImage: jest.fn(),
    chooseMedia: jest.fn(),
    compressImage: jest.fn(),
    uploadFile: jest.fn(),
    previewImage: jest.fn(async () => undefined),
    setNavigationBarTitle: jest.fn(async () => undefined),
  };
  return { ...base, default: Taro, useRouter: () => ({ params: mockRouter.params }) };
});

jest.mock('../../src/utils/platform', () => ({
  get IS_WEAPP() {
    return mockPlatform.weapp;
  },
}));

const T = Taro as unknown as Record<string, jest.Mock>;

const USER_ID = '5f0c6d1e-7a1b-4c2d-9e3f-000000000001';
const BUTLER_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000b1';
const POLICY_ID = '5f0c6d1e-7a1b-4c2d-9e3f-0000000000a1';

function signIn(role: 'enterprise' | 'butler' = 'enterprise') {
  saveSession({
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 7200,
    user: { id: USER_ID, role, displayName: '周一', mustChangePassword: false },
    consentRequired: false,
  });
}

type Membership = null | { status: 'approved' | 'pending' | 'rejected' };
const me = (membership: Membership) => ({
  id: USER_ID,
  role: 'enterprise',
  nickname: '周一',
  phone: null,
  largeFont: false,
  consentVersion: '2026-01',
  consentRequired: false,
  membership: membership && {
    role: 'owner',
    status: membership.status,
    enterprise: {
      id: 'e-1',
      creditCode: '91430300MA4L000001',
      name: '湘潭示范科技有限公司',
      scale: null,
      district: null,
    },
  },
  department: null,
  mustChangePassword: false,
});

interface StoredDraft {
  userId: string;
  key: string;
  content: string;
  category: string | null;
  anonymous: boolean;
  images: { id: string; path: string; uploadedAt: number }[];
}

type Answer = { statusCode: number; data: unknown; header?: Record<string, string> };
type Handler = (o: Record<string, unknown>) => Answer | Promise<Answer>;

/** A scripted server: `METHOD /path` → answer; `/me` answers an approved owner unless told otherwise. */
function server(routes: Record<string, Handler>) {
  __setRequest(async (o) => {
    const path = String(o.url).replace(/^\/api\/v1/, '');
    const handler =
      routes[`${o.method} ${path}`] ??
      (path === '/me' ? () => ({ statusCode: 200, data: me({ status: 'approved' }) }) : undefined);
    if (!handler) return { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } };
    return handler(o);
  });
}

const created = (over: Record<string, unknown> = {}) => ({
  statusCode: 201,
  data: { id: 'c-1', number: 'QS20261130-0007', type: 'consult', state: 'submitted', ...over },
});

const caseRequests = () => calls.request.filter((r) => r.method === 'POST' && String(r.url).endsWith('/cases'));

/** Opens the page and lets its first requests (`/me`) answer. */
async function open(params: Record<string, string>) {
  mockRouter.params = params;
  const view = render(<CaseNewPage />);
  await act(() => new Promise((r) => setTimeout(r, 0)));
  return view;
}

const textarea = () => document.querySelector('.case-form__text') as HTMLTextAreaElement;
const submitButton = () => document.querySelector('.case-form__submit') as HTMLButtonElement;
const type = (value: string) => fireEvent.change(textarea(), { target: { value } });
const storedDraft = (t = 'consult') => Taro.getStorageSync(`qsgj.caseDraft.${t}`) as StoredDraft;

/** An upload the test finishes when it wants, reporting progress as WeChat's UploadTask does. */
function deferredUpload() {
  let progress: ((p: { progress: number }) => void) | undefined;
  let finish!: (a: { statusCode: number; data: string }) => void;
  let fail!: (e: { errMsg: string }) => void;
  const promise = new Promise<{ statusCode: number; data: string }>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const task = Object.assign(promise, {
    onProgressUpdate: (cb: (p: { progress: number }) => void) => void (progress = cb),
    abort: jest.fn(),
  });
  return {
    task,
    progress: (n: number) => act(() => progress?.({ progress: n })),
    finish: (statusCode: number, body: unknown) => act(async () => finish({ statusCode, data: JSON.stringify(body) })),
    fail: (errMsg: string) => act(async () => fail({ errMsg })),
  };
}

const fileId = (n: number) => `0b6f7f38-8c35-4f57-9b0c-6f1b8a0d2c${String(n).padStart(2, '0')}`;

beforeEach(() => {
  __reset();
  clearSession();
  onlineStore.set(true);
  mockPlatform.weapp = false;
  for (const name of ['chooseImage', 'chooseMedia', 'compressImage', 'uploadFile']) T[name].mockReset();
  T.previewImage.mockClear();
  T.setNavigationBarTitle.mockClear();
});
afterEach(cleanup);

describe('咨询 / 投诉 form: who may use it', () => {
  it('sends a signed-out visitor to sign in, with this page and its whole query to come back to', async () => {
    server({});
    // WeChat passes the butler's name encoded, as the link made it.
    await open({ type: 'consult', butlerId: BUTLER_ID, butlerName: encodeURIComponent('王强') });
    await waitFor(() => expect(calls.navigate).toHaveLength(1));
    const back = `${PAGES.caseNew}?type=consult&butlerId=${BUTLER_ID}&butlerName=${encodeURIComponent('王强')}`;
    expect(calls.navigate[0]).toBe(`${PAGES.login}?redirect=${encodeURIComponent(back)}`);
    expect(screen.getByText('请先登录')).toBeTruthy();
    // Sign-in decodes `redirect` once and opens it: the same page, the same butler.
    const redirect = decodeURIComponent(calls.navigate[0].split('redirect=')[1]);
    expect(redirect).toBe(back);
    expect(calls.request).toHaveLength(0);
  });

  it('tells a user without an enterprise to bind one first, and offers 绑定企业', async () => {
    signIn();
    server({ 'GET /me': () => ({ statusCode: 200, data: me(null) }) });
    await open({ type: 'complaint' });
    await screen.findByText('请先绑定企业');
    expect(document.querySelector('.case-form__text')).toBeNull();
    fireEvent.click(screen.getByText('绑定企业'));
    expect(calls.navigate.at(-1)).toBe(PAGES.bind);
  });

  it('says that a pending binding waits for approval', async () => {
    signIn();
    server({ 'GET /me': () => ({ statusCode: 200, data: me({ status: 'pending' }) }) });
    await open({ type: 'consult' });
    await screen.findByText('企业绑定审核中');
    expect(document.querySelector('.case-form__submit')).toBeNull();
  });

  it('does not offer the form to staff', async () => {
    signIn('butler');
    server({});
    await open({ type: 'consult' });
    expect(screen.getByText('管家账号不能提交咨询')).toBeTruthy();
    expect(calls.request).toHaveLength(0);
  });

  it('says so for a link without a known type', async () => {
    signIn();
    server({});
    await open({ type: 'praise' });
    expect(screen.getByText('链接有误：请从首页的「咨询」或「投诉」进入')).toBeTruthy();
  });
});

describe('咨询 / 投诉 form: fields and submit', () => {
  it('submits a 咨询 addressed to a butler: trimmed text, category, butlerId, policyId and the key made on open', async () => {
    signIn();
    server({ 'POST /cases': () => created() });
    await open({ type: 'consult', butlerId: BUTLER_ID, butlerName: encodeURIComponent('王强'), policyId: POLICY_ID });
    expect(screen.getByText('向 王强 咨询')).toBeTruthy();
    expect(T.setNavigationBarTitle).toHaveBeenCalledWith({ title: '咨询' });
    await waitFor(() => expect(storedDraft()?.key).toBeTruthy());
    const key = storedDraft().key as string;

    // The category is optional: 不确定 until one is picked.
    expect(screen.getByText('不确定，由管家分类')).toBeTruthy();
    fireEvent.click(document.querySelector('.case-form__category')!);
    fireEvent.click(document.querySelector('.case-form__category-option[data-code="innovation"]')!);
    expect(document.querySelector('.case-form__category-value')!.textContent).toBe('科技创新');

    type('  想了解高新技术企业认定的条件  ');
    fireEvent.click(submitButton());

    await waitFor(() => expect(calls.navigate).toEqual([`${PAGES.caseDetail}?id=c-1`]));
    const [req] = caseRequests();
    expect(req.header['Idempotency-Key']).toBe(key);
    expect(req.header.Authorization).toBe('Bearer access-1');
    expect(req.data).toEqual({
      type: 'consult',
      content: '想了解高新技术企业认定的条件',
      category: 'innovation',
      butlerId: BUTLER_ID,
      policyId: POLICY_ID,
    });
    expect(calls.toast).toEqual(['已提交，编号 QS20261130-0007']);
    // Cleared after success: the next form starts afresh.
    expect(Taro.getStorageSync('qsgj.caseDraft.consult')).toBe('');
  });

  it('counts characters as the server does (an emoji is one) and refuses empty or over-long text here', async () => {
    signIn();
    server({ 'POST /cases': () => created() });
    await open({ type: 'consult' });
    const count = () => document.querySelector('.case-form__count')!;
    expect(count().textContent).toBe('0/2000');
    type('营商😀环境');
    expect(count().textContent).toBe('5/2000');

    type('   ');
    fireEvent.click(submitButton());
    expect(document.querySelector('.case-form__text-error')!.textContent).toBe('请描述您的问题');

    type('问'.repeat(1999) + '😀😀');
    expect(count().textContent).toBe('2001/2000');
    expect(count().className).toContain('case-form__count--over');
    fireEvent.click(submitButton());
    expect(document.querySelector('.case-form__text-error')!.textContent).toBe('内容不能超过 2000 个字');
    await act(async () => undefined);
    expect(caseRequests()).toHaveLength(0);

    type('问'.repeat(1998) + '😀😀');
    expect(count().textContent).toBe('2000/2000');
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
  });

  it('sends the anonymity of a complaint, and never a butler with one', async () => {
    signIn();
    server({ 'POST /cases': () => created({ type: 'complaint' }) });
    await open({ type: 'complaint', butlerId: BUTLER_ID });
    expect(screen.queryByText(/咨询$/)).toBeNull();
    expect(screen.getByText(/被投诉部门只看到「匿名企业」/)).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: '对被投诉部门隐藏企业身份' }));
    type('审批窗口多次要求重复提交同一份材料');
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
    expect(caseRequests()[0].data).toEqual({
      type: 'complaint',
      content: '审批窗口多次要求重复提交同一份材料',
      anonymous: true,
    });
  });

  it('shows the server’s message beside the field it names, and keeps the text', async () => {
    signIn();
    server({
      'POST /cases': () => ({
        statusCode: 400,
        data: {
          statusCode: 400,
          code: 'CONTENT_RISKY',
          message: '内容含有违规信息，请修改后再提交',
          details: [{ field: 'content', message: '内容含有违规信息，请修改后再提交' }],
          requestId: 'r-1',
        },
      }),
    });
    await open({ type: 'consult' });
    type('违禁词');
    fireEvent.click(submitButton());
    expect(await screen.findByText('内容含有违规信息，请修改后再提交')).toBeTruthy();
    expect(document.querySelector('.case-form__text-error')!.textContent).toBe('内容含有违规信息，请修改后再提交');
    expect(textarea().value).toBe('违禁词');
    expect(calls.navigate).toEqual([]);
  });

  it('offers 绑定企业 when the server says the enterprise is not bound (403)', async () => {
    signIn();
    server({
      'POST /cases': () => ({
        statusCode: 403,
        data: { code: 'ENTERPRISE_NOT_BOUND', message: '您还没有绑定企业，或绑定申请尚未通过审核' },
      }),
    });
    await open({ type: 'consult' });
    type('请问如何申请');
    fireEvent.click(submitButton());
    await screen.findByText('请先绑定企业');
    expect(storedDraft().content).toBe('请问如何申请');
  });
});

describe('咨询 / 投诉 form: draft and Idempotency-Key', () => {
  it('keeps everything when the network fails, and a retry after closing the app sends the same key', async () => {
    signIn();
    let fail = true;
    server({
      'POST /cases': () => {
        if (fail) throw { errMsg: 'request:fail' };
        return created();
      },
    });
    const first = await open({ type: 'consult' });
    fireEvent.click(document.querySelector('.case-form__category')!);
    fireEvent.click(document.querySelector('.case-form__category-option[data-code="tax"]')!);
    type('留抵退税什么时候到账');
    fireEvent.click(submitButton());
    await screen.findByText(/网络连接失败.*已填写的内容已保存在本机/, undefined, { timeout: 4000 });
    const sent = caseRequests();
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const key = sent[0].header['Idempotency-Key'];
    expect(sent.every((r) => r.header['Idempotency-Key'] === key)).toBe(true); // http's own retries too
    expect(textarea().value).toBe('留抵退税什么时候到账');
    expect(storedDraft()).toMatchObject({ key, content: '留抵退税什么时候到账', category: 'tax', userId: USER_ID });

    // The app is closed and opened again: the draft comes back, with the key.
    first.unmount();
    calls.request.length = 0;
    fail = false;
    await open({ type: 'consult' });
    expect(screen.getByText('已恢复上次未提交的内容')).toBeTruthy();
    expect(textarea().value).toBe('留抵退税什么时候到账');
    expect(document.querySelector('.case-form__category-value')!.textContent).toBe('税费');
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
    expect(caseRequests()[0].header['Idempotency-Key']).toBe(key);
  }, 10_000);

  it('writes the draft shortly after typing, and 清空 starts afresh with a new key', async () => {
    signIn();
    server({ 'POST /cases': () => created({ type: 'complaint' }) });
    const first = await open({ type: 'complaint' });
    await waitFor(() => expect(storedDraft('complaint')?.key).toBeTruthy());
    const key = storedDraft('complaint').key;
    type('办事大厅排队两小时');
    fireEvent.click(screen.getByRole('switch', { name: '对被投诉部门隐藏企业身份' }));
    await waitFor(() =>
      expect(storedDraft('complaint')).toMatchObject({ content: '办事大厅排队两小时', anonymous: true, key }),
    );
    first.unmount();

    await open({ type: 'complaint' });
    expect(screen.getByText('已恢复上次未提交的内容')).toBeTruthy();
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByText('清空'));
    expect(textarea().value).toBe('');
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByText('已恢复上次未提交的内容')).toBeNull();
    await waitFor(() => expect(storedDraft('complaint').content).toBe(''));
    expect(storedDraft('complaint').key).not.toBe(key);
  });

  it('does not restore the other form’s draft', async () => {
    signIn();
    server({});
    const c = await open({ type: 'complaint' });
    type('投诉内容');
    await waitFor(() => expect(storedDraft('complaint')?.content).toBe('投诉内容'));
    c.unmount();
    await open({ type: 'consult' });
    expect(textarea().value).toBe('');
    expect(screen.queryByText('已恢复上次未提交的内容')).toBeNull();
  });

  it('when an earlier submit went through unseen and the text changed since, says so and makes a new key', async () => {
    signIn();
    let answer: Answer = {
      statusCode: 422,
      data: { code: 'IDEMPOTENCY_KEY_REUSED', message: '该请求编号已用于另一项操作，请刷新后重试' },
    };
    server({ 'POST /cases': () => answer });
    await open({ type: 'consult' });
    type('改过的内容');
    fireEvent.click(submitButton());
    await screen.findByText(/之前提交的内容已经送达/);
    const firstKey = caseRequests()[0].header['Idempotency-Key'];
    fireEvent.click(screen.getByText('查看我的诉求'));
    expect(calls.navigate.at(-1)).toBe(PAGES.myCases);

    answer = created();
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(2));
    expect(caseRequests()[1].header['Idempotency-Key']).not.toBe(firstKey);
  });
});

describe('咨询 / 投诉 form: images', () => {
  it('uploads each chosen image with its progress, holds submit until done, and sends the ids in order', async () => {
    signIn();
    server({ 'POST /cases': () => created() });
    const uploads = [deferredUpload(), deferredUpload()];
    T.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:a', 'blob:b'], tempFiles: [] });
    T.uploadFile.mockImplementationOnce(() => uploads[0].task).mockImplementationOnce(() => uploads[1].task);
    await open({ type: 'consult' });
    type('附上营业执照照片');

    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(2));
    expect(T.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }));
    expect(T.compressImage).not.toHaveBeenCalled(); // H5 has no compressImage
    expect(T.uploadFile.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/files/images',
      filePath: 'blob:a',
      name: 'file',
      header: { Authorization: 'Bearer access-1' },
    });

    uploads[0].progress(42);
    expect(screen.getByText('上传中 40%')).toBeTruthy();
    expect(submitButton().disabled).toBe(true);
    expect(submitButton().textContent).toBe('图片上传中…');

    // The second finishes first: the order of the request is still the order on screen.
    await uploads[1].finish(201, { id: fileId(2), contentType: 'image/png', size: 10 });
    await uploads[0].finish(201, { id: fileId(1), contentType: 'image/jpeg', size: 10 });
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    expect(screen.getAllByText('已上传')).toHaveLength(2);
    await waitFor(() => expect(storedDraft().images.map((i: { id: string }) => i.id)).toEqual([fileId(1), fileId(2)]));

    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
    expect(caseRequests()[0].data.images).toEqual([fileId(1), fileId(2)]);
  });

  it('shows a refused image’s message with 重试 and 删除, and refuses to submit while it stays failed', async () => {
    signIn();
    server({ 'POST /cases': () => created() });
    const bad = deferredUpload();
    const again = deferredUpload();
    T.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:fake.jpg'], tempFiles: [] });
    T.uploadFile.mockImplementationOnce(() => bad.task).mockImplementationOnce(() => again.task);
    await open({ type: 'consult' });
    type('请看附件');
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(1));
    const message = '只能上传 JPEG、PNG 或 WebP 格式的图片，该文件不是有效的图片';
    await bad.finish(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message,
      details: [{ field: 'file', message }],
    });
    expect(await screen.findByText(message)).toBeTruthy();
    expect(document.querySelector('.image-picker__item')!.getAttribute('data-status')).toBe('failed');

    fireEvent.click(submitButton());
    expect(screen.getByText('有图片上传失败，请点「重试」或删除后再提交')).toBeTruthy();
    expect(caseRequests()).toHaveLength(0);

    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(2));
    expect(T.uploadFile.mock.calls[1][0].filePath).toBe('blob:fake.jpg');
    await again.fail('uploadFile:fail timeout');
    expect(await screen.findByText('网络较慢，图片上传超时，请重试')).toBeTruthy();

    fireEvent.click(screen.getByText('删除'));
    expect(document.querySelector('.image-picker__item')).toBeNull();
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
    expect(caseRequests()[0].data.images).toBeUndefined();
  });

  it('shows 413 in the server’s words on that image', async () => {
    signIn();
    server({});
    const big = deferredUpload();
    T.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:big'], tempFiles: [] });
    T.uploadFile.mockImplementationOnce(() => big.task);
    await open({ type: 'consult' });
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(1));
    await big.finish(413, {
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: '图片不能超过 10 MB，请压缩后重新上传',
      details: [{ field: 'file', message: '图片不能超过 10 MB，请压缩后重新上传' }],
    });
    expect(await screen.findByText('图片不能超过 10 MB，请压缩后重新上传')).toBeTruthy();
  });

  it('renews an expired sign-in once and sends the upload again with the new token', async () => {
    signIn();
    server({
      'POST /auth/refresh': () => ({
        statusCode: 200,
        data: {
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          expiresIn: 7200,
          user: { id: USER_ID, role: 'enterprise', displayName: '周一', mustChangePassword: false },
          consentRequired: false,
        },
      }),
    });
    const expired = deferredUpload();
    const ok = deferredUpload();
    T.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:a'], tempFiles: [] });
    T.uploadFile.mockImplementationOnce(() => expired.task).mockImplementationOnce(() => ok.task);
    await open({ type: 'consult' });
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(1));
    await expired.finish(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(2));
    expect(T.uploadFile.mock.calls[1][0].header).toEqual({ Authorization: 'Bearer access-2' });
    await ok.finish(201, { id: fileId(1), contentType: 'image/jpeg', size: 1 });
    expect(await screen.findByText('已上传')).toBeTruthy();
    expect(sessionStore.get()?.accessToken).toBe('access-2');
  });

  it('signs out when the sign-in cannot be renewed', async () => {
    signIn();
    server({
      'POST /auth/refresh': () => ({ statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } }),
    });
    const expired = deferredUpload();
    T.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:a'], tempFiles: [] });
    T.uploadFile.mockImplementationOnce(() => expired.task);
    await open({ type: 'consult' });
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(1));
    await expired.finish(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    await waitFor(() => expect(sessionStore.get()).toBeNull());
    expect(T.uploadFile).toHaveBeenCalledTimes(1);
  });

  it('in WeChat: chooses with chooseMedia, compresses large photos before upload, and previews local files', async () => {
    mockPlatform.weapp = true;
    signIn();
    server({});
    // As in WeChat under Taro 4.2: chooseMedia answers through its callbacks only, and returns nothing.
    T.chooseMedia.mockImplementation((o: { success: (r: unknown) => void }) => {
      setTimeout(() =>
        o.success({
          tempFiles: [
            { tempFilePath: 'wxfile://big.jpg', size: 6 * 1024 * 1024 },
            { tempFilePath: 'wxfile://small.jpg', size: 200 * 1024 },
          ],
        }),
      );
      return undefined;
    });
    T.compressImage.mockResolvedValue({ tempFilePath: 'wxfile://big-compressed.jpg' });
    const a = deferredUpload();
    const b = deferredUpload();
    T.uploadFile.mockImplementationOnce(() => a.task).mockImplementationOnce(() => b.task);
    await open({ type: 'consult' });
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(T.uploadFile).toHaveBeenCalledTimes(2));
    expect(T.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 9, mediaType: ['image'] }));
    expect(T.compressImage).toHaveBeenCalledTimes(1);
    expect(T.compressImage).toHaveBeenCalledWith(expect.objectContaining({ src: 'wxfile://big.jpg' }));
    // The small one leaves at once; the large one after its compression.
    expect(T.uploadFile.mock.calls.map((c) => c[0].filePath).sort()).toEqual([
      'wxfile://big-compressed.jpg',
      'wxfile://small.jpg',
    ]);

    fireEvent.click(screen.getByRole('button', { name: '预览第 2 张图片' }));
    expect(T.previewImage).toHaveBeenCalledWith({
      current: 'wxfile://small.jpg',
      urls: ['wxfile://big.jpg', 'wxfile://small.jpg'],
    });
  });

  it('takes no more than nine images', async () => {
    signIn();
    server({});
    const paths = Array.from({ length: 11 }, (_, i) => `blob:${i}`);
    T.chooseImage.mockResolvedValue({ tempFilePaths: paths, tempFiles: [] });
    T.uploadFile.mockImplementation(() => deferredUpload().task);
    await open({ type: 'consult' });
    fireEvent.click(screen.getByText('添加图片'));
    await waitFor(() => expect(document.querySelectorAll('.image-picker__item')).toHaveLength(9));
    expect(calls.toast).toContain('最多上传 9 张图片，已忽略多出的 2 张');
    expect(screen.queryByText('添加图片')).toBeNull();
    // Three at a time: WeChat caps network tasks.
    expect(T.uploadFile).toHaveBeenCalledTimes(3);
  });

  it('marks an image the server refused on submit (an upload too old) on that image', async () => {
    signIn();
    const message = '图片上传已超过 24 小时，请重新上传';
    server({
      'POST /cases': () => ({
        statusCode: 400,
        data: { code: 'VALIDATION_FAILED', message, details: [{ field: 'images[1]', message }] },
      }),
    });
    const now = Date.now();
    Taro.setStorageSync('qsgj.caseDraft.consult', {
      userId: USER_ID,
      key: 'kept-key-0001',
      content: '带图的咨询',
      category: null,
      anonymous: false,
      images: [
        { id: fileId(1), path: 'wxfile://1.jpg', uploadedAt: now - 1000 },
        { id: fileId(2), path: 'wxfile://2.jpg', uploadedAt: now - 1000 },
      ],
      savedAt: now,
    });
    await open({ type: 'consult' });
    expect(screen.getAllByText('已上传')).toHaveLength(2);
    fireEvent.click(submitButton());
    await waitFor(() => expect(caseRequests()).toHaveLength(1));
    expect(caseRequests()[0].header['Idempotency-Key']).toBe('kept-key-0001');
    expect(caseRequests()[0].data.images).toEqual([fileId(1), fileId(2)]);
    await waitFor(() =>
      expect(document.querySelectorAll('.image-picker__item')[1].getAttribute('data-status')).toBe('failed'),
    );
    expect(document.querySelectorAll('.image-picker__item')[0].getAttribute('data-status')).toBe('done');
    expect(screen.getAllByText(message).length).toBeGreaterThanOrEqual(1);
  });
});

describe('the mini-program and the server agree', () => {
  it('counts code points, as the server’s textLength and PostgreSQL do', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['营商环境', 4],
      ['😀', 1], // one code point, two UTF-16 units
      ['👍🏽', 2], // thumb + skin tone
      ['a\uFE0F', 2], // a variation selector is a code point of its own
      ['\uD800x', 2], // a lone surrogate counts as one
    ];
    for (const [text, n] of cases) expect(textLength(text)).toBe(n);
  });
});

describe('首页 channels', () => {
  it('lead to the 咨询 and 投诉 forms, 评价 to what waits for a rating, and 服务公开 to the public figures', () => {
    render(<Home />);
    fireEvent.click(screen.getByText('咨询'));
    fireEvent.click(screen.getByText('投诉'));
    fireEvent.click(screen.getByText('评价'));
    fireEvent.click(screen.getByText('服务公开'));
    expect(calls.navigate).toEqual([
      `${PAGES.caseNew}?type=consult`,
      `${PAGES.caseNew}?type=complaint`,
      `${PAGES.myCases}?filter=rate`,
      PAGES.publicStats,
    ]);
  });
});
