import { act, render, renderHook, screen, within } from '@testing-library/react';
import type { CaseMessageItem, CaseTimelineEntry } from '@qsgj/shared/contracts';
import Taro, { __reset } from '../shims/taro';
import CaseMessages from '../../src/components/case-messages';
import {
  imagesMessage,
  imagesNotReady,
  markRefusedImages,
  messageImages,
} from '../../src/components/case-messages/message-images';
import { useImageUploads } from '../../src/components/image-picker';
import { ApiError } from '../../src/services/http';
import CaseTimeline from '../../src/components/case-timeline';
import { caseDay, caseTime } from '../../src/components/case-timeline/format';

function entry(over: Partial<CaseTimelineEntry>): CaseTimelineEntry {
  return {
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
    ...over,
  };
}

const downloads: string[] = [];
beforeEach(() => {
  __reset();
  downloads.length = 0;
  Object.assign(Taro, {
    downloadFile: async ({ url }: { url: string }) => {
      downloads.push(url);
      return { statusCode: 200, tempFilePath: `blob:${url}` };
    },
    previewImage: async () => undefined,
  });
});

describe('case time formats', () => {
  it('reads instants in Asia/Shanghai, whatever the device zone', () => {
    // 16:30 UTC on 2 Dec is 00:30 on 3 Dec in Shanghai.
    expect(caseTime('2026-12-02T16:30:00.000Z', new Date('2026-06-01T00:00:00Z'))).toBe('12月3日 00:30');
    expect(caseTime('2025-12-02T01:05:00.000Z', new Date('2026-06-01T00:00:00Z'))).toBe('2025年12月2日 09:05');
    expect(caseDay('2027-01-05')).toBe('2027年1月5日');
    expect(caseDay('2026-12-02T16:30:00.000Z')).toBe('2026年12月3日');
    expect(caseTime('not a date')).toBe('');
  });
});

describe('CaseTimeline', () => {
  const entries: CaseTimelineEntry[] = [
    entry({
      seq: 4,
      at: '2026-12-02T03:00:00.000Z',
      action: 'extend',
      actor: { kind: 'supervisor', name: '李主管' },
      from: 'accepted',
      to: 'accepted',
      reason: '需要现场核查',
      extensionDays: 3,
    }),
    entry({ seq: 1 }),
    entry({
      seq: 3,
      at: '2026-12-01T03:00:00.000Z',
      action: 'transfer',
      actor: { kind: 'butler', name: '王管家' },
      from: 'accepted',
      to: 'submitted',
      reason: '属市场监管职责',
      department: { id: 'd2', name: '市场监督管理局' },
    }),
    entry({
      seq: 2,
      at: '2026-11-30T06:00:00.000Z',
      action: 'accept',
      actor: { kind: 'butler', name: '王管家' },
      from: 'submitted',
      to: 'accepted',
    }),
    entry({
      seq: 5,
      at: '2026-12-03T03:00:00.000Z',
      action: 'long_term',
      actor: { kind: 'centre', name: null },
      from: 'accepted',
      to: 'long_term',
      plan: '协调供电公司分期改造',
      nextReviewOn: '2027-01-05',
    }),
    entry({
      seq: 6,
      at: '2026-12-04T03:00:00.000Z',
      action: 'resolve',
      actor: { kind: 'butler', name: '王管家' },
      from: 'long_term',
      to: 'resolved',
      result: '已完成线路改造',
    }),
  ];

  it('shows every transition oldest first, newest last, with who / when / what / why', () => {
    const { container } = render(<CaseTimeline entries={entries} />);
    const rows = Array.from(container.querySelectorAll('.case-timeline__entry'));
    expect(rows.map((r) => r.getAttribute('data-action'))).toEqual([
      'create',
      'accept',
      'transfer',
      'extend',
      'long_term',
      'resolve',
    ]);
    expect(rows[5].className).toContain('case-timeline__entry--last');
    expect(rows[0].textContent).toContain('提交诉求');
    expect(rows[0].textContent).toContain('湘潭示范科技有限公司 · 11月30日 10:00');
    expect(rows[1].textContent).toContain('待受理 → 办理中');
    expect(rows[1].textContent).toContain('亲商管家 王管家');
    expect(rows[2].textContent).toContain('转至：市场监督管理局');
    expect(rows[2].textContent).toContain('转办理由：属市场监管职责');
    expect(rows[3].textContent).toContain('延期：3 个工作日');
    expect(rows[3].textContent).toContain('延期理由：需要现场核查');
    expect(rows[3].textContent).toContain('主管 李主管');
    expect(rows[4].textContent).toContain('协调中心 ·');
    expect(rows[4].textContent).toContain('推进计划：协调供电公司分期改造');
    expect(rows[4].textContent).toContain('下次跟踪：2027年1月5日');
    expect(rows[5].textContent).toContain('办理结果：已完成线路改造');
    expect(rows[5].textContent).toContain('长期推进 → 已办结');
  });

  it('names what staff asked for and what the enterprise supplied, and a conversion', () => {
    const { container } = render(
      <CaseTimeline
        entries={[
          entry({
            seq: 1,
            action: 'request_info',
            from: 'accepted',
            to: 'awaiting_enterprise',
            reason: '营业执照副本',
          }),
          entry({ seq: 2, action: 'supplement', from: 'awaiting_enterprise', to: 'accepted', reason: '已上传' }),
          entry({ seq: 3, action: 'convert', from: 'accepted', to: 'accepted', toType: 'complaint' }),
        ]}
      />,
    );
    expect(container.textContent).toContain('需补充：营业执照副本');
    expect(container.textContent).toContain('补充说明：已上传');
    expect(container.textContent).toContain('转为：投诉');
    expect(container.textContent).not.toContain('延期');
  });

  it('says so when there is nothing yet', () => {
    render(<CaseTimeline entries={[]} />);
    expect(screen.getByText('暂无办理记录')).toBeTruthy();
  });
});

