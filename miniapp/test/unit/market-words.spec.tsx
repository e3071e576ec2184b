import { MARKET_VALID_DAYS_DEFAULT, MARKET_VALID_DAYS_MAX } from '@qsgj/shared/rules';
import { expiryText, VALID_DAY_CHOICES } from '../../src/packages/market/components/words';

describe('企业商圈 words', () => {
  it('offers valid days within the contract’s limit, the default among them', () => {
    expect(Math.max(...VALID_DAY_CHOICES)).toBeLessThanOrEqual(MARKET_VALID_DAYS_MAX);
    expect(Math.min(...VALID_DAY_CHOICES)).toBeGreaterThanOrEqual(1);
    expect(VALID_DAY_CHOICES).toContain(MARKET_VALID_DAYS_DEFAULT);
  });

  it('says when a post expires (the Shanghai day), and 已过期 once past', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(expiryText({ expiresAt: '2026-12-31T08:00:00Z', status: 'active' }, now)).toBe('有效期至 2026年12月31日');
    expect(expiryText({ expiresAt: '2026-12-31T17:00:00Z', status: 'active' }, now)).toBe('有效期至 2027年1月1日');
    expect(expiryText({ expiresAt: '2026-11-30T00:00:00Z', status: 'active' }, now)).toBe('已过期');
    expect(expiryText({ expiresAt: '2027-01-30T00:00:00Z', status: 'expired' }, now)).toBe('已过期');
  });
});
