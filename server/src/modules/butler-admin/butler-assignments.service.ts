import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type BulkAssignButlersDto,
  type BulkAssignResult,
  type ButlerAssignmentFilterDto,
  type ButlerChangeItem,
  ButlerChangeKind,
  type ButlerHistoryQueryDto,
  type Page,
  type StaffWorkload,
} from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { type Change, Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { canServeAsButler } from '../staff/staff.policy';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  BUTLER_CHANGE_ORDER,
  ButlerAssignmentsRepository,
  type MovedEnterprise,
} from './butler-assignments.repository';
import {
  casesHandedOverNotice,
  enterprisesReceivedNotice,
  enterprisesReleasedNotice,
  newButlerNotice,
} from './butler-notices';
import { handoverProblem, SELF_SUCCESSOR } from './handover.policy';

const staffName = (u: Pick<UserEntity, 'name' | 'username'>) => u.name ?? u.username ?? '管家';

/** The filter as the statements take it: blanks and an empty list are "not given". */
function normalised(filter: ButlerAssignmentFilterDto): ButlerAssignmentFilterDto {
  return {
    district: filter.district || undefined,
    park: filter.park || undefined,
    fromButlerId: filter.fromButlerId || undefined,
    enterpriseIds: filter.enterpriseIds?.length ? [...new Set(filter.enterpriseIds)] : undefined,
  };
}

/**
 * Who serves which enterprise, the admin's side: bulk reassignment (one set-based UPDATE and one INSERT …
 * SELECT of history), each enterprise's butler history, a staff member's workload, and the handover a
 * deactivation makes (StaffService calls it inside its own change). Every change of an enterprise's butler
 * writes a history row and tells the new butler, the previous one and the enterprise's approved members.
 */
@Injectable()
export class ButlerAssignmentsService {
  constructor(
    private readonly repo: ButlerAssignmentsRepository,
    private readonly users: UsersService,
    private readonly notifications: NotificationService,
    private readonly changes: Changes,
  ) {}

  /** The staff account to assign, locked until the transaction ends; 400 BUTLER_REQUIRED unless an active butler or supervisor. */
  private async lockAssignable(id: string, m: EntityManager, field: string): Promise<UserEntity> {
    const butler = await this.users.lockStaffById(id, m);
    if (!butler || !canServeAsButler(butler))
      throw new AppException('BUTLER_REQUIRED', [{ field, message: '只能指派在岗的管家或主管' }]);
    return butler;
  }

