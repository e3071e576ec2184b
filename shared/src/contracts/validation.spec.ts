import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type * as Contracts from './index';
import { encodeCursor } from '../rules/cursor';

// class-transformer's @Type (PageQueryDto) reads Reflect.getMetadata, which the server gets from reflect-metadata.
const reflect = Reflect as unknown as { getMetadata?: () => unknown };
reflect.getMetadata ??= () => undefined;
// Loaded after the shim (a type-only import is erased; a value import would be hoisted above it).
const contracts = jest.requireActual<typeof Contracts>('./index');
const {
  AuditQueryDto,
  findBadText,
  isIsoDateOrDateTime,
  isPageCursor,
  MaxChars,
  MinChars,
  RecordSubscribeGrantsDto,
  subscribeResultsProblem,
  textLength,
  UpdateMeDto,
} = contracts;

class Limited {
  @MaxChars(3, { message: '最多 3 个字符' })
  @MinChars(2, { message: '至少 2 个字符' })
  text!: unknown;
}

function messages(value: unknown): string[] {
  return validateSync(plainToInstance(Limited, { text: value })).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('one length rule: code points, as PostgreSQL varchar(n) counts', () => {
  it('counts astral characters once, and variation selectors and combining marks as the characters they are', () => {
    expect(textLength('abc')).toBe(3);
    expect(textLength('😀😀')).toBe(2);
    expect(textLength('a\ufe0f')).toBe(2);
    expect(textLength('e\u0301')).toBe(2);
    expect(textLength('\ud800')).toBe(1);
    expect(textLength('')).toBe(0);
  });

  it('pins the boundary: 3 passes, 4 fails, whatever the characters', () => {
    expect(messages('abc')).toEqual([]);
    expect(messages('😀😀😀')).toEqual([]); // 6 UTF-16 units, 3 characters
    expect(messages('abcd')).toEqual(['最多 3 个字符']);
    expect(messages('ab\ufe0f\ufe0f')).toEqual(['最多 3 个字符']); // class-validator's MaxLength let this through
    expect(messages('😀😀😀😀')).toEqual(['最多 3 个字符']);
    expect(messages('a')).toEqual(['至少 2 个字符']);
    expect(messages('😀')).toEqual(['至少 2 个字符']); // 2 UTF-16 units, 1 character
  });

  it('says nothing about a value that is not text (its type rule does)', () => {
    expect(messages(12345)).toEqual([]);
    expect(messages(['a', 'b', 'c', 'd'])).toEqual([]);
  });

  it('is the rule every text field of the contracts uses', () => {
    const dto = plainToInstance(UpdateMeDto, { nickname: 'a'.repeat(30) + '\ufe0f' });
    expect(validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}))).toEqual(['昵称不能超过 30 个字符']);
    expect(validateSync(plainToInstance(UpdateMeDto, { nickname: '😀'.repeat(30) }))).toEqual([]);
  });
});

describe('dates: YYYY-MM-DD or an ISO date-time with its time zone, nothing else', () => {
  it.each([
    '2026-11-30',
    '2024-02-29',
    '0001-01-01',
    '9999-12-31',
    '2026-11-30T08:00Z',
    '2026-11-30T08:00:59Z',
    '2026-11-30T08:00:00.123456+08:00',
    '2026-11-30T23:59:59-14:00',
  ])('accepts %s', (value) => expect(isIsoDateOrDateTime(value)).toBe(true));

  it.each([
    '20261130',
    '2026-W48',
    '2026-W48-1',
    '2026-335',
    '2026-11',
    '2026-02-29',
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
    '2026-11-30T24:00:00Z',
    '2026-11-30T08:60Z',
    '2026-11-30T08:00:60Z',
    '2026-11-30T08:00:00',
    '2026-11-30T08:00:00+15:00',
    '2026-11-30 08:00:00Z',
    '+002026-11-30',
    '2026-11-30\u0000',
    ' 2026-11-30',
    '',
  ])('refuses %j', (value) => expect(isIsoDateOrDateTime(value)).toBe(false));

  it('is the rule of the audit filter, with a message that shows the format', () => {
    const errors = validateSync(plainToInstance(AuditQueryDto, { from: '20261130', to: '2026-11-30' }));
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])).toEqual([
      ['from', [expect.stringContaining('YYYY-MM-DD')]],
    ]);
  });
});

describe('text no column can hold', () => {
  it('finds a NUL or a lone surrogate in any value or key, at any depth, and names where', () => {
    expect(findBadText({ a: 'ok', b: ['fine', { c: 'x\u0000' }] })).toEqual({
      field: 'b.1.c',
      message: 'b.1.c 含有不允许的空字符（U+0000）',
    });
    expect(findBadText({ nickname: 'x\ud800' })?.message).toBe('nickname 含有无效的字符（不成对的 UTF-16 代理项）');
    expect(findBadText({ nickname: '\udc00x' })?.field).toBe('nickname');
    expect(findBadText({ results: { 'tpl\u0000': 'accept' } })).toEqual({
      field: 'results',
      message: '字段名 含有不允许的空字符（U+0000）',
    });
    expect(findBadText('a\u0000')).toEqual({ field: '(请求内容)', message: '请求内容 含有不允许的空字符（U+0000）' });
  });

  it('lets every real character through: astral, variation selectors, RTL marks, combining marks', () => {
    expect(
      findBadText({ a: '😀👩‍👩‍👧‍👦', b: 'a\ufe0f', c: '\u202eabc', d: 'e\u0301', e: [1, true, null], f: '' }),
    ).toBeNull();
  });
});

