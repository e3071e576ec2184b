import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type * as Cases from './cases';

// class-transformer's @Type (PageQueryDto) reads Reflect.getMetadata, which the server gets from reflect-metadata.
const reflect = Reflect as unknown as { getMetadata?: () => unknown };
reflect.getMetadata ??= () => undefined;

// Loaded after the shim (a type-only import is erased; a value import would be hoisted above it).
let c: typeof Cases;
beforeAll(() => {
  c = jest.requireActual<typeof Cases>('./cases');
});

/** Field → message of every failure, as the server's validation pipe would answer (one message per field is enough here). */
function problems(cls: new () => object, body: Record<string, unknown>): Record<string, string[]> {
  const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

const UUID = '7b0e3f5c-1f1e-4c55-9a43-0a1b2c3d4e5f';
const uuid = (i: number) => `7b0e3f5c-1f1e-4c55-9a43-${String(i).padStart(12, '0')}`;

describe('CreateCaseDto', () => {
  const ok = { type: 'consult', content: '研发费用加计扣除怎么申报？' };

  it('accepts a consultation and a complaint', () => {
    expect(problems(c.CreateCaseDto, ok)).toEqual({});
    expect(
      problems(c.CreateCaseDto, {
        type: 'complaint',
        content: '窗口多次要求重复提交材料',
        category: 'approval',
        images: [uuid(1), uuid(2)],
        anonymous: true,
        policyId: UUID,
      }),
    ).toEqual({});
    expect(problems(c.CreateCaseDto, { ...ok, butlerId: UUID })).toEqual({});
  });

  it.each([
    [{ type: 'service' }, 'type', '请选择咨询或投诉'],
    [{ type: 'appeal' }, 'type', '请选择咨询或投诉'],
    [{ content: '   ' }, 'content', '请描述您的问题'],
    [{ content: 42 }, 'content', '内容必须是文本'],
    [{ content: '字'.repeat(2001) }, 'content', '内容不能超过 2000 个字'],
    [{ category: '税 务' }, 'category', '诉求分类不在可选范围内'],
    [{ images: Array.from({ length: 10 }, (_, i) => uuid(i)) }, 'images', '最多上传 9 张图片'],
    [{ images: [uuid(1), uuid(1)] }, 'images', '图片不能重复'],
    [{ images: ['../etc/passwd'] }, 'images', '图片编号格式错误'],
    [{ anonymous: true }, 'anonymous', '只有投诉可以选择对被投诉部门隐藏企业身份'],
    [{ anonymous: 'yes' }, 'anonymous', '匿名选项必须是布尔值'],
    [{ type: 'complaint', butlerId: UUID }, 'butlerId', '只有咨询可以指定管家'],
    [{ policyId: 'p1' }, 'policyId', '政策编号格式错误'],
  ])('refuses %j', (change, field, message) => {
    expect(problems(c.CreateCaseDto, { ...ok, ...change })[field]).toContain(message);
  });

  it('takes up to 9 images and 2000 characters', () => {
    expect(
      problems(c.CreateCaseDto, {
        ...ok,
        images: Array.from({ length: 9 }, (_, i) => uuid(i)),
        content: '字'.repeat(2000),
      }),
    ).toEqual({});
  });

  it('refuses fields it does not know (whitelist)', () => {
    expect(problems(c.CreateCaseDto, { ...ok, state: 'resolved' })).toHaveProperty('state');
  });
});

describe('RecordCaseDto', () => {
  const ok = { source: 'hotline_12345', enterpriseId: UUID, type: 'appeal', content: '12345 转来：园区道路积水' };
  it('takes a case from another channel, never from the mini-program', () => {
    expect(problems(c.RecordCaseDto, ok)).toEqual({});
    expect(problems(c.RecordCaseDto, { ...ok, source: 'miniapp' }).source).toEqual([
      '请选择诉求来源：企业接待日、12345热线、企业家群或管家代录',
    ]);
    expect(problems(c.RecordCaseDto, { ...ok, type: 'service' }).type).toEqual(['请选择咨询、投诉或诉求反映']);
    expect(problems(c.RecordCaseDto, { ...ok, anonymous: true }).anonymous).toEqual([
      '只有投诉可以选择对被投诉部门隐藏企业身份',
    ]);
  });
});

describe('CaseTransitionDto', () => {
  it('takes every action of the transitions route, not the rating', () => {
    for (const action of [
      'accept',
      'reject',
      'transfer',
      'extend',
      'long_term',
      'review',
      'resolve',
      'close',
      'supplement',
    ]) {
      expect(problems(c.CaseTransitionDto, { action })).toEqual({});
    }
    expect(problems(c.CaseTransitionDto, { action: 'rate' }).action).toEqual(['不支持该操作']);
    expect(problems(c.CaseTransitionDto, {}).action).toEqual(['不支持该操作']);
  });

  it.each([
    [{ extensionDays: 0 }, 'extensionDays', '延期至少 1 个工作日'],
    [{ extensionDays: 16 }, 'extensionDays', '一次延期最多 15 个工作日'],
    [{ extensionDays: '3' }, 'extensionDays', '延期天数必须是整数'],
    [{ nextReviewOn: '2026-02-30' }, 'nextReviewOn', '下次跟踪日期格式错误（YYYY-MM-DD）'],
    [{ nextReviewOn: '2026-03-01T00:00:00Z' }, 'nextReviewOn', '下次跟踪日期格式错误（YYYY-MM-DD）'],
    [{ toType: 'service' }, 'toType', '咨询只能转为投诉或诉求反映'],
    [{ reason: '字'.repeat(501) }, 'reason', '理由不能超过 500 个字'],
    [{ departmentId: 'sales' }, 'departmentId', '部门编号格式错误'],
  ])('refuses %j', (change, field, message) => {
    expect(problems(c.CaseTransitionDto, { action: 'extend', ...change })[field]).toContain(message);
  });

  it('trims texts', () => {
    const dto = plainToInstance(c.CaseTransitionDto, { action: 'reject', reason: '  材料不全  ' });
    expect(dto.reason).toBe('材料不全');
  });
});

describe('messages, notes, ratings, follow-ups', () => {
  it('messages and notes need text', () => {
    expect(problems(c.CaseMessageDto, { content: '已补充' })).toEqual({});
    expect(problems(c.CaseMessageDto, { content: '' }).content).toContain('请输入留言内容');
    expect(problems(c.CaseNoteDto, { content: ' ' }).content).toContain('请输入备注内容');
  });

  it('rates on the five levels with known tags only', () => {
    for (const level of [1, 2, 3, 4, 5]) expect(problems(c.CaseRatingDto, { level })).toEqual({});
    for (const level of [0, 6, '5', 4.5, null])
      expect(problems(c.CaseRatingDto, { level }).level).toEqual([
        '请选择评价：非常满意、满意、基本满意、不满意或非常不满意',
      ]);
    expect(problems(c.CaseRatingDto, { level: 2, tags: ['响应慢', '推诿扯皮'], comment: '三次才答复' })).toEqual({});
    expect(problems(c.CaseRatingDto, { level: 2, tags: ['我的手机号 13800000000'] }).tags).toEqual([
      '评价标签不在可选范围内',
    ]);
    expect(problems(c.CaseRatingDto, { level: 2, tags: ['响应慢', '响应慢'] }).tags).toEqual(['评价标签不能重复']);
  });

  it('records a follow-up and its rating', () => {
    expect(
      problems(c.FollowUpDto, {
        contactMethod: 'phone',
        contactedAt: '2026-03-05T10:00:00+08:00',
        outcome: '已电话回访并整改',
      }),
    ).toEqual({});
    expect(problems(c.FollowUpDto, { contactMethod: 'fax', contactedAt: 'yesterday', outcome: '' })).toEqual({
      contactMethod: ['请选择回访方式：电话、上门或线上'],
      contactedAt: ['回访时间格式错误'],
      outcome: ['请填写回访情况'],
    });
    expect(problems(c.FollowUpRatingDto, { rating: 'basically_satisfied' })).toEqual({});
    expect(problems(c.FollowUpRatingDto, { rating: 'very_satisfied' }).rating).toEqual([
      '请选择：满意、基本满意或不满意',
    ]);
    expect(problems(c.RatingAppealDecisionDto, { uphold: 'no', reason: '' })).toEqual({
      uphold: ['请选择维持或撤销该评价'],
      reason: ['请填写复核理由'],
    });
  });
});

describe('CaseListQueryDto', () => {
  it('reads filters from the query string', () => {
    const dto = plainToInstance(c.CaseListQueryDto, { overdue: 'true', mine: 'false', state: 'accepted', limit: '50' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto).toMatchObject({ overdue: true, mine: false, state: 'accepted', limit: 50 });
  });

  it.each([
    [{ overdue: 'yes' }, 'overdue'],
    [{ dueSoon: '1' }, 'dueSoon'],
    [{ unassigned: 'maybe' }, 'unassigned'],
    [{ state: 'archived' }, 'state'],
    [{ type: 'praise' }, 'type'],
    [{ source: 'email' }, 'source'],
    [{ limit: '101' }, 'limit'],
  ])('refuses %j', (query, field) => expect(problems(c.CaseListQueryDto, query)).toHaveProperty(field));
});

describe('CalendarYearDto', () => {
  it('checks every day of both lists', () => {
    expect(problems(c.CalendarYearDto, { holidays: ['2027-01-01'], workdays: [] })).toEqual({});
    expect(problems(c.CalendarYearDto, { holidays: ['2027-01-01', '2027-02-30'], workdays: ['x'] })).toEqual({
      holidays: ['放假日期格式错误（YYYY-MM-DD）'],
      workdays: ['调休上班日期格式错误（YYYY-MM-DD）'],
    });
  });
});
