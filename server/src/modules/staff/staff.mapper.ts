import type { StaffItem } from '@qsgj/shared/contracts';
import { maskPhone } from '@qsgj/shared/rules';
import type { UserEntity } from '../users/user.entity';

/** Never the password hash; the phone masked. */
export function toStaffItem(u: UserEntity, now = Date.now()): StaffItem {
  return {
    id: u.id,
    username: u.username ?? '',
    name: u.name ?? u.username ?? '',
    role: u.role,
    department: u.department ? { id: u.department.id, name: u.department.name } : null,
    specialties: u.specialties,
    introduction: u.introduction ?? null,
    phone: maskPhone(u.phone),
    active: u.active,
    locked: !!u.lockedUntil && u.lockedUntil.getTime() > now,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}
