import { creditCodeCheckChar, isValidCreditCode, normalizeCreditCode } from './credit-code';
import { maskPhone, maskPhonesInText } from './phone';
import { passwordProblems } from './password';

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  // Published codes of real organisations.
  it.each(['91350100M000100Y43', '91110000802100433B'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts lower case and spaces as typed from a licence', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
    expect(normalizeCreditCode('9135 0100m000100y43')).toBe('91350100M000100Y43');
  });

  it('rejects a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('rejects characters outside the alphabet, and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100YI3')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
    expect(creditCodeCheckChar('9135010OM000100Y4')).toBeNull();
  });

  it('computes the check character that makes a code valid', () => {
    const first17 = '91430302MA4PXXXXX'.replace(/X/g, '1');
    const code = first17 + creditCodeCheckChar(first17);
    expect(isValidCreditCode(code)).toBe(true);
  });
});

describe('phone masking', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('138****1234');
  });
  it('keeps only the last four characters of other numbers', () => {
    expect(maskPhone('073158581234')).toBe('********1234');
    expect(maskPhone(null)).toBeNull();
  });
  it('masks numbers inside text but not longer digit runs', () => {
    expect(maskPhonesInText('call 13812341234 or 13900001111.')).toBe('call 138****1234 or 139****1111.');
    expect(maskPhonesInText('order 913812341234567')).toBe('order 913812341234567');
  });
});

describe('staff password policy', () => {
  it('accepts 8+ characters of three classes', () => {
    expect(passwordProblems('Butler#2026', 'zhang')).toEqual([]);
    expect(passwordProblems('butler#2026', 'zhang')).toEqual([]);
  });
  it('rejects short, two-class, and username-containing passwords', () => {
    expect(passwordProblems('Ab1!', 'zhang')).toContain('密码至少 8 位');
    expect(passwordProblems('abcdefgh1', 'zhang')).toContain('须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(passwordProblems('Zhang#2026', 'zhang')).toContain('不能包含用户名');
  });
});
