import {
  completeCreditCode,
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_MESSAGES,
  creditCodeCheckChar,
  creditCodeMessage,
  creditCodeProblem,
  isValidCreditCode,
  normalizeCreditCode,
  organizationCodeCheckChar,
  PROVINCE_CODES,
  REGISTRATION_CATEGORIES,
} from './credit-code';

/** `code` with character `i` replaced and the final check character recomputed, so only that part is wrong. */
function withChar(code: string, i: number, c: string): string {
  const first17 = (code.slice(0, i) + c + code.slice(i + 1)).slice(0, 17);
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

/** A valid code with this authority, category and division (organisation code and both checks computed). */
const codeOf = (authority: string, category: string, division = '430300') =>
  completeCreditCode(authority + category + division, 'MA4L16JQ');

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes: enterprises registered in 深圳, 杭州, 北京 (华为, 腾讯, 阿里巴巴, 小米, 国家电网 …),
  // the 福州 example printed on licences, and national registrations (division 100000) of a 机关,
  // a 事业单位 and a 基金会. Both check characters of each were computed by their issuers.
  it.each([
    '914403001922038216',
    '9144030071526726XG', // organisation code check X (11 − sum % 11 = 10)
    '91330100716105852F',
    '91110108551385082Q',
    '91110000802100433B',
    '91350100M000100Y43',
    '11100000000013127D',
    '12100000400000624D',
    '53100000500021676K',
  ])('accepts the published code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts lower case and spaces as typed from a licence', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
    expect(normalizeCreditCode('9135 0100m000100y43')).toBe('91350100M000100Y43');
  });

  it('refuses 000000000000000000, which passed the check character alone, for its registration authority', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0'); // why it used to pass
    expect(isValidCreditCode('000000000000000000')).toBe(false);
    expect(creditCodeProblem('000000000000000000')).toBe('authority');
    expect(creditCodeMessage('000000000000000000')).toBe(
      '统一社会信用代码第 1 位（登记管理部门代码）不正确，请核对营业执照',
    );
  });

  describe('length and alphabet', () => {
    it.each(['', '91350100M000100Y4', '91350100M000100Y433'])('refuses %j for its length', (code) => {
      expect(creditCodeProblem(code)).toBe('length');
      expect(creditCodeMessage(code)).toBe('统一社会信用代码应为 18 位');
    });
    it.each(['I', 'O', 'S', 'V', 'Z', '-', '*'])('refuses %s anywhere', (c) => {
      expect(creditCodeProblem(`91350100M000100${c}43`)).toBe('charset');
    });
    it('uses 31 characters: digits and capitals without I, O, S, V, Z', () => {
      expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
      expect(CREDIT_CODE_ALPHABET).not.toMatch(/[IOSVZ]/);
    });
  });

  describe('registration authority (position 1) and category (position 2)', () => {
    it('knows the twelve authorities of GB 32100-2015: 1–9, A, N, Y', () => {
      expect(Object.keys(REGISTRATION_CATEGORIES).sort()).toEqual(
        ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y'].sort(),
      );
    });

    it.each(Object.entries(REGISTRATION_CATEGORIES).flatMap(([a, cats]) => [...cats].map((c) => [a, c])))(
      'accepts authority %s with category %s',
      (authority, category) => {
        expect(creditCodeProblem(codeOf(authority, category))).toBeNull();
      },
    );

    it.each(['0', 'B', 'C', 'G', 'M', 'X'])('refuses authority %s', (authority) => {
      const code = withChar(codeOf('9', '1'), 0, authority);
      expect(creditCodeProblem(code)).toBe('authority');
    });

    it.each([
      ['9', '4'], // 工商: 企业 1, 个体工商户 2, 农民专业合作社 3 only
      ['9', '9'],
      ['9', '0'],
      ['5', '4'], // 民政: 1, 2, 3, 9
      ['Y', '2'], // 其他: 1 only
      ['1', '4'],
      ['A', '2'],
      ['3', '6'],
    ])('refuses authority %s with category %s', (authority, category) => {
      const code = withChar(codeOf(authority, '1'), 1, category);
      expect(creditCodeProblem(code)).toBe('category');
      expect(creditCodeMessage(code)).toBe(CREDIT_CODE_MESSAGES.category);
    });
  });

  describe('administrative division (positions 3–8, GB/T 2260)', () => {
    it('accepts every province, 台湾, 香港, 澳门 and the national 100000', () => {
      expect(PROVINCE_CODES.size).toBe(34);
      for (const province of PROVINCE_CODES) expect(creditCodeProblem(codeOf('9', '1', `${province}0000`))).toBeNull();
      expect(creditCodeProblem(codeOf('9', '1', '100000'))).toBeNull();
      expect(creditCodeProblem(codeOf('9', '1', '433100'))).toBeNull(); // a county-level division
    });

    it.each(['000000', '100100', '104300', '190000', '240000', '660000', '830000', '990000', '1A0000', '43A300'])(
      'refuses the division %s',
      (division) => {
        const code = codeOf('9', '1').slice(0, 2) + division + codeOf('9', '1').slice(8, 17);
        const full = code + (creditCodeCheckChar(code) ?? '0');
        expect(creditCodeProblem(full)).toBe('division');
        expect(creditCodeMessage(full)).toBe('统一社会信用代码第 3–8 位（登记机关行政区划码）不正确，请核对营业执照');
      },
    );

    it('pins the province bounds: 11 and 82 pass, 10 (other than 100000) and 83 do not', () => {
      expect(creditCodeProblem(codeOf('9', '1', '110000'))).toBeNull();
      expect(creditCodeProblem(codeOf('9', '1', '820000'))).toBeNull();
      expect(creditCodeProblem(codeOf('9', '1', '100001'))).toBe('division');
      expect(creditCodeProblem(codeOf('9', '1', '830000'))).toBe('division');
    });
  });

  describe('organisation code (positions 9–17, GB 11714)', () => {
    it('computes the check character with weights 3 7 9 10 5 8 4 2, 10 → X, 11 → 0', () => {
      expect(organizationCodeCheckChar('19220382')).toBe('1'); // 华为
      expect(organizationCodeCheckChar('71526726')).toBe('X'); // 腾讯: 11 − 199 % 11 = 10
      expect(organizationCodeCheckChar('80210043')).toBe('3');
      expect(organizationCodeCheckChar('M000100Y')).toBe('4'); // letters: M = 22, Y = 34
      // 11 − 0 % 11 = 11 → 0.
      expect(organizationCodeCheckChar('00000000')).toBe('0');
      expect(organizationCodeCheckChar('0000000')).toBeNull();
      expect(organizationCodeCheckChar('0000000-')).toBeNull();
    });

    it('refuses a code whose organisation check character is wrong, even with a right final check character', () => {
      const good = '914403001922038216';
      for (const c of ['0', '2', 'X']) {
        const code = withChar(good, 16, c);
        expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
        expect(creditCodeProblem(code)).toBe('organization_code');
        expect(creditCodeMessage(code)).toBe('统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对营业执照');
      }
    });

    it('refuses a changed organisation code digit', () => {
      expect(creditCodeProblem(withChar('914403001922038216', 9, '8'))).toBe('organization_code');
    });
  });

  describe('check character (position 18)', () => {
    it('refuses every wrong check character, in Chinese', () => {
      const good = '91350100M000100Y43';
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === '3') continue;
        expect(creditCodeProblem(good.slice(0, 17) + c)).toBe('check_char');
      }
      expect(creditCodeMessage('91350100M000100Y44')).toBe('统一社会信用代码校验位不正确，请核对营业执照');
      expect(creditCodeCheckChar('9135010OM000100Y4')).toBeNull();
    });
  });

  it('completeCreditCode computes both check characters, and refuses parts of the wrong size', () => {
    const code = completeCreditCode('91430302', 'MA4Q0RYT');
    expect(code).toBe('91430302MA4Q0RYT5A');
    expect(isValidCreditCode(code)).toBe(true);
    expect(() => completeCreditCode('9143030', 'MA4Q0RYT')).toThrow();
    expect(() => completeCreditCode('91430302', 'MA4Q0RY')).toThrow();
  });

  it('has a distinct Chinese message for each problem', () => {
    const messages = Object.values(CREDIT_CODE_MESSAGES);
    expect(new Set(messages).size).toBe(messages.length);
    for (const m of messages) expect(m).toMatch(/^统一社会信用代码/);
  });
});
