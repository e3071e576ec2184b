import {
  containsPersonalData,
  formatSubscribeTime,
  redactPersonalData,
  sanitizeSubscribeData,
  sanitizeSubscribeValue,
  SubscribeDataError,
  stripControlCharacters,
  truncateCharacters,
} from './subscribe-message';

function refusal(key: string, value: string | Date | number): string | null {
  try {
    sanitizeSubscribeValue(key, value);
    return null;
  } catch (e) {
    if (e instanceof SubscribeDataError) {
      expect(e.message).not.toContain(String(value));
      return e.reason;
    }
    throw e;
  }
}

describe('subscribe message values', () => {
  describe('thing: at most 20 characters', () => {
    it('keeps a short value as it is', () => {
      expect(sanitizeSubscribeValue('thing1', '湘潭智造电机有限公司')).toBe('湘潭智造电机有限公司');
    });

    it('cuts a long value to 20 characters counting characters, not bytes, ending with …', () => {
      const name = '湘潭市岳塘区经济开发区智能制造装备产业园有限责任公司';
      const value = sanitizeSubscribeValue('thing1', name);
      expect(Array.from(value)).toHaveLength(20);
      expect(value).toBe('湘潭市岳塘区经济开发区智能制造装备产业…');
      expect(sanitizeSubscribeValue('thing2', 'a'.repeat(20))).toBe('a'.repeat(20));
      expect(sanitizeSubscribeValue('thing2', 'a'.repeat(21))).toBe(`${'a'.repeat(19)}…`);
    });

    it('never splits a character outside the basic plane (emoji, rare 汉字)', () => {
      const value = sanitizeSubscribeValue('thing1', '𠀋'.repeat(25));
      expect(value).toBe(`${'𠀋'.repeat(19)}…`);
    });
  });

  describe('phrase: at most 5 汉字', () => {
    it('keeps 汉字 only, at most five, without an ellipsis', () => {
      expect(sanitizeSubscribeValue('phrase2', '已通过')).toBe('已通过');
      expect(sanitizeSubscribeValue('phrase2', '审核已经通过了')).toBe('审核已经通');
      expect(sanitizeSubscribeValue('phrase2', ' OK 已办结!')).toBe('已办结');
    });

    it('refuses a phrase with no 汉字 left', () => {
      expect(refusal('phrase2', 'OK')).toBe('empty');
    });
  });

  describe('control characters', () => {
    it('strips control, zero-width and bidi characters; line breaks become a space', () => {
      expect(stripControlCharacters('第一行\r\n第二行\t\u0007结束\u200b\u202e反转\u2066')).toBe(
        '第一行 第二行 结束反转',
      );
      expect(sanitizeSubscribeValue('thing4', '\u0000\u001b[31m红色\u007f')).toBe('[31m红色');
    });

    it('refuses a value that is empty once cleaned', () => {
      expect(refusal('thing1', ' \n\t\u200b ')).toBe('empty');
    });
  });

  describe('personal data', () => {
    it.each([
      ['a mobile number', '13812345678'],
      ['a mobile number typed with spaces', '138 1234 5678'],
      ['a mobile number with +86', '+86-138-1234-5678'],
      ['a mobile number in full-width digits', '１３８１２３４５６７８'],
      ['an ID number', '430302199001011234'],
      ['an ID number ending in X', '43030219900101123X'],
      ['an old 15-digit ID number', '430302900101123'],
      ['a landline', '0731-58581234'],
      ['an e-mail address', 'zhangsan@example.com'],
    ])('refuses a value that is %s', (_label, value) => {
      expect(containsPersonalData(value)).toBe(true);
      expect(refusal('thing1', value)).toBe('personal_data');
      expect(refusal('character_string1', value)).toBe('personal_data');
    });

    it('masks personal data inside longer text, before cutting it to length', () => {
      expect(sanitizeSubscribeValue('thing1', '请致电13812345678联系')).toBe('请致电***联系');
      // The number straddles the 20-character limit: cut first, a partial number would slip through.
      const value = sanitizeSubscribeValue('thing1', '湘潭市岳塘区经济开发区联系人电话13812345678');
      expect(value).toBe('湘潭市岳塘区经济开发区联系人电话***');
      expect(value).not.toMatch(/\d{4}/);
      expect(redactPersonalData('身份证430302199001011234，邮箱a@b.cn')).toBe('身份证***，邮箱***');
    });

    it('leaves ordinary numbers alone: dates, amounts, case numbers, credit codes', () => {
      for (const text of ['2026年11月27日', '补贴 50000 元', 'AJ2026112700012', '91350100M000100Y43', '12345 热线']) {
        expect(containsPersonalData(text)).toBe(false);
      }
    });

    it('never fills the field types meant for personal data', () => {
      expect(refusal('phone_number3', '0731-12345')).toBe('personal_data');
      expect(refusal('car_number1', '湘C12345')).toBe('personal_data');
    });
  });

  describe('times and other types', () => {
    it('formats time and date fields in China Standard Time, as WeChat documents them', () => {
      const at = new Date('2026-11-27T06:05:00Z');
      expect(sanitizeSubscribeValue('time3', at)).toBe('2026年11月27日 14:05');
      expect(sanitizeSubscribeValue('date2', at)).toBe('2026年11月27日');
      expect(formatSubscribeTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
    });

    it('refuses a time field given text or an invalid date', () => {
      expect(refusal('time3', '明天')).toBe('bad_time');
      expect(refusal('time3', new Date('nope'))).toBe('bad_time');
    });

    it('keeps character_string to 32 printable ASCII characters', () => {
      expect(sanitizeSubscribeValue('character_string1', 'AJ-2026-0001 受理')).toBe('AJ-2026-0001');
      expect(sanitizeSubscribeValue('character_string1', 'x'.repeat(40))).toBe('x'.repeat(32));
      expect(sanitizeSubscribeValue('number2', 'NO. 12.5')).toBe('.12.5');
    });

    it('refuses a key that names no field type', () => {
      expect(refusal('title', '标题')).toBe('unknown_field');
      expect(refusal('keyword1', '标题')).toBe('unknown_field');
    });
  });

  it('sanitises a whole message into WeChat’s { key: { value } } shape', () => {
    expect(
      sanitizeSubscribeData({
        thing1: '湘潭市岳塘区经济开发区智能制造装备产业园有限责任公司',
        phrase2: '待审核',
        time3: new Date('2026-11-27T06:05:00Z'),
        thing4: '有新成员申请加入企业\n请及时审核',
      }),
    ).toEqual({
      thing1: { value: '湘潭市岳塘区经济开发区智能制造装备产业…' },
      phrase2: { value: '待审核' },
      time3: { value: '2026年11月27日 14:05' },
      thing4: { value: '有新成员申请加入企业 请及时审核' },
    });
  });

  it('truncateCharacters counts code points', () => {
    expect(truncateCharacters('😀😀😀', 2)).toBe('😀…');
    expect(truncateCharacters('abc', 3)).toBe('abc');
  });
});
