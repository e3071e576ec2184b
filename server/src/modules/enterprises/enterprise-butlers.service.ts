import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AdminEnterpriseItem,
  AdminEnterpriseQueryDto,
  AssignButlerDto,
  MyButlerResponse,
  Page,
} from '@qsgj/shared/contracts';
import { AuditAction, isStaffRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { ButlerAssignmentsService } from '../butler-admin/butler-assignments.service';
import { StaffService } from '../staff/staff.service';
import { UsersService } from '../users/users.service';
import { toMyButler } from '../users/users.mapper';
import { EnterpriseMembersRepository } from './enterprise-members.repository';
import { toAdminEnterpriseItem } from './enterprise.mapper';
import { type AdminEnterpriseRow, ENTERPRISE_ORDER, EnterprisesRepository } from './enterprises.repository';

/** Who serves an enterprise: the admin's list and assignment, and the member's 「我的管家」. */
@Injectable()
export class EnterpriseButlersService {
  constructor(
    private readonly enterprises: EnterprisesRepository,
    private readonly members: EnterpriseMembersRepository,
    private readonly users: UsersService,
    private readonly staff: StaffService,
    private readonly changes: Changes,
    private readonly assignments: ButlerAssignmentsService,
  ) {}

  /** Enterprises by name, keyset-paged, so the admin can find one to assign; by 区县, 园区 or butler too. */
  async list(query: AdminEnterpriseQueryDto): Promise<Page<AdminEnterpriseItem>> {
    const filter = {
      q: query.q || undefined,
      district: query.district || undefined,
      park: query.park || undefined,
      butlerId: query.butlerId,
    };
    return paged(
      query,
      ENTERPRISE_ORDER,
      (after, limit) => this.enterprises.listByName(filter, after, limit),
      toAdminEnterpriseItem,
      (e) => ({ k: e.name, id: e.id }),
    );
  }

  /**
   * Makes an active butler or supervisor the enterprise's butler; the audit row keeps who it was before. A
   * change writes the enterprise's history row and tells both butlers and the enterprise's approved members.
   */
  assign(actor: Actor, enterpriseId: string, dto: AssignButlerDto, meta: RequestMeta): Promise<AdminEnterpriseItem> {
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      if (!(await this.enterprises.findRowById(enterpriseId, m))) throw notFound();
      // The butler first, then the enterprise: the order bulk assignment and handover lock in (no deadlock).
      const butler = await this.staff.lockAssignableButler(dto.butlerId, m);
      if (!(await this.enterprises.lockById(enterpriseId, m))) throw notFound();
      const before = await this.requireRow(enterpriseId, m);
      if (before.butlerId !== butler.id) {
        await this.enterprises.setButler(enterpriseId, butler.id, m);
        await this.assignments.recordSingle(change, actor.id, before, before.butlerId, butler);
      }
      const after = await this.requireRow(enterpriseId, m);
      await change.audit(
        AuditAction.BUTLER_ASSIGNED,
        { type: 'enterprise', id: enterpriseId },
        { before: butlerOf(before), after: butlerOf(after) },
      );
      return toAdminEnterpriseItem(after);
    });
  }

  /** The butler assigned to my approved enterprise; the phone stays masked. */
  async myButler(actor: Actor): Promise<MyButlerResponse> {
    const membership = await this.members.findMembershipOfUser(actor.id);
    if (membership?.status !== MembershipStatus.APPROVED) throw new AppException('ENTERPRISE_NOT_BOUND');
    const butlerId = membership.enterprise.butlerId;
    const butler = butlerId ? await this.users.findById(butlerId) : null;
    if (!butler || !isStaffRole(butler.role) || !butler.active || butler.deletedAt)
      throw new AppException('NO_BUTLER_ASSIGNED');
    return toMyButler(butler);
  }

  private async requireRow(id: string, m: EntityManager): Promise<AdminEnterpriseRow> {
    const row = await this.enterprises.findRowById(id, m);
    if (!row) throw notFound();
    return row;
  }
}

function butlerOf(row: AdminEnterpriseRow): { id: string; name: string | null } | null {
  return row.butlerId ? { id: row.butlerId, name: row.butlerName } : null;
}
