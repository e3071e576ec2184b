import { Injectable } from '@nestjs/common';
import { AuditAction } from '@qsgj/shared/enums';
import type { CaseHistoryEntry, CaseRecord, WorkingCalendar } from '@qsgj/shared/rules';
import type { Change } from '../audit/changes';
import type { CaseEntity } from './case.entity';
import { CaseEventsRepository } from './case-events.repository';
import { recordColumns, toEventRow } from './case-record';
import { CasesRepository } from './cases.repository';

/** One transition `applyTransition` allowed, to be written. */
export interface AppliedCaseChange {
  entry: CaseHistoryEntry;
  record: CaseRecord;
}

/**
 * The one writer of a transition: the case row follows the record (state, clocks, deadlines), its timeline gets the
 * line, and the audit log the entry, all in the change's transaction. Every path that moves a case (staff actions,
 * the enterprise's rating, the sweep's auto-close) goes through here.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
  ) {}

  async write(
    change: Change,
    c: { id: string; number: string },
    applied: AppliedCaseChange,
    calendar: WorkingCalendar,
    options: { actorId: string | null; columns?: Partial<CaseEntity>; audit?: Record<string, unknown> },
  ): Promise<void> {
    const { entry, record } = applied;
    const m = change.manager;
    await this.cases.update(c.id, { ...recordColumns(record, calendar, entry.at), ...options.columns }, m);
    await this.events.append(toEventRow(c.id, entry, options.actorId), m);
    await change.audit(
      AuditAction.CASE_TRANSITION,
      { type: 'case', id: c.id },
      {
        number: c.number,
        action: entry.action,
        from: entry.from,
        to: entry.to,
        payload: entry.payload,
        ...options.audit,
      },
    );
  }
}
