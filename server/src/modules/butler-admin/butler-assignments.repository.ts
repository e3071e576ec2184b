import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ButlerAssignmentFilterDto, ButlerChangeKind } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { UserEntity } from '../users/user.entity';
import { BUTLER_ASSIGNMENTS_SQL as SQL } from './butler-assignments.sql';
import { EnterpriseButlerChangeEntity } from './enterprise-butler-change.entity';

/** An enterprise a reassignment moved, and who served it before. */
export interface MovedEnterprise {
  id: string;
  name: string;
  fromButlerId: string | null;
}

/** A history line with the names of the butlers and the admin (null when an account is gone). */
export interface ButlerChangeRow {
  id: string;
  at: Date;
  kind: ButlerChangeKind;
  fromId: string | null;
  fromName: string | null;
  toId: string | null;
  toName: string | null;
  byId: string | null;
  byName: string | null;
}

/** An enterprise's butler history: newest first (then id), scoped to the enterprise. */
export const BUTLER_CHANGE_ORDER: KeysetOrder = {
  table: 'enterprise_butler_changes',
  alias: 'h',
  keys: [(a) => `${a}.at`],
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.enterprise_id = :enterpriseId`,
};

/** An UPDATE … RETURNING answers `[rows, count]` on PostgreSQL (node-pg) and the rows alone on PGlite. */
function rowsOf<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

const filterParams = (f: ButlerAssignmentFilterDto) => [
  f.district ?? null,
  f.park ?? null,
  f.fromButlerId ?? null,
  f.enterpriseIds ?? null,
];

/**
 * The one repository of `enterprise_butler_changes`, and the set-based statements of assignment and
 * handover over `enterprises` and `cases` (each one statement, in the caller's transaction).
 */
@Injectable()
export class ButlerAssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private history(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseButlerChangeEntity);
  }

  /** How many enterprises the filter matches, and how many of them would change butler. */
  async previewBulk(
    butlerId: string,
    filter: ButlerAssignmentFilterDto,
    manager?: EntityManager,
  ): Promise<{ matched: number; changed: number }> {
    const [row] = (await (manager ?? this.dataSource.manager).query(SQL.previewBulk.text, [
      butlerId,
      ...filterParams(filter),
    ])) as Array<{ matched: number; changed: number }>;
    return { matched: Number(row.matched), changed: Number(row.changed) };
  }

  /** Moves every matching enterprise another butler serves to `butlerId`, with a history row each. */
  async reassign(
    butlerId: string,
    filter: ButlerAssignmentFilterDto,
    kind: ButlerChangeKind,
    changedBy: string,
    manager: EntityManager,
  ): Promise<{ matched: number; moved: MovedEnterprise[] }> {
    const rows = (await manager.query(SQL.reassign.text, [
      butlerId,
      ...filterParams(filter),
      kind,
      changedBy,
    ])) as Array<{ matched: number; id: string | null; name: string | null; from_butler_id: string | null }>;
    return {
      matched: Number(rows[0]?.matched ?? 0),
      moved: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ id: r.id!, name: r.name ?? '', fromButlerId: r.from_butler_id })),
    };
  }

  /** Whether the enterprise exists (the history of an unknown one is a 404). */
  async enterpriseExists(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(SQL.enterpriseExists.text, [id])) as unknown[];
    return rows.length > 0;
  }

  /** One history row (a single assignment). */
  async record(
    row: {
      enterpriseId: string;
      fromButlerId: string | null;
      toButlerId: string;
      kind: ButlerChangeKind;
      changedBy: string;
    },
    manager: EntityManager,
  ): Promise<void> {
    await this.history(manager).insert(row);
  }

  /** The approved members of these enterprises, with the enterprise's name. */
  async approvedMembersOf(
    enterpriseIds: string[],
    manager: EntityManager,
  ): Promise<Array<{ userId: string; enterpriseName: string }>> {
    if (enterpriseIds.length === 0) return [];
    const rows = (await manager.query(SQL.approvedMembersOf.text, [enterpriseIds])) as Array<{
      user_id: string;
      enterprise_name: string;
    }>;
    return rows.map((r) => ({ userId: r.user_id, enterpriseName: r.enterprise_name }));
  }

  async workload(staffId: string, manager?: EntityManager): Promise<{ enterprises: number; openCases: number }> {
    const [row] = (await (manager ?? this.dataSource.manager).query(SQL.workload.text, [staffId])) as Array<{
      enterprises: number;
      open_cases: number;
    }>;
    return { enterprises: Number(row.enterprises), openCases: Number(row.open_cases) };
  }

  /** The open cases of `fromId` become `toId`'s; each gets a 指派管家 line in its timeline. The moved cases' ids. */
  async handOverCases(
    fromId: string,
    toId: string,
    actorId: string,
    reason: string,
    manager: EntityManager,
  ): Promise<string[]> {
    const moved = rowsOf(
      (await manager.query(SQL.handOverCases.text, [fromId, toId])) as
        [Array<{ id: string }>, number] | Array<{ id: string }>,
    );
    const ids = moved.map((r) => r.id);
    if (ids.length > 0) {
      await manager.query(SQL.appendHandoverEvents.text, [ids, actorId, JSON.stringify({ butlerId: toId, reason })]);
    }
    return ids;
  }

  /** One keyset page of the enterprise's butler history, newest first. */
  async listHistory(enterpriseId: string, after: Cursor | undefined, limit: number): Promise<ButlerChangeRow[]> {
    const qb = this.history()
      .createQueryBuilder('h')
      .leftJoin(UserEntity, 'f', 'f.id = h.from_butler_id')
      .leftJoin(UserEntity, 't', 't.id = h.to_butler_id')
      .leftJoin(UserEntity, 'b', 'b.id = h.changed_by')
      .select(['h.id AS id', 'h.at AS at', 'h.kind AS kind'])
      .addSelect(['h.from_butler_id AS from_id', 'h.to_butler_id AS to_id', 'h.changed_by AS by_id'])
      .addSelect('COALESCE(f.name, f.username)', 'from_name')
      .addSelect('COALESCE(t.name, t.username)', 'to_name')
      .addSelect('COALESCE(b.name, b.username)', 'by_name')
      .where('h.enterprise_id = :enterpriseId', { enterpriseId });
    const raw = await keyset(qb, BUTLER_CHANGE_ORDER, after, limit).getRawMany<Record<string, unknown>>();
    return raw.map((r) => ({
      id: r.id as string,
      at: new Date(r.at as string | Date),
      kind: r.kind as ButlerChangeKind,
      fromId: (r.from_id as string | null) ?? null,
      fromName: (r.from_name as string | null) ?? null,
      toId: (r.to_id as string | null) ?? null,
      toName: (r.to_name as string | null) ?? null,
      byId: (r.by_id as string | null) ?? null,
      byName: (r.by_name as string | null) ?? null,
    }));
  }
}
