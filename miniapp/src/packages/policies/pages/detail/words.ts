import type { PolicyEligibility } from '@qsgj/shared/contracts';
import { ENTERPRISE_SCALE_LABEL } from '@qsgj/shared/enums';

const ANY = '不限';

/** Who the policy is for, in words (an empty list is no restriction). */
export function eligibilityRows(e: PolicyEligibility): Array<{ label: string; value: string }> {
  return [
    { label: '适用行业', value: e.industries.length ? e.industries.join('、') : ANY },
    { label: '企业规模', value: e.scales.length ? e.scales.map((s) => ENTERPRISE_SCALE_LABEL[s]).join('、') : ANY },
    { label: '适用区域', value: e.districts.length ? e.districts.join('、') : ANY },
    {
      label: '资质要求',
      value: e.qualifications.length
        ? `${e.qualifications.join('、')}${e.qualifications.length > 1 ? '（具备其一即可）' : ''}`
        : ANY,
    },
  ];
}
