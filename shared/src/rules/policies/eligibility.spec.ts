import {
  coversEveryDistrict,
  type EligibilityRules,
  evaluateEligibility,
  isInForce,
  type MatchProfile,
  profileGaps,
} from './eligibility';
import { WHOLE_CITY } from './limits';

const TODAY = '2026-11-30';

/** A city policy with no restriction at all, in force with open bounds. */
const open: EligibilityRules = {
  level: 'city',
  industries: [],
  scales: [],
  districts: [],
  qualifications: [],
  validFrom: null,
  validTo: null,
};
const rules = (patch: Partial<EligibilityRules>): EligibilityRules => ({ ...open, ...patch });

const empty: MatchProfile = { industry: null, scale: null, district: null, qualifications: [] };
const full: MatchProfile = {
  industry: '电气机械和器材制造业',
  scale: 'medium',
  district: '岳塘区',
  qualifications: ['高新技术企业', '规上工业企业'],
};

describe('isInForce', () => {
  it('is open at a null bound on either side', () => {
    expect(isInForce({ validFrom: null, validTo: null }, TODAY)).toBe(true);
  });
  it('includes both bounds: from today, and until today', () => {
    expect(isInForce({ validFrom: TODAY, validTo: null }, TODAY)).toBe(true);
    expect(isInForce({ validFrom: null, validTo: TODAY }, TODAY)).toBe(true);
    expect(isInForce({ validFrom: TODAY, validTo: TODAY }, TODAY)).toBe(true);
  });
  it('is not yet in force when it starts tomorrow, and no longer when it ended yesterday', () => {
    expect(isInForce({ validFrom: '2026-12-01', validTo: null }, TODAY)).toBe(false);
    expect(isInForce({ validFrom: null, validTo: '2026-11-29' }, TODAY)).toBe(false);
  });
  it('still holds on the last day of a month and a year (compares calendar days, not strings of another shape)', () => {
    expect(isInForce({ validFrom: '2026-01-01', validTo: '2026-12-31' }, '2026-12-31')).toBe(true);
    expect(isInForce({ validFrom: '2026-01-01', validTo: '2026-12-31' }, '2027-01-01')).toBe(false);
  });
});

describe('coversEveryDistrict', () => {
  it('an empty district list is no restriction', () => {
    expect(coversEveryDistrict({ level: 'district', districts: [] })).toBe(true);
  });
  it('a list holding 全市 covers every district, also beside other districts', () => {
    expect(coversEveryDistrict({ level: 'city', districts: [WHOLE_CITY] })).toBe(true);
    expect(coversEveryDistrict({ level: 'district', districts: ['雨湖区', WHOLE_CITY] })).toBe(true);
  });
  it('national and provincial policies cover every district whatever their list says', () => {
    expect(coversEveryDistrict({ level: 'national', districts: ['雨湖区'] })).toBe(true);
    expect(coversEveryDistrict({ level: 'provincial', districts: ['雨湖区'] })).toBe(true);
  });
  it('a city or district policy naming districts covers only those', () => {
    expect(coversEveryDistrict({ level: 'city', districts: ['雨湖区'] })).toBe(false);
    expect(coversEveryDistrict({ level: 'district', districts: ['雨湖区', '岳塘区'] })).toBe(false);
  });
});

