import type { AdminEnterpriseItem, AuditItem, DepartmentItem, StaffItem } from '@qsgj/shared/contracts';
import { maskPhone } from '@qsgj/shared/rules';
import type { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { DepartmentWithStaffCount } from '../departments/departments.repository';
import type { UserEntity } from '../users/user.entity';
import type { AdminEnterpriseRow, EnterpriseKey } from './admin-enterprises.repository';

/** Entities and rows → the response types of shared/src/contracts/admin.ts. Nothing else leaves the server. */

export function toDepartmentItem(d: DepartmentWithStaffCount): DepartmentItem {
  return { id: d.id, name: d.name, shortName: d.shortName, staffCount: d.staffCount };
}

/** Never the password hash; the phone masked. */
export function toStaffItem(u: UserEntity, now = Date.now()): StaffItem {
  return {
    id: u.id,
    username: u.username ?? '',
    name: u.name ?? u.username ?? '',
    role: u.role,
    department: u.department ? { id: u.department.id, name: u.department.name } : null,
    specialties: u.specialties,
    phone: maskPhone(u.phone),
    active: u.active,
    locked: !!u.lockedUntil && u.lockedUntil.getTime() > now,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}

export function toAuditItem(a: AuditLogEntity): AuditItem {
  return {
    id: a.id,
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorRole: a.actorRole,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    outcome: a.outcome,
    ip: a.ip,
    requestId: a.requestId,
    details: a.details,
  };
}

export function toAdminEnterpriseItem(e: AdminEnterpriseRow): AdminEnterpriseItem {
  return {
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    district: e.district,
    butler: e.butlerId ? { id: e.butlerId, name: e.butlerName ?? '' } : null,
  };
}

/** The enterprise list's cursor: opaque to clients (base64url of `[name, id]`). */
export function encodeEnterpriseCursor(key: EnterpriseKey): string {
  return Buffer.from(JSON.stringify([key.name, key.id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key a cursor stands for, or null when it is not one this server made. */
export function decodeEnterpriseCursor(cursor: string): EnterpriseKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [name, id] = value as unknown[];
    return typeof name === 'string' && typeof id === 'string' && UUID.test(id) ? { name, id } : null;
  } catch {
    return null;
  }
}
