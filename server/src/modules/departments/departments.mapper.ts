import type { DepartmentItem } from '@qsgj/shared/contracts';
import type { DepartmentWithStaffCount } from './departments.repository';

export function toDepartmentItem(d: DepartmentWithStaffCount): DepartmentItem {
  return { id: d.id, name: d.name, shortName: d.shortName, staffCount: d.staffCount };
}
