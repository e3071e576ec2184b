import type { ButlerItem } from '@qsgj/shared/contracts';

/** 「满意率 93%」, or 「暂无评价」 while no case of theirs is rated. */
export function satisfactionText(rate: number | null): string {
  return rate === null ? '暂无评价' : `满意率 ${Math.round(rate * 100)}%`;
}

/** The ledger's figures of a butler, each as a label and a value. */
export function figures(b: Pick<ButlerItem, 'casesHandled' | 'casesResolved' | 'satisfactionRate'>) {
  return [
    { label: '服务诉求', value: `${b.casesHandled} 件` },
    { label: '已办结', value: `${b.casesResolved} 件` },
    { label: '满意率', value: b.satisfactionRate === null ? '暂无评价' : `${Math.round(b.satisfactionRate * 100)}%` },
  ];
}

/** A phone number the server sent in full (not masked): only then can it be called. */
export function isFullPhone(phone: string | null): phone is string {
  return !!phone && !phone.includes('*');
}

/** The first character of the name, for the round badge shown while butlers have no photo. */
export function initial(name: string): string {
  return [...name][0] ?? '管';
}
