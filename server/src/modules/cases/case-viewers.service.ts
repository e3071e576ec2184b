import { Injectable } from '@nestjs/common';
import { Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { DepartmentsService } from '../departments/departments.service';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { actorKindOf, type CaseViewer, enterpriseOfMembership } from './case.policy';

/** Who is asking, as the case rules see them: an enterprise user's approved enterprise, a staff member's centre flag. */
@Injectable()
export class CaseViewers {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly departments: DepartmentsService,
  ) {}

  async of(actor: Actor): Promise<CaseViewer> {
    if (actor.role === Role.ENTERPRISE) {
      const membership = await this.enterprises.membershipOf(actor.id);
      return {
        id: actor.id,
        role: actor.role,
        kind: 'enterprise',
        departmentId: null,
        enterpriseId: enterpriseOfMembership(membership),
      };
    }
    const department = actor.departmentId ? await this.departments.findById(actor.departmentId) : null;
    return {
      id: actor.id,
      role: actor.role,
      kind: actorKindOf(actor.role, department?.isCentre ?? false),
      departmentId: actor.departmentId,
      enterpriseId: null,
    };
  }
}
