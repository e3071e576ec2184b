import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type {
  AdminPolicyItem,
  DictionaryEntry,
  PolicyDetail,
  PolicyImportReport,
  PushProgress,
} from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import Taro, { __reset, calls } from '../shims/taro';
import { $, $$, ok, requests, scriptedServer, signIn as signInAs, typeInto, writes } from './support';
import { trigger } from './taro-pages';
import { eligibilityReading } from '../../src/packages/workbench/components/policy-form/eligibility';
import { insertAt, previewHtml, toRichHtml } from '../../src/packages/workbench/components/policy-form/rich-text';
import DictionariesPage from '../../src/packages/workbench/pages/dictionaries/index';
import { moves } from '../../src/packages/workbench/pages/dictionaries/use-dictionaries';
import PoliciesPage from '../../src/packages/workbench/pages/policies/index';
import WorkbenchPage from '../../src/packages/workbench/pages/index/index';
import PolicyEditPage from '../../src/packages/workbench/pages/policy-edit/index';
import PolicyImportPage from '../../src/packages/workbench/pages/policy-import/index';
import { parseRows } from '../../src/packages/workbench/pages/policy-import/rows';
import PushProgressPage from '../../src/packages/workbench/pages/push/index';
import { sessionStore } from '../../src/stores/session';

const mockRouter = { params: {} as Record<string, string> };
const mockFiles = {
  chosen: null as null | { path: string; name: string } | 'cancel',
  contents: new Map<string, string>(),
  uploads: [] as Array<Record<string, unknown>>,
  uploadReply: { statusCode: 201, data: '{}' } as { statusCode: number; data: string },
};
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro-pages').taroWithPageHooks();
  const extra = {
    chooseMessageFile: async () => {
      if (mockFiles.chosen === 'cancel' || !mockFiles.chosen) throw { errMsg: 'chooseMessageFile:fail cancel' };
      return { tempFiles: [{ ...mockFiles.chosen, size: 1, type: 'file', time: 0 }] };
    },
    getFileSystemManager: () => ({ readFileSync: (path: string) => mockFiles.contents.get(path) ?? '' }),
    uploadFile: async (options: Record<string, unknown>) => {
      mockFiles.uploads.push(options);
      return mockFiles.uploadReply;
    },
  };
  return { ...base, default: { ...base.default, ...extra }, ...extra, useRouter: () => mockRouter };
});

const signIn = (role: 'admin' | 'supervisor' = 'admin') => signInAs(role, { displayName: '管理员' });
// Routes answer in the order they were added (the dictionaries' first).
const { on, listen } = scriptedServer({
  notFound: { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } },
  earliestFirst: true,
});
const field = (cls: string) => $(`.${cls}`)!.closest('.qs-field') as HTMLElement;

function entry(kind: DictionaryKind, id: number, value: string, sort: number, active = true): DictionaryEntry {
  return { id, kind, value, sort, active };
}
const DICTS: Record<DictionaryKind, DictionaryEntry[]> = {
  categories: [entry('categories', 1, '财税金融', 10), entry('categories', 2, '科技创新', 20)],
  industries: [entry('industries', 11, '制造业', 10), entry('industries', 12, '软件和信息技术服务业', 20)],
  districts: [entry('districts', 21, '全市', 10), entry('districts', 22, '岳塘区', 20)],
  qualifications: [entry('qualifications', 31, '高新技术企业', 10)],
};

function item(over: Partial<AdminPolicyItem> = {}): AdminPolicyItem {
  return {
    id: 'p1',
    title: '湘潭市支持制造业增值税留抵退税的若干措施',
    docNumber: '潭政办发〔2026〕12号',
    issuer: '湘潭市人民政府办公室',
    level: 'city',
    categories: ['财税金融'],
    summary: '',
    validFrom: null,
    validTo: null,
    publishedAt: null,
    status: 'draft',
    updatedAt: '2026-11-30T06:05:00.000Z',
    lastPushId: null,
    ...over,
  };
}

function detail(over: Partial<PolicyDetail> = {}): PolicyDetail {
  return {
    ...item(),
    eligibility: { industries: ['制造业'], scales: [], districts: [], qualifications: [] },
    body: '<p>第一条</p>',
    interpretation: '',
    attachments: [],
    sourceUrl: null,
    favorite: false,
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
  mockFiles.chosen = null;
  mockFiles.contents.clear();
  mockFiles.uploads = [];
  for (const kind of Object.keys(DICTS) as DictionaryKind[]) {
    on('GET', `/dictionaries/${kind}`, ok({ kind, items: DICTS[kind] }));
  }
  signIn();
});

afterEach(() => {
  cleanup();
  sessionStore.set(null);
  jest.useRealTimers();
});

// ───────────────────────────── pure parts ─────────────────────────────