describe('CaseMessages', () => {
  const messages: CaseMessageItem[] = [
    {
      id: 'm2',
      at: '2026-12-01T02:00:00.000Z',
      author: { kind: 'staff', name: '王管家' },
      content: '已联系供电公司',
      images: [],
    },
    {
      id: 'm1',
      at: '2026-11-30T02:00:00.000Z',
      author: { kind: 'enterprise', name: null },
      content: '厂区停电三天了',
      images: [
        { id: 'f1', url: '/api/v1/cases/c1/images/f1' },
        { id: 'f2', url: '/api/v1/cases/c1/images/f2' },
      ],
    },
  ];

  it('puts the enterprise on the right and staff on the left, oldest first, images downloaded with the sign-in', async () => {
    const { container } = render(<CaseMessages messages={messages} />);
    await act(async () => undefined);
    const items = Array.from(container.querySelectorAll('.case-messages__item'));
    expect(items.map((i) => i.getAttribute('data-id'))).toEqual(['m1', 'm2']);
    expect(items[0].className).toContain('case-messages__item--mine');
    expect(items[0].className).toContain('case-messages__item--enterprise');
    expect(items[1].className).not.toContain('case-messages__item--mine');
    expect(within(items[0] as HTMLElement).getByText('厂区停电三天了')).toBeTruthy();
    expect(items[0].textContent).toContain('企业 · 11月30日 10:00');
    expect(items[1].textContent).toContain('王管家 ·');
    const imgs = items[0].querySelectorAll('img');
    expect(Array.from(imgs).map((i) => i.getAttribute('src'))).toEqual([
      'blob:/api/v1/cases/c1/images/f1',
      'blob:/api/v1/cases/c1/images/f2',
    ]);
    expect(downloads).toEqual(['/api/v1/cases/c1/images/f1', '/api/v1/cases/c1/images/f2']);
  });

  it('puts staff on the right for the workbench', () => {
    const { container } = render(<CaseMessages messages={messages} viewer="staff" />);
    const mine = Array.from(container.querySelectorAll('.case-messages__item--mine'));
    expect(mine.map((i) => i.getAttribute('data-id'))).toEqual(['m2']);
  });

  it('says so when nobody has written yet', () => {
    render(<CaseMessages messages={[]} />);
    expect(screen.getByText('还没有留言')).toBeTruthy();
  });
});

describe('a message’s images (the reply boxes)', () => {
  const uploaded = (ids: string[]) =>
    renderHook(() =>
      useImageUploads(
        ids.map((id) => ({ id, path: `blob:${id}`, uploadedAt: Date.now() })),
        9,
      ),
    );
  const refusal = (fields: string[]) =>
    new ApiError(
      400,
      'VALIDATION_FAILED',
      '参数错误',
      fields.map((field) => ({ field, message: `${field} 已被使用` })),
    );

  it('marks each image the server names (images[i] of the ids sent) on its own tile, whatever the order', () => {
    const { result } = uploaded(['f0', 'f1', 'f2', 'f3']);
    expect(messageImages(result.current)).toEqual({ images: ['f0', 'f1', 'f2', 'f3'] });
    let first: string | undefined;
    act(() => {
      first = markRefusedImages(refusal(['images[1]', 'images[3]', 'images[0]']), result.current);
    });
    expect(first).toBe('images[1] 已被使用');
    expect(result.current.items.map((i) => [i.path, i.status, i.error])).toEqual([
      ['blob:f0', 'failed', 'images[0] 已被使用'],
      ['blob:f1', 'failed', 'images[1] 已被使用'],
      ['blob:f2', 'done', undefined],
      ['blob:f3', 'failed', 'images[3] 已被使用'],
    ]);
    expect(messageImages(result.current)).toEqual({ images: ['f2'] });
    expect(imagesNotReady(result.current)).toBe('有图片上传失败，请点「重试」或删除后再发送');
    expect(imagesMessage(result.current, first)).toBe('images[1] 已被使用');
  });

  it('leaves the images alone when the refusal names none, and says nothing once none is failed', () => {
    const { result } = uploaded(['f0']);
    act(() => {
      expect(markRefusedImages(refusal(['content']), result.current)).toBeUndefined();
      expect(markRefusedImages(new Error('网络连接失败'), result.current)).toBeUndefined();
    });
    expect(result.current.items.map((i) => i.status)).toEqual(['done']);
    expect(imagesNotReady(result.current)).toBeUndefined();
    expect(imagesMessage(result.current, '旧的提示')).toBeUndefined();
    const { result: none } = uploaded([]);
    expect(messageImages(none.current)).toEqual({});
  });
});