describe('evaluateEligibility', () => {
  it('empty lists are no restriction: even an empty profile is eligible, nothing met or missing', () => {
    expect(evaluateEligibility(open, empty, TODAY)).toEqual({
      eligible: true,
      inForce: true,
      met: [],
      missing: [],
      unknown: [],
    });
  });

  it('meets each condition in words (the industry, the scale label, the district, the qualification held)', () => {
    const r = evaluateEligibility(
      rules({
        industries: ['电气机械和器材制造业', '建筑业'],
        scales: ['small', 'medium'],
        districts: ['岳塘区'],
        qualifications: ['高新技术企业'],
      }),
      full,
      TODAY,
    );
    expect(r).toEqual({
      eligible: true,
      inForce: true,
      met: ['电气机械和器材制造业', '中型企业', '岳塘区', '高新技术企业'],
      missing: [],
      unknown: [],
    });
  });

  it('names what is missing: one of the industries, the scales by label', () => {
    const r = evaluateEligibility(rules({ industries: ['建筑业', '金融业'], scales: ['micro', 'small'] }), full, TODAY);
    expect(r.eligible).toBe(false);
    expect(r.missing).toEqual(['建筑业或金融业', '微型企业或小型企业']);
    expect(r.unknown).toEqual([]);
  });

  it('a district outside a city policy’s list is missing', () => {
    const r = evaluateEligibility(rules({ districts: ['雨湖区', '湘潭县'] }), full, TODAY);
    expect(r.eligible).toBe(false);
    expect(r.missing).toEqual(['雨湖区或湘潭县']);
  });

  it('全市 in the list, or a national / provincial level, covers my district: not even counted as a condition', () => {
    for (const r of [
      evaluateEligibility(rules({ districts: [WHOLE_CITY] }), full, TODAY),
      evaluateEligibility(rules({ level: 'national', districts: ['雨湖区'] }), full, TODAY),
      evaluateEligibility(rules({ level: 'provincial', districts: ['雨湖区'] }), full, TODAY),
      // …also for a profile that has no district at all.
      evaluateEligibility(rules({ level: 'national', districts: ['雨湖区'] }), empty, TODAY),
    ]) {
      expect(r).toMatchObject({ eligible: true, met: [], missing: [], unknown: [] });
    }
  });

  it('qualifications: any one held is enough, and every one held is listed as met', () => {
    const one = evaluateEligibility(rules({ qualifications: ['专精特新中小企业', '高新技术企业'] }), full, TODAY);
    expect(one).toMatchObject({ eligible: true, met: ['高新技术企业'], missing: [] });
    const both = evaluateEligibility(rules({ qualifications: ['规上工业企业', '高新技术企业'] }), full, TODAY);
    expect(both.met).toEqual(['规上工业企业', '高新技术企业']);
  });

  it('qualifications: none held → the list is missing, as alternatives; an empty profile list too (not "unknown")', () => {
    const r = evaluateEligibility(rules({ qualifications: ['专精特新中小企业', '科技型中小企业'] }), full, TODAY);
    expect(r).toMatchObject({ eligible: false, missing: ['专精特新中小企业或科技型中小企业'], unknown: [] });
    const none = evaluateEligibility(rules({ qualifications: ['高新技术企业'] }), empty, TODAY);
    expect(none).toMatchObject({ eligible: false, missing: ['高新技术企业'], unknown: [] });
  });

  it('an empty profile field a policy restricts on is unknown, and asks for the profile to be completed', () => {
    const r = evaluateEligibility(
      rules({ industries: ['建筑业'], scales: ['small'], districts: ['雨湖区'] }),
      empty,
      TODAY,
    );
    expect(r.eligible).toBe(false);
    expect(r.unknown).toEqual(['industry', 'scale', 'district']);
    expect(r.missing).toEqual([
      '所属行业（请完善一企一档）',
      '企业规模（请完善一企一档）',
      '所在区域（请完善一企一档）',
    ]);
  });

  it('an empty profile field the policy does not restrict on is not unknown', () => {
    const r = evaluateEligibility(
      rules({ industries: ['电气机械和器材制造业'] }),
      { ...empty, industry: '电气机械和器材制造业' },
      TODAY,
    );
    expect(r).toMatchObject({ eligible: true, unknown: [], met: ['电气机械和器材制造业'] });
  });

  it('expiry: a policy ending today still matches; one ending yesterday or starting tomorrow does not, yet says what it meets', () => {
    expect(evaluateEligibility(rules({ validTo: TODAY }), full, TODAY)).toMatchObject({
      eligible: true,
      inForce: true,
    });
    expect(evaluateEligibility(rules({ validFrom: TODAY }), full, TODAY)).toMatchObject({
      eligible: true,
      inForce: true,
    });
    const ended = evaluateEligibility(rules({ validTo: '2026-11-29', industries: [full.industry!] }), full, TODAY);
    expect(ended).toEqual({ eligible: false, inForce: false, met: [full.industry], missing: [], unknown: [] });
    const tomorrow = evaluateEligibility(rules({ validFrom: '2026-12-01' }), full, TODAY);
    expect(tomorrow).toMatchObject({ eligible: false, inForce: false, missing: [] });
  });

  it('a value the dictionaries no longer know on either side simply does not match (no error)', () => {
    const r = evaluateEligibility(
      rules({ industries: ['已撤销的行业'], qualifications: ['已撤销的资质'] }),
      { ...full, industry: '另一个未知行业', qualifications: ['未知资质'] },
      TODAY,
    );
    expect(r).toMatchObject({ eligible: false, met: [], missing: ['已撤销的行业', '已撤销的资质'], unknown: [] });
  });
});

describe('profileGaps', () => {
  it('lists the matching fields a profile leaves empty, in order; qualifications and founding date are never gaps', () => {
    expect(profileGaps(empty)).toEqual(['industry', 'scale', 'district']);
    expect(profileGaps(full)).toEqual([]);
    expect(profileGaps({ ...full, scale: null })).toEqual(['scale']);
    expect(profileGaps({ ...full, qualifications: [] })).toEqual([]);
  });
  it('an empty string is as good as nothing', () => {
    expect(profileGaps({ ...full, industry: '', district: '' })).toEqual(['industry', 'district']);
  });
});