describe('the editor’s rich text and eligibility reading', () => {
  it('saves plain lines as paragraphs (escaped) and HTML as written', () => {
    expect(toRichHtml('第一条 企业\n\n第二条 a<b')).toBe('<p>第一条 企业</p><p>第二条 a&lt;b</p>');
    expect(toRichHtml('  <p>已有 <strong>格式</strong></p> ')).toBe('<p>已有 <strong>格式</strong></p>');
    expect(toRichHtml('   ')).toBe('');
  });

  it('previews only the safe tags, without attributes, scripts or frames', () => {
    expect(
      previewHtml(
        '<h3 onclick="x()">标题</h3><script>alert(1)</script><p style="color:red">正文<img src=x onerror=alert(1)></p><iframe src="//e"></iframe><a href="javascript:x">链接</a>',
      ),
    ).toBe('<h3>标题</h3><p>正文</p>链接');
    expect(previewHtml('第一段\n第二段')).toBe('<p>第一段</p><p>第二段</p>');
  });

  it('inserts a toolbar snippet at the cursor, or at the end when the cursor is unknown', () => {
    expect(insertAt('abcd', 2, 'X')).toEqual({ text: 'abXcd', cursor: 3 });
    expect(insertAt('abcd', undefined, 'X')).toEqual({ text: 'abcdX', cursor: 5 });
    expect(insertAt('abcd', 9, 'X')).toEqual({ text: 'abcdX', cursor: 5 });
    expect(insertAt('abcd', 0, 'X')).toEqual({ text: 'Xabcd', cursor: 1 });
  });

  it('reads who qualifies in one line; empty lists are 不限; national, provincial and 全市 cover every district', () => {
    const none = { industries: [], scales: [], districts: [], qualifications: [] };
    expect(eligibilityReading(none, 'city')).toBe('所有企业均可适用（不限行业、规模、区域、资质）');
    expect(
      eligibilityReading(
        {
          industries: ['制造业', '建筑业'],
          scales: ['small', 'micro'],
          districts: ['岳塘区'],
          qualifications: ['高新技术企业'],
        },
        'city',
      ),
    ).toBe('属于制造业或建筑业、为小型企业或微型企业、位于岳塘区、具备高新技术企业资质的企业可适用');
    expect(eligibilityReading({ ...none, districts: ['岳塘区'] }, 'district')).toBe('位于岳塘区的企业可适用');
    expect(eligibilityReading({ ...none, districts: ['岳塘区'] }, 'provincial')).toBe(
      '所有企业均可适用（不限行业、规模、区域、资质）',
    );
    expect(eligibilityReading({ ...none, districts: ['全市', '岳塘区'] }, 'city')).toBe(
      '所有企业均可适用（不限行业、规模、区域、资质）',
    );
  });

  it('takes JSON rows as a list or { rows }, and refuses anything else before sending', () => {
    expect(parseRows('[{"title":"a"}]')).toEqual([{ title: 'a' }]);
    expect(parseRows('\uFEFF{"rows":[1,2]}')).toEqual([1, 2]);
    expect(() => parseRows('{"title":')).toThrow('不是有效的 JSON，请检查文件内容');
    expect(() => parseRows('{"title":"a"}')).toThrow('JSON 应为政策列表（数组），或 { "rows": [...] }');
    expect(() => parseRows('[]')).toThrow('没有要导入的政策');
    expect(parseRows(JSON.stringify(new Array(1000).fill({})))).toHaveLength(1000);
    expect(() => parseRows(JSON.stringify(new Array(1001).fill({})))).toThrow('一次最多导入 1000 条');
  });

  it('moves a dictionary entry by swapping sorts, renumbering only when they tie', () => {
    const list = [entry('districts', 1, 'A', 10), entry('districts', 2, 'B', 20), entry('districts', 3, 'C', 20)];
    expect(moves(list, 0, 1)).toEqual([
      { id: 1, sort: 20 },
      { id: 2, sort: 10 },
    ]);
    expect(moves(list, 0, -1)).toEqual([]);
    expect(moves(list, 2, 1)).toEqual([]);
    // B and C tie at 20: C moves up → A 10, C 20, B 30; only B changes.
    expect(moves(list, 2, -1)).toEqual([{ id: 2, sort: 30 }]);
  });
});

// ───────────────────────────── 政策管理 ─────────────────────────────