describe('page cursors', () => {
  it('refuses a numeric id the integer column cannot hold', () => {
    expect(isPageCursor(encodeCursor({ k: 'x', id: 2_147_483_647 }))).toBe(true);
    expect(isPageCursor(encodeCursor({ k: 'x', id: 2_147_483_648 }))).toBe(false);
    expect(isPageCursor(encodeCursor({ k: 'x', id: 0 }))).toBe(false);
    expect(isPageCursor(encodeCursor({ k: 'x', id: 1.5 }))).toBe(false);
    expect(isPageCursor(encodeCursor({ k: 'x', id: 'c0ffee00-0000-4000-8000-000000000000' }))).toBe(true);
  });
});

describe('subscribe results: one message per rule', () => {
  it.each([
    [[], '订阅结果必须是对象：模板编号 → accept / reject / ban / filter'],
    [{}, '订阅结果须包含 1 至 3 个模板，收到 0 个'],
    [{ a: 'accept', b: 'accept', c: 'accept', d: 'accept' }, '订阅结果须包含 1 至 3 个模板，收到 4 个'],
    [{ '': 'accept' }, '模板编号须为 1 至 128 位字母、数字、下划线或短横线'],
    [{ ['x'.repeat(129)]: 'accept' }, '模板编号须为 1 至 128 位字母、数字、下划线或短横线'],
    [{ tpl: 'maybe' }, '每个模板的订阅结果只能是 accept、reject、ban 或 filter'],
  ])('%j → %s', (results, message) => {
    expect(subscribeResultsProblem(results)).toBe(message);
    const errors = validateSync(plainToInstance(RecordSubscribeGrantsDto, { results }));
    expect(errors.flatMap((e) => Object.values(e.constraints ?? {}))).toEqual([message]);
  });

  it('accepts WeChat answers', () =>
    expect(subscribeResultsProblem({ ['x'.repeat(128)]: 'accept', b: 'ban' })).toBeNull());
});

/** Every request DTO class the contracts export. */
const DTOS = Object.entries(contracts).filter(
  (entry): entry is [string, new () => object] =>
    typeof entry[1] === 'function' &&
    getMetadataStorage().getTargetValidationMetadatas(entry[1] as new () => object, '', true, false).length > 0,
);

describe('every DTO of the contracts', () => {
  it('finds them all', () => {
    expect(DTOS.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'WechatLoginDto',
        'BindEnterpriseDto',
        'CreateStaffDto',
        'AuditQueryDto',
        'PageQueryDto',
      ]),
    );
  });

  it.each(DTOS)('%s: each rule has its own Chinese message, and text lengths count code points', (_name, dto) => {
    const storage = getMetadataStorage();
    const problems: string[] = [];
    const byProperty = new Map<string, string[]>();
    for (const meta of storage.getTargetValidationMetadatas(dto, '', true, false)) {
      if (meta.type === 'conditionalValidation' || meta.type === 'whitelistValidation') continue;
      const constraint = meta.constraintCls ? storage.getTargetValidatorConstraints(meta.constraintCls)[0] : undefined;
      const rule = constraint?.name ?? meta.type;
      const message =
        typeof meta.message === 'function' ? 'dynamic' : typeof meta.message === 'string' ? meta.message : undefined;
      if (message === undefined) problems.push(`${meta.propertyName}: ${rule} has no message of its own`);
      else if (message !== 'dynamic' && !/[\u4e00-\u9fff]/.test(message)) {
        problems.push(`${meta.propertyName}: ${rule} message is not Chinese: ${message}`);
      } else if (message !== 'dynamic')
        byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), message]);
      // A length rule must count code points: n ASCII letters plus a variation selector is n + 1 characters.
      if ((rule === 'maxLength' || rule === 'minLength') && meta.constraintCls) {
        const n = Number(meta.constraints[0]);
        const validate = (v: string) =>
          new (meta.constraintCls as new () => { validate(v: unknown, a: unknown): boolean })().validate(v, {
            constraints: meta.constraints,
          });
        const counted =
          rule === 'maxLength' ? !validate('a'.repeat(n) + '\ufe0f') : validate('a'.repeat(n - 1) + '\ufe0f');
        if (!counted)
          problems.push(`${meta.propertyName}: ${rule} does not count code points (use MaxChars / MinChars)`);
      }
    }
    for (const [property, list] of byProperty) {
      const repeated = list.filter((m, i) => list.indexOf(m) !== i);
      if (repeated.length) problems.push(`${property}: two rules share the message ${repeated[0]}`);
    }
    expect(problems).toEqual([]);
  });
});