  /** `POST /admin/enterprises/butler-assignments`: every matching enterprise gets the butler (or, previewed, the counts). */
  async bulk(actor: Actor, dto: BulkAssignButlersDto, preview: boolean, meta: RequestMeta): Promise<BulkAssignResult> {
    const filter = normalised(dto.filter);
    if (!filter.district && !filter.park && !filter.fromButlerId && !filter.enterpriseIds) {
      throw fieldError('filter', '请至少选择一个分配范围：区县、园区、原管家或企业');
    }
    if (preview) {
      const butler = await this.users.findStaffById(dto.butlerId);
      if (!butler || !canServeAsButler(butler))
        throw new AppException('BUTLER_REQUIRED', [{ field: 'butlerId', message: '只能指派在岗的管家或主管' }]);
      const { matched, changed } = await this.repo.previewBulk(butler.id, filter);
      return {
        preview: true,
        matched,
        changed,
        unchanged: matched - changed,
        butler: { id: butler.id, name: staffName(butler) },
      };
    }
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const butler = await this.lockAssignable(dto.butlerId, m, 'butlerId');
      const { matched, moved } = await this.repo.reassign(butler.id, filter, ButlerChangeKind.BULK, actor.id, m);
      await this.tellMoved(m, moved, butler, { why: 'assigned', tellPrevious: true });
      const result = { matched, changed: moved.length, unchanged: matched - moved.length };
      await change.audit(
        AuditAction.BUTLERS_REASSIGNED,
        { type: 'user', id: butler.id },
        { filter: JSON.parse(JSON.stringify(filter)) as Record<string, unknown>, ...result },
      );
      return { preview: false, ...result, butler: { id: butler.id, name: staffName(butler) } };
    });
  }

  /**
   * One enterprise's butler changed (`PUT /admin/enterprises/:id/butler`, inside its change): the history
   * row, and the notices.
   */
  async recordSingle(
    change: Change,
    actorId: string,
    enterprise: { id: string; name: string },
    fromButlerId: string | null,
    to: UserEntity,
  ): Promise<void> {
    const m = change.manager;
    await this.repo.record(
      {
        enterpriseId: enterprise.id,
        fromButlerId,
        toButlerId: to.id,
        kind: ButlerChangeKind.SINGLE,
        changedBy: actorId,
      },
      m,
    );
    await this.tellMoved(m, [{ ...enterprise, fromButlerId }], to, { why: 'assigned', tellPrevious: true });
  }

  /** `GET /admin/enterprises/:id/butler-history`: newest first, keyset-paged; 404 for an unknown enterprise. */
  async history(enterpriseId: string, query: ButlerHistoryQueryDto): Promise<Page<ButlerChangeItem>> {
    if (!(await this.repo.enterpriseExists(enterpriseId))) throw notFound();
    return paged(
      query,
      BUTLER_CHANGE_ORDER,
      (after, limit) => this.repo.listHistory(enterpriseId, after, limit),
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        kind: r.kind,
        from: r.fromId ? { id: r.fromId, name: r.fromName ?? '' } : null,
        to: r.toId ? { id: r.toId, name: r.toName ?? '' } : null,
        by: r.byId ? { id: r.byId, name: r.byName ?? '' } : null,
      }),
      (r) => ({ k: r.at.toISOString(), id: r.id }),
    );
  }

  /** `GET /admin/staff/:id/workload`: what a deactivation would hand over; 404 for anyone but staff. */
  async workloadOf(staffId: string): Promise<StaffWorkload> {
    if (!(await this.users.findStaffById(staffId))) throw notFound();
    return this.repo.workload(staffId);
  }

  /** What the staff member holds now, in the caller's transaction (after their row is locked). */
  workload(staffId: string, m: EntityManager): Promise<StaffWorkload> {
    return this.repo.workload(staffId, m);
  }

  /**
   * A deactivation's handover, inside the deactivation's change (the departing account already locked): the
   * enterprises and the open cases (held or addressed) move to the successor — history rows of kind
   * `handover`, a 指派管家 line in each case's timeline — and the successor and the enterprises' members are
   * told. Cases keep their department (see handover.policy.ts). Answers what moved.
   */
  async handOver(
    change: Change,
    actorId: string,
    departing: UserEntity,
    successorId: string,
    held: StaffWorkload,
  ): Promise<{ successor: UserEntity; enterprises: number; openCases: number }> {
    const m = change.manager;
    // Checked before the lock: the departing account is already inactive in this change.
    if (successorId === departing.id) throw fieldError('successorId', SELF_SUCCESSOR);
    const successor = await this.lockAssignable(successorId, m, 'successorId');
    const problem = handoverProblem(departing, successor, held);
    if (problem) throw fieldError('successorId', problem);
    const { moved } = await this.repo.reassign(
      successor.id,
      { fromButlerId: departing.id },
      ButlerChangeKind.HANDOVER,
      actorId,
      m,
    );
    const fromName = staffName(departing);
    const cases = await this.repo.handOverCases(departing.id, successor.id, actorId, `${fromName}停用，工作交接`, m);
    await this.tellMoved(m, moved, successor, { why: 'handover', tellPrevious: false, fromName });
    if (cases.length > 0) {
      await this.notifications.notify(m, casesHandedOverNotice(successor.id, cases.length, fromName, new Date()));
    }
    return { successor, enterprises: moved.length, openCases: cases.length };
  }

  /**
   * The notices of moved enterprises: the new butler once (by name, or the count), each previous butler once
   * with their count, every approved member of a moved enterprise once.
   */
  private async tellMoved(
    m: EntityManager,
    moved: MovedEnterprise[],
    to: UserEntity,
    how: { why: 'assigned' | 'handover'; tellPrevious: boolean; fromName?: string },
  ): Promise<void> {
    if (moved.length === 0) return;
    const at = new Date();
    const toName = staffName(to);
    await this.notifications.notify(
      m,
      enterprisesReceivedNotice(to.id, { count: moved.length, firstName: moved[0].name }, how.why, at, how.fromName),
    );
    if (how.tellPrevious) {
      const byPrevious = new Map<string, MovedEnterprise[]>();
      for (const e of moved) {
        if (!e.fromButlerId || e.fromButlerId === to.id) continue;
        byPrevious.set(e.fromButlerId, [...(byPrevious.get(e.fromButlerId) ?? []), e]);
      }
      for (const [butlerId, theirs] of byPrevious) {
        await this.notifications.notify(
          m,
          enterprisesReleasedNotice(butlerId, { count: theirs.length, firstName: theirs[0].name }, toName, at),
        );
      }
    }
    const members = await this.repo.approvedMembersOf(
      moved.map((e) => e.id),
      m,
    );
    await this.notifications.notifyMany(
      m,
      members.map((member) => newButlerNotice(member.userId, member.enterpriseName, toName, at)),
    );
  }
}