describe('政策管理 (the admin’s policy list)', () => {
  beforeEach(() => {
    on('GET', /^\/admin\/policies\?/, (o) => {
      const url = String(o.url);
      if (url.includes('q=')) return ok({ items: [], nextCursor: null });
      if (url.includes('status=draft'))
        return ok({ items: [item({ id: 'p2', title: '草稿政策', docNumber: '潭发〔2026〕2号' })], nextCursor: null });
      return ok({
        items: [
          item(),
          item({
            id: 'p3',
            title: '岳塘区稳岗补贴',
            docNumber: '岳政发〔2026〕3号',
            status: 'published',
            level: 'district',
            lastPushId: 'push-3',
          }),
          item({ id: 'p4', title: '过期的政策', status: 'expired', docNumber: '潭发〔2025〕9号' }),
        ],
        nextCursor: null,
      });
    });
  });

  it('lists every status by default with its tag, 文号 and update time, and filters by status and search', async () => {
    render(<PoliciesPage />);
    await screen.findByText('岳塘区稳岗补贴');
    expect(requests()).toEqual(['GET /admin/policies?status=all']);
    const rows = $$('.wb-policies__row');
    expect(rows.map((r) => r.querySelector('.policy-status')!.textContent)).toEqual(['草稿', '已发布', '已过期']);
    expect(rows[0].textContent).toContain('潭政办发〔2026〕12号 · 市级');
    // 06:05 UTC is 14:05 in Shanghai.
    expect(rows[0].querySelector('.wb-policies__updated')!.textContent).toBe('更新于 2026-11-30 14:05');
    // Only a pushed, non-draft policy links to its push.
    expect(rows.map((r) => !!r.querySelector('.wb-policies__push'))).toEqual([false, true, false]);

    fireEvent.click($('.wb-policies__chip--draft')!);
    await screen.findByText('草稿政策');
    expect(requests().at(-1)).toBe('GET /admin/policies?status=draft');

    typeInto($('.wb-policies__search-input')!, ' 留抵退税 ');
    fireEvent.click(screen.getByText('搜索'));
    await screen.findByText('没有找到相关政策');
    expect(requests().at(-1)).toBe(`GET /admin/policies?status=draft&q=${encodeURIComponent('留抵退税')}`);
  });

  it('opens a row in the editor, its push, a new policy, the import and the dictionaries', async () => {
    render(<PoliciesPage />);
    await screen.findByText('岳塘区稳岗补贴');
    fireEvent.click(screen.getByText('岳塘区稳岗补贴'));
    fireEvent.click(screen.getByText('推送进度'));
    fireEvent.click(screen.getByText('新建政策'));
    fireEvent.click(screen.getByText('导入'));
    fireEvent.click(screen.getByText('字典管理'));
    expect(calls.navigate).toEqual([
      `${PAGES.policyEdit}?id=p3`,
      `${PAGES.pushProgress}?id=push-3`,
      PAGES.policyEdit,
      PAGES.policyImport,
      PAGES.dictionaries,
    ]);
  });

  it('tells other staff it is for admins, asking nothing', async () => {
    signIn('supervisor');
    render(<PoliciesPage />);
    expect(screen.getByText('涉企政策由管理员维护，您的账号无此权限。')).toBeTruthy();
    await act(async () => undefined);
    expect(calls.request).toEqual([]);
  });
});

describe('the workbench’s entry', () => {
  beforeEach(() => {
    on('GET', '/cases/counts', ok({}));
    on('GET', /^\/cases\?/, ok({ items: [], nextCursor: null }));
    on(
      'GET',
      /^\/admin\/calendar\/\d{4}$/,
      ok({ year: 2027, holidays: [], workdays: [], official: true, updatedAt: null }),
    );
  });
  const adminLinks = () => $$('.wb-queue__admin-link').map((b) => b.textContent);

  it('offers 政策管理, 字典管理 and the issue-11 admin pages to admins only', async () => {
    render(<WorkbenchPage />);
    await screen.findByText('该筛选下暂无诉求');
    expect(adminLinks()).toEqual(['政策管理', '字典管理', '服务包管理', '动态管理', '管家管理', '企业分配']);
    for (const label of adminLinks()) fireEvent.click(screen.getByText(label!));
    expect(calls.navigate).toEqual([
      PAGES.staffPolicies,
      PAGES.dictionaries,
      PAGES.staffServicePackages,
      PAGES.staffNews,
      PAGES.staffList,
      PAGES.assignments,
    ]);
    cleanup();

    signIn('supervisor');
    render(<WorkbenchPage />);
    await screen.findByText('该筛选下暂无诉求');
    expect(adminLinks()).toEqual([]);
  });
});

// ───────────────────────────── 编辑政策 ─────────────────────────────

async function chooseOption(fieldClass: string, label: string) {
  const f = $(`.${fieldClass}`)!;
  if (!f.querySelector('.policy-select__options')) fireEvent.click(f.querySelector('.policy-select__toggle')!);
  await waitFor(() => expect(f.querySelector(`.policy-select__option[data-value="${label}"]`)).not.toBeNull());
  fireEvent.click(f.querySelector(`.policy-select__option[data-value="${label}"]`)!);
}

