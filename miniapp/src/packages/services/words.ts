import type { ServicePackageEligibility, ServicePackageItem } from '@qsgj/shared/contracts';
import { ENTERPRISE_SCALE_LABEL } from '@qsgj/shared/enums';

const ANY = '不限';

/** SERVICE_APPLICATION_NOTE_MAX of the contracts (a value import would bring class-validator into the bundle). */
export const NOTE_MAX = 500;

/** Who may apply, in words (an empty list is no restriction). */
export function eligibilityRows(e: ServicePackageEligibility): Array<{ label: string; value: string }> {
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

/** 「满意度 92%」, or 「暂无评价」 while no application is rated. */
export function satisfactionText(p: Pick<ServicePackageItem, 'satisfactionRate'>): string {
  return p.satisfactionRate === null ? '暂无评价' : `满意度 ${Math.round(p.satisfactionRate * 100)}%`;
}

export function timeLimitText(p: Pick<ServicePackageItem, 'timeLimitDays'>): string {
  return `${p.timeLimitDays} 个工作日内办结`;
}
