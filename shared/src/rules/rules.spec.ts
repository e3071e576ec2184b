import { maskPhone, maskPhonesInText } from './phone';
import { passwordProblems } from './password';

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