describe('编辑政策', () => {
  it('creates a draft: dictionaries as pickers, the plain reading of who qualifies, rich text, attachments', async () => {
    on('POST', '/admin/policies', (o) => ok(detail({ id: 'new1', ...o.data }), 201));
    render(<PolicyEditPage />);
    expect(screen.getByText('新建政策')).toBeTruthy();
    await waitFor(() => expect(requests()).toHaveLength(4)); // the four dictionaries, after the form shows
    expect($('.wb-policy__reading')!.textContent).toBe('所有企业均可适用（不限行业、规模、区域、资质）');
    expect(field('wb-policy__industries').querySelector('.policy-select__none')!.textContent).toBe('不限');

    typeInto($('.wb-policy__title')!, '湘潭市稳岗返还');
    typeInto($('.wb-policy__doc-number')!, '潭人社发〔2026〕5号');
    typeInto($('.wb-policy__issuer')!, '湘潭市人力资源和社会保障局');
    fireEvent.change($('.wb-policy__level select')!, { target: { value: '3' } }); // 县区级
    await chooseOption('wb-policy__categories', '财税金融');
    await chooseOption('wb-policy__industries', '制造业');
    await chooseOption('wb-policy__scales', 'small');
    await chooseOption('wb-policy__districts', '岳塘区');
    await chooseOption('wb-policy__qualifications', '高新技术企业');
    expect($('.wb-policy__reading')!.textContent).toBe(
      '属于制造业、为小型企业、位于岳塘区、具备高新技术企业资质的企业可适用',
    );
    // A second tap on a chosen option removes it.
    await chooseOption('wb-policy__qualifications', '高新技术企业');
    expect($('.wb-policy__reading')!.textContent).toBe('属于制造业、为小型企业、位于岳塘区的企业可适用');

    fireEvent.change($('.wb-policy__validFrom input')!, { target: { value: '2026-12-01' } });
    typeInto($('.wb-policy__summary')!, '  按规定返还失业保险费 ');
    typeInto($('.wb-policy__body textarea')!, '第一条 适用范围\n第二条 返还标准');
    // The toolbar inserts at the cursor (the end here).
    fireEvent.click($('.wb-policy__interpretation .policy-rich__tool--bold')!);
    fireEvent.click(screen.getByText('＋ 添加附件'));
    typeInto($('.wb-policy__attachment-name')!, '申请表');
    typeInto($('.wb-policy__attachment-url')!, 'https://example.gov.cn/a.docx');
    fireEvent.click(screen.getByText('＋ 添加附件')); // an empty row is dropped
    expect(screen.getByText('有未保存的修改')).toBeTruthy();

    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(calls.toast).toEqual(['已保存']));
    expect(writes()).toEqual([
      [
        'POST /admin/policies',
        {
          title: '湘潭市稳岗返还',
          docNumber: '潭人社发〔2026〕5号',
          issuer: '湘潭市人力资源和社会保障局',
          level: 'district',
          categories: ['财税金融'],
          industries: ['制造业'],
          scales: ['small'],
          districts: ['岳塘区'],
          qualifications: [],
          validFrom: '2026-12-01',
          validTo: null,
          summary: '按规定返还失业保险费',
          body: '<p>第一条 适用范围</p><p>第二条 返还标准</p>',
          interpretation: '<strong>加粗文字</strong>',
          attachments: [{ name: '申请表', url: 'https://example.gov.cn/a.docx' }],
          sourceUrl: null,
        },
      ],
    ]);
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    // Saved once: the next save is a PATCH of that policy.
    on('PATCH', '/admin/policies/new1', (o) => ok(detail({ id: 'new1', ...o.data })));
    typeInto($('.wb-policy__title')!, '湘潭市稳岗返还（修订）');
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1][0]).toBe('PATCH /admin/policies/new1');
  });

  it('checks the required fields before sending, beside each field', async () => {
    render(<PolicyEditPage />);
    fireEvent.click(screen.getByText('保存草稿'));
    await screen.findByText('请先修改标红的项目');
    expect(field('wb-policy__title').querySelector('.qs-field__error')!.textContent).toBe('请输入政策标题');
    expect(field('wb-policy__doc-number').querySelector('.qs-field__error')!.textContent).toBe('请输入文号');
    expect(field('wb-policy__issuer').querySelector('.qs-field__error')!.textContent).toBe('请输入发文单位');
    expect($('.wb-policy__categories .qs-field__error')!.textContent).toBe('请选择政策类别');
    expect(writes()).toEqual([]);
    // Typing clears that field's error.
    typeInto($('.wb-policy__title')!, '标题');
    expect(field('wb-policy__title').querySelector('.qs-field__error')).toBeNull();
  });

  it('loads a policy with one request before the form, and shows the server’s refusals beside their fields', async () => {
    mockRouter.params = { id: 'p1' };
    on('GET', '/admin/policies/p1', ok(detail({ attachments: [{ name: '附件', url: 'https://a.cn/x' }] })));
    on('PATCH', '/admin/policies/p1', {
      statusCode: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: '请检查填写的内容',
        details: [
          { field: 'docNumber', message: '该文号已被其他政策使用' },
          { field: 'attachments.0.url', message: '附件地址必须以 http:// 或 https:// 开头' },
          { field: 'categories', message: '政策类别「不存在」不在字典中' },
        ],
      },
    });
    render(<PolicyEditPage />);
    await waitFor(() => expect(($('.wb-policy__title') as HTMLInputElement)?.value).toBe(item().title));
    expect(requests()[0]).toBe('GET /admin/policies/p1');
    await waitFor(() => expect(requests()).toHaveLength(5));
    expect($('.wb-policy__reading')!.textContent).toBe('属于制造业的企业可适用');
    expect(($('.wb-policy__body textarea') as HTMLTextAreaElement).value).toBe('<p>第一条</p>');

    typeInto($('.wb-policy__doc-number')!, '潭发〔2026〕1号');
    fireEvent.click(screen.getByText('保存草稿'));
    await screen.findByText('请检查填写的内容');
    expect(field('wb-policy__doc-number').querySelector('.qs-field__error')!.textContent).toBe(
      '该文号已被其他政策使用',
    );
    expect($('.wb-policy__attachment .qs-field__error')!.textContent).toBe('附件地址必须以 http:// 或 https:// 开头');
    expect($('.wb-policy__categories .qs-field__error')!.textContent).toBe('政策类别「不存在」不在字典中');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
  });

  it('previews the form as the enterprise will read it', async () => {
    render(<PolicyEditPage />);
    typeInto($('.wb-policy__title')!, '预览标题');
    typeInto($('.wb-policy__doc-number')!, '潭发〔2026〕1号');
    typeInto($('.wb-policy__issuer')!, '湘潭市人民政府');
    typeInto($('.wb-policy__body textarea')!, '<h3>申报条件</h3><script>x()</script>');
    await chooseOption('wb-policy__industries', '制造业');
    fireEvent.click(screen.getByText('预览'));
    expect($('.policy-preview__title')!.textContent).toBe('预览标题');
    expect($('.policy-preview__meta')!.textContent).toBe('潭发〔2026〕1号 · 湘潭市人民政府');
    expect($('.policy-preview__who')!.textContent).toBe('适用对象：属于制造业的企业可适用');
    expect($('.policy-preview__body .rich-text')!.getAttribute('data-html')).toBe('<h3>申报条件</h3>');
    expect($('.policy-preview__interpretation')).toBeNull();
    fireEvent.click(screen.getByText('返回编辑'));
    expect(($('.wb-policy__title') as HTMLInputElement).value).toBe('预览标题');
  });

  it('publishes after saving what changed and saying how many will receive it, then opens the push', async () => {
    mockRouter.params = { id: 'p1' };
    on('GET', '/admin/policies/p1', ok(detail()));
    on('PATCH', '/admin/policies/p1', (o) => ok(detail({ ...o.data })));
    on('GET', '/admin/policies/p1/audience', ok({ enterprises: 12, users: 30 }));
    on('POST', '/admin/policies/p1/publish', ok({ policy: item({ status: 'published' }), push: { id: 'push-9' } }));
    render(<PolicyEditPage />);
    await waitFor(() => expect($('.wb-policy__title')).not.toBeNull());
    typeInto($('.wb-policy__title')!, '改过的标题');
    fireEvent.click(screen.getByText('发布'));
    await screen.findByText('确定发布');
    expect($('.wb-policy__confirm-text')!.textContent).toBe(
      '将推送给 12 家企业（30 位用户），发布后不能撤销推送。确定发布吗？',
    );
    expect(writes()).toEqual([['PATCH /admin/policies/p1', expect.objectContaining({ title: '改过的标题' })]]);
    expect(requests().at(-1)).toBe('GET /admin/policies/p1/audience');

    // 取消 publishes nothing.
    fireEvent.click(screen.getByText('取消'));
    expect(screen.queryByText('确定发布')).toBeNull();
    fireEvent.click(screen.getByText('发布'));
    fireEvent.click(await screen.findByText('确定发布'));
    await waitFor(() => expect(calls.navigate).toEqual([`${PAGES.pushProgress}?id=push-9`]));
    expect(writes().map((w) => w[0])).toEqual(['PATCH /admin/policies/p1', 'POST /admin/policies/p1/publish']);
  });

  it('withdraws a published policy only after its confirmation', async () => {
    mockRouter.params = { id: 'p1' };
    on('GET', '/admin/policies/p1', ok(detail({ status: 'published' })));
    on('POST', '/admin/policies/p1/withdraw', ok({ policy: item({ status: 'withdrawn' }), push: null }));
    render(<PolicyEditPage />);
    await screen.findByText('撤回');
    expect(screen.queryByText('发布')).toBeNull();
    expect(screen.getByText('保存修改')).toBeTruthy();
    fireEvent.click(screen.getByText('撤回'));
    expect($('.wb-policy__confirm-text')!.textContent).toBe('撤回后企业将不能再查看这条政策，确定撤回吗？');
    expect(writes()).toEqual([]);
    fireEvent.click(screen.getByText('确定撤回'));
    await waitFor(() => expect(calls.toast).toEqual(['已撤回']));
    expect(writes().map((w) => w[0])).toEqual(['POST /admin/policies/p1/withdraw']);
    expect($('.wb-policy__top .policy-status')!.textContent).toBe('已撤回');
    expect(screen.getByText('发布')).toBeTruthy();
  });
});

