import type { ButlerItem } from '@qsgj/shared/contracts';
import { maskPhone } from '@qsgj/shared/rules';
import type { UserEntity } from '../users/user.entity';
import type { ButlerFigures } from './butlers.repository';

/** A butler as the directory shows it; the phone in full only when `fullPhone` (the caller's own butler). */
export function toButlerItem(butler: UserEntity, figures: ButlerFigures, fullPhone: boolean): ButlerItem {
  return {
    id: butler.id,
    name: butler.name ?? '亲商管家',
    photo: null,
    department: butler.department ? { id: butler.department.id, name: butler.department.name } : null,
    specialties: butler.specialties,
    introduction: butler.introduction,
    phone: fullPhone ? butler.phone : maskPhone(butler.phone),
    casesHandled: figures.handled,
    casesResolved: figures.resolved,
    satisfactionRate: figures.rated === 0 ? null : Math.round((figures.satisfied / figures.rated) * 10_000) / 10_000,
  };
}
