import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdminEnterpriseItem, AdminEnterpriseQueryDto, AssignButlerDto, Page } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { AppException, notFound } from '../../common/errors/app-exception';
import { UsersRepository } from '../users/users.repository';
import { AdminEnterprisesRepository, type AdminEnterpriseRow } from './admin-enterprises.repository';
import { decodeEnterpriseCursor, encodeEnterpriseCursor, toAdminEnterpriseItem } from './admin.mapper';
import { canServeAsButler } from './staff.policy';

export const ENTERPRISE_PAGE_DEFAULT = 20;

@Injectable()
export class AdminEnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: AdminEnterprisesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /** Enterprises by name, keyset-paged, so the admin can find one to assign. */
  async list(query: AdminEnterpriseQueryDto): Promise<Page<AdminEnterpriseItem>> {
    const limit = query.limit ?? ENTERPRISE_PAGE_DEFAULT;
    const after = query.cursor === undefined ? undefined : decodeEnterpriseCursor(query.cursor);
    if (after === null) {
      throw new AppException(
        'VALIDATION_FAILED',
        [{ field: 'cursor', message: '游标格式错误' }],
        undefined,
        '游标格式错误',
      );
    }
    const rows = await this.enterprises.listByName({ q: query.q || undefined, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toAdminEnterpriseItem),
      nextCursor: rows.length > limit && last ? encodeEnterpriseCursor({ name: last.name, id: last.id }) : null,
    };
  }

  /** Makes an active butler or supervisor the enterprise's butler; the audit row keeps who it was before. */
  assignButler(
    actor: Actor,
    enterpriseId: string,
    dto: AssignButlerDto,
    meta: RequestMeta,
  ): Promise<AdminEnterpriseItem> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.enterprises.lockById(enterpriseId, m))) throw notFound();
      // Locked too, so a concurrent deactivation cannot slip between this check and the assignment.
      const butler = await this.users.lockStaffById(dto.butlerId, m);
      if (!butler || !canServeAsButler(butler))
        throw new AppException('BUTLER_REQUIRED', [{ field: 'butlerId', message: '只能指派在岗的管家或主管' }]);
      const before = await this.requireRow(enterpriseId, m);
      if (before.butlerId !== butler.id) await this.enterprises.setButler(enterpriseId, butler.id, m);
      const after = await this.requireRow(enterpriseId, m);
      await this.audit.record(
        {
          action: AuditAction.BUTLER_ASSIGNED,
          actor,
          targetType: 'enterprise',
          targetId: enterpriseId,
          ...meta,
          details: { before: butlerOf(before), after: butlerOf(after) },
        },
        m,
      );
      return toAdminEnterpriseItem(after);
    });
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