// ───────────────────────────── 批量导入 ─────────────────────────────

const REPORT: PolicyImportReport = {
  created: 1,
  updated: 1,
  published: 2,
  dictionaryAdded: [{ kind: 'industries', value: '新材料' }],
  refused: [
    {
      row: 3,
      docNumber: '潭发〔2026〕9号',
      errors: [
        { field: 'title', message: '请输入政策标题' },
        { field: 'level', message: '政策层级只能是国家级、省级、市级或县区级' },
      ],
    },
  ],
  rows: [
    { row: 1, docNumber: '潭发〔2026〕7号', outcome: 'created', policyId: 'n1' },
    { row: 2, docNumber: '潭发〔2026〕8号', outcome: 'updated', policyId: 'n2' },
    { row: 3, docNumber: '潭发〔2026〕9号', outcome: 'refused', policyId: null },
  ],
};

describe('批量导入', () => {
  it('imports pasted JSON with the chosen options and reports every row, refused ones with their reasons', async () => {
    on('POST', /^\/admin\/policies\/import/, ok(REPORT, 201));
    render(<PolicyImportPage />);
    fireEvent.click(screen.getByLabelText('自动补充字典'));
    fireEvent.click(screen.getByLabelText('导入后立即发布'));
    typeInto($('.wb-import__json')!, '[{"title":"a"},{"title":"b"},{"docNumber":"潭发〔2026〕9号"}]');
    fireEvent.click(screen.getByText('导入粘贴的内容'));
    await screen.findByText('导入结果');
    expect(writes()).toEqual([
      [
        'POST /admin/policies/import?createMissing=true&publish=true',
        { rows: [{ title: 'a' }, { title: 'b' }, { docNumber: '潭发〔2026〕9号' }] },
      ],
    ]);
    expect($('.wb-import__summary')!.textContent).toBe('新增 1 条，更新 1 条，未导入 1 条，已发布 2 条');
    expect($('.wb-import__added')!.textContent).toBe('已补充字典：行业「新材料」');
    const rows = $$('.wb-import__row');
    expect(rows.map((r) => r.querySelector('.wb-import__outcome')!.textContent)).toEqual(['新增', '更新', '未导入']);
    expect(rows[2].textContent).toContain('第 3 行潭发〔2026〕9号');
    expect(Array.from(rows[2].querySelectorAll('.wb-import__reason')).map((e) => e.textContent)).toEqual([
      'title：请输入政策标题',
      'level：政策层级只能是国家级、省级、市级或县区级',
    ]);
    expect(rows[0].querySelectorAll('.wb-import__reason')).toHaveLength(0);
    fireEvent.click(rows[0]);
    expect(calls.navigate).toEqual([`${PAGES.policyEdit}?id=n1`]);
  });

  it('refuses malformed JSON before sending and shows the server’s refusal of the whole', async () => {
    on('POST', /^\/admin\/policies\/import/, {
      statusCode: 400,
      data: { code: 'VALIDATION_FAILED', message: '一次最多导入 1000 条' },
    });
    render(<PolicyImportPage />);
    typeInto($('.wb-import__json')!, '{"title": ');
    fireEvent.click(screen.getByText('导入粘贴的内容'));
    expect((await screen.findByRole('alert')).textContent).toBe('不是有效的 JSON，请检查文件内容');
    expect(calls.request).toEqual([]);
    typeInto($('.wb-import__json')!, '[{}]');
    fireEvent.click(screen.getByText('导入粘贴的内容'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('一次最多导入 1000 条'));
    expect($('.wb-import__report')).toBeNull();
  });

  it('reads a picked JSON file, uploads a picked workbook as multipart with the sign-in, and ignores a cancel', async () => {
    on('POST', /^\/admin\/policies\/import/, ok(REPORT, 201));
    render(<PolicyImportPage />);
    mockFiles.chosen = 'cancel';
    fireEvent.click(screen.getByText('选择文件（.xlsx / .json）'));
    await act(async () => undefined);
    expect(calls.request).toEqual([]);
    expect($('.wb-import__error')).toBeNull();

    mockFiles.chosen = { path: 'wxfile://tmp_1.json', name: 'policies.json' };
    mockFiles.contents.set('wxfile://tmp_1.json', '{"rows":[{"title":"x"}]}');
    fireEvent.click(screen.getByText('选择文件（.xlsx / .json）'));
    await screen.findByText('来源：policies.json');
    expect(writes()).toEqual([
      ['POST /admin/policies/import?createMissing=false&publish=false', { rows: [{ title: 'x' }] }],
    ]);

    mockFiles.chosen = { path: 'wxfile://tmp_2.xlsx', name: '政策.xlsx' };
    mockFiles.uploadReply = { statusCode: 201, data: JSON.stringify({ ...REPORT, created: 5 }) };
    fireEvent.click(screen.getByLabelText('导入后立即发布'));
    fireEvent.click(screen.getByText('选择文件（.xlsx / .json）'));
    await screen.findByText('来源：政策.xlsx');
    expect(mockFiles.uploads).toEqual([
      expect.objectContaining({
        url: '/api/v1/admin/policies/import?createMissing=false&publish=true',
        filePath: 'wxfile://tmp_2.xlsx',
        name: 'file',
        fileName: '政策.xlsx',
        header: { Authorization: 'Bearer a' },
      }),
    ]);
    expect($('.wb-import__summary')!.textContent).toContain('新增 5 条');

    mockFiles.chosen = { path: 'wxfile://tmp_3.csv', name: '政策.csv' };
    fireEvent.click(screen.getByText('选择文件（.xlsx / .json）'));
    expect((await screen.findByRole('alert')).textContent).toBe('只能导入 .xlsx 或 .json 文件');

    mockFiles.chosen = { path: 'wxfile://tmp_4.xlsx', name: 'bad.xlsx' };
    mockFiles.uploadReply = {
      statusCode: 400,
      data: JSON.stringify({ code: 'VALIDATION_FAILED', message: '无法读取该 Excel 文件' }),
    };
    fireEvent.click(screen.getByText('选择文件（.xlsx / .json）'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('无法读取该 Excel 文件'));
  });
});

// ───────────────────────────── 推送进度 ─────────────────────────────

function push(over: Partial<PushProgress> = {}): PushProgress {
  return {
    id: 'push-9',
    policyId: 'p1',
    policyTitle: '湘潭市稳岗返还',
    status: 'running',
    targeted: 200,
    inboxWritten: 200,
    sent: 90,
    skipped: 8,
    failed: 2,
    pending: 100,
    createdAt: '2026-11-30T06:05:00.000Z',
    finishedAt: null,
    ...over,
  };
}

describe('推送进度', () => {
  let answers: PushProgress[];
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    mockRouter.params = { id: 'push-9' };
    answers = [];
    on('GET', '/admin/pushes/push-9', () => ok(answers.length > 1 ? answers.shift() : answers[0]));
  });
  const asks = () => requests().filter((r) => r === 'GET /admin/pushes/push-9').length;
  const tick = async (ms: number) => {
    await act(async () => {
      jest.advanceTimersByTime(ms);
    });
    await act(async () => undefined);
  };

  it('shows every figure with a progress bar and asks again every 2 s until the push is done', async () => {
    answers = [
      push(),
      push({ sent: 150, pending: 40 }),
      push({ status: 'done', sent: 190, pending: 0, finishedAt: '2026-11-30T06:06:00.000Z' }),
    ];
    render(<PushProgressPage />);
    await screen.findByText('湘潭市稳岗返还');
    const figure = (k: string) => $(`.wb-push__figure--${k} .wb-push__figure-value`)!.textContent;
    expect(['targeted', 'inbox', 'sent', 'skipped', 'failed', 'pending'].map(figure)).toEqual([
      '200',
      '200',
      '90',
      '8',
      '2',
      '100',
    ]);
    expect($$('.wb-push__figure-label').map((e) => e.textContent)).toEqual([
      '推送对象',
      '已写入消息',
      '已发送',
      '已跳过',
      '失败',
      '排队中',
    ]);
    expect($('.wb-push__status')!.textContent).toBe('推送中');
    expect($('.wb-push__bar')!.getAttribute('aria-valuenow')).toBe('50'); // (90 + 8 + 2) / 200
    expect(asks()).toBe(1);

    await tick(1999);
    expect(asks()).toBe(1);
    await tick(1);
    await waitFor(() => expect(figure('sent')).toBe('150'));
    expect(asks()).toBe(2);
    await tick(2000);
    await waitFor(() => expect($('.wb-push__status')!.textContent).toBe('已完成'));
    expect($('.wb-push__bar')!.getAttribute('aria-valuenow')).toBe('100');
    expect($('.wb-push__times')!.textContent).toBe('开始于 2026-11-30 14:05，完成于 2026-11-30 14:06');
    expect(asks()).toBe(3);
    // Done: no more questions.
    await tick(10_000);
    expect(asks()).toBe(3);
  });

  it('stops asking while the page is hidden and when it is closed, and resumes when shown again', async () => {
    answers = [push()];
    const view = render(<PushProgressPage />);
    await screen.findByText('湘潭市稳岗返还');
    await tick(2000);
    expect(asks()).toBe(2);
    act(() => trigger('hide'));
    await tick(10_000);
    expect(asks()).toBe(2);
    act(() => trigger('show'));
    await tick(2000);
    expect(asks()).toBe(3);
    view.unmount();
    await tick(10_000);
    expect(asks()).toBe(3);
  });

  it('never reaches 100 % before the push is done, even when every message is handled', async () => {
    answers = [push({ sent: 200, skipped: 0, failed: 0, pending: 0 })];
    render(<PushProgressPage />);
    await screen.findByText('湘潭市稳岗返还');
    expect($('.wb-push__bar')!.getAttribute('aria-valuenow')).toBe('99');
  });
});

// ───────────────────────────── 字典管理 ─────────────────────────────

describe('字典管理', () => {
  let store: Record<DictionaryKind, DictionaryEntry[]>;
  beforeEach(() => {
    store = {
      categories: [...DICTS.categories],
      industries: [...DICTS.industries],
      districts: [...DICTS.districts, entry('districts', 23, '雨湖区', 30, false)],
      qualifications: [...DICTS.qualifications],
    };
    on('GET', /^\/admin\/dictionaries\/\w+$/, (o) => {
      const kind = String(o.url).split('/').pop() as DictionaryKind;
      return ok({ kind, items: store[kind] });
    });
    on('POST', /^\/admin\/dictionaries\/\w+$/, (o) => {
      const kind = String(o.url).split('/').pop() as DictionaryKind;
      if (store[kind].some((e) => e.value === o.data.value))
        return { statusCode: 409, data: { code: 'CONFLICT', message: '该名称已存在' } };
      const added = entry(kind, 99, o.data.value, o.data.sort);
      store[kind].push(added);
      return ok(added, 201);
    });
    on('PATCH', /^\/admin\/dictionaries\/\w+\/\d+$/, (o) => {
      const [, , , kind, id] = String(o.url)
        .replace(/^\/api\/v1/, '')
        .split('/');
      const list = store[kind as DictionaryKind];
      const i = list.findIndex((x) => x.id === Number(id));
      list[i] = { ...list[i], ...o.data };
      return ok(list[i]);
    });
  });

  it('shows a tab per dictionary and every entry, inactive ones too', async () => {
    render(<DictionariesPage />);
    await screen.findByText('财税金融');
    expect($$('.wb-dict__tab').map((t) => t.textContent)).toEqual(['政策类别', '行业', '区域', '企业资质']);
    expect(requests()).toEqual(['GET /admin/dictionaries/categories']);
    fireEvent.click(screen.getByText('区域'));
    await screen.findByText('雨湖区');
    expect(requests().at(-1)).toBe('GET /admin/dictionaries/districts');
    expect($$('.wb-dict__value').map((e) => e.textContent)).toEqual(['全市', '岳塘区', '雨湖区']);
    expect($$('.wb-dict__state').map((e) => e.textContent)).toEqual(['启用', '启用', '已停用']);
    expect($$('.wb-dict__row')[2].className).toContain('wb-dict__row--off');
  });

  it('adds, toggles, renames in place and reorders, each with one request', async () => {
    render(<DictionariesPage />);
    await screen.findByText('财税金融');

    typeInto($('.wb-dict__add-input')!, ' 人才政策 ');
    fireEvent.click(screen.getByText('添加'));
    await screen.findByText('人才政策');
    expect(writes().at(-1)).toEqual(['POST /admin/dictionaries/categories', { value: '人才政策', sort: 30 }]);
    expect(($('.wb-dict__add-input') as HTMLInputElement).value).toBe('');

    typeInto($('.wb-dict__add-input')!, '财税金融');
    fireEvent.click(screen.getByText('添加'));
    expect((await screen.findByRole('alert')).textContent).toBe('该名称已存在');

    fireEvent.click($$('.wb-dict__row')[0].querySelector('[role="switch"]')!);
    await waitFor(() => expect($$('.wb-dict__state')[0].textContent).toBe('已停用'));
    expect(writes().at(-1)).toEqual(['PATCH /admin/dictionaries/categories/1', { active: false }]);

    fireEvent.click($$('.wb-dict__rename-start')[1]);
    typeInto($('.wb-dict__rename-input')!, '科技创新与成果转化');
    fireEvent.click(screen.getByText('保存'));
    await screen.findByText('科技创新与成果转化');
    expect(writes().at(-1)).toEqual(['PATCH /admin/dictionaries/categories/2', { value: '科技创新与成果转化' }]);
    expect($('.wb-dict__rename-input')).toBeNull();

    fireEvent.click($$('.wb-dict__row')[0].querySelector('.wb-dict__down')!);
    await waitFor(() =>
      expect($$('.wb-dict__value').map((e) => e.textContent)).toEqual(['科技创新与成果转化', '财税金融', '人才政策']),
    );
    expect(writes().slice(-2)).toEqual([
      ['PATCH /admin/dictionaries/categories/1', { sort: 20 }],
      ['PATCH /admin/dictionaries/categories/2', { sort: 10 }],
    ]);
    expect($$('.wb-dict__row')[0].querySelector('.wb-dict__up')).toBeNull();
    expect($$('.wb-dict__row')[2].querySelector('.wb-dict__down')).toBeNull();
  });
});

void Taro;
