import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseApplication } from '@qsgj/shared/contracts';
import type { CaseSource, CaseState, CaseType } from '@qsgj/shared/enums';
import { DepartmentEntity } from '../departments/department.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { EventEntity } from '../events/event.entity';
import { ServicePackageEntity } from '../service-packages/service-package.entity';
import { UserEntity } from '../users/user.entity';

/** A clock as stored: the facts `readClock` needs (instants as ISO 8601), never its deadline. */
export interface StoredClock {
  startedAt: string;
  limitDays: number;
  extensionDays: number;
  pauses: Array<{ from: string; to: string | null }>;
  stoppedAt: string | null;
}

/**
 * One appeal (诉求) of any type and source. Its clocks are stored as facts (`accept_clock`, `resolve_clock`);
 * the deadlines are computed from them and the working calendar. `accept_due_at`, `resolve_due_at` and
 * `resolve_warn_at` are copies of the deadlines of the clocks running now (null when a clock is stopped or
 * paused), recomputed on every transition and calendar change, only so the queue's overdue / due-soon
 * filters can use an index.
 */
@Entity('cases')
@Index('idx_cases_enterprise_created', ['enterpriseId', 'createdAt'])
@Index('idx_cases_department_created', ['departmentId', 'createdAt'])
@Index('idx_cases_created', ['createdAt'])
@Index('idx_cases_accept_due', ['acceptDueAt'], { where: 'accept_due_at IS NOT NULL' })
@Index('idx_cases_resolve_due', ['resolveDueAt'], { where: 'resolve_due_at IS NOT NULL' })
// The staff queue's scopes (a department's cases OR those a butler holds, was addressed or recorded) and its 我的
// filter: each arm of the OR an index, so the counts and the deeper pages read only the scope's rows
// (docs/performance.md, "Case engine at 300k cases").
@Index('idx_cases_butler_created', ['butlerId', 'createdAt'])
@Index('idx_cases_addressed_butler_created', ['addressedButlerId', 'createdAt'], {
  where: 'addressed_butler_id IS NOT NULL',
})
@Index('idx_cases_recorded_by_created', ['recordedBy', 'createdAt'], { where: 'recorded_by IS NOT NULL' })
// The queue's counts (open cases only) of one department.
@Index('idx_cases_department_open', ['departmentId'], { where: "state NOT IN ('closed', 'rejected')" })
// A package's applications (its count and satisfaction), and an enterprise's 一键申报 of policies.
@Index('idx_cases_service_package', ['servicePackageId'], { where: 'service_package_id IS NOT NULL' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** QS20261130-0007: the Shanghai day of submission and that day's counter. */
  @Index('uq_cases_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'varchar', length: 16 })
  type: CaseType;

  @Column({ type: 'varchar', length: 24 })
  source: CaseSource;

  @Column({ type: 'varchar', length: 24 })
  state: CaseState;

  /** A code of the admin-managed category dictionary (comes with the policy issue); null until classified. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  category: string | null;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_cases_enterprise' })
  enterprise?: EnterpriseEntity;

  /** The enterprise user who submitted it; null when staff recorded it (or the account was deleted). */
  @Column({ name: 'submitter_id', type: 'uuid', nullable: true })
  submitterId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitter_id', foreignKeyConstraintName: 'fk_cases_submitter' })
  submitter?: UserEntity | null;

  /** The staff member who recorded it from 接待日 / 12345 / 企业家群 / a visit. */
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_cases_recorded_by' })
  recorder?: UserEntity | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_cases_department' })
  department?: DepartmentEntity | null;

  @Column({ name: 'butler_id', type: 'uuid', nullable: true })
  butlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'butler_id', foreignKeyConstraintName: 'fk_cases_butler' })
  butler?: UserEntity | null;

  /** 「向TA咨询」: the butler the enterprise addressed; they see the case whatever its department. */
  @Column({ name: 'addressed_butler_id', type: 'uuid', nullable: true })
  addressedButlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'addressed_butler_id', foreignKeyConstraintName: 'fk_cases_addressed_butler' })
  addressedButler?: UserEntity | null;

  /** A complaint whose enterprise is hidden from the department concerned (the centre sees it). */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  /** The policy the question is about (policies come with their own issue: no foreign key yet). */
  @Column({ name: 'policy_id', type: 'uuid', nullable: true })
  policyId: string | null;

  /** The 潭商讲堂 event (企业接待日) a case recorded from a registration's topic came from. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne(() => EventEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_cases_event' })
  event?: EventEntity | null;

  /** The 惠企服务 package an application (type `service`) was made for. */
  @Column({ name: 'service_package_id', type: 'uuid', nullable: true })
  servicePackageId: string | null;

  @ManyToOne(() => ServicePackageEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_package_id', foreignKeyConstraintName: 'fk_cases_service_package' })
  servicePackage?: ServicePackageEntity | null;

  /** An application's snapshot (package or policy, 一企一档 and the conditions met when it applied). */
  @Column({ type: 'jsonb', nullable: true })
  application: CaseApplication | null;

  @Column({ name: 'resolve_limit_days', type: 'int' })
  resolveLimitDays: number;

  @Column({ name: 'accept_clock', type: 'jsonb', nullable: true })
  acceptClock: StoredClock | null;

  @Column({ name: 'resolve_clock', type: 'jsonb', nullable: true })
  resolveClock: StoredClock | null;

  /** Long-term cases: YYYY-MM-DD. */
  @Column({ name: 'next_review_on', type: 'date', nullable: true })
  nextReviewOn: string | null;

  /** 办理结果, given on resolving. */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ name: 'accept_due_at', type: 'timestamptz', nullable: true })
  acceptDueAt: Date | null;

  @Column({ name: 'resolve_due_at', type: 'timestamptz', nullable: true })
  resolveDueAt: Date | null;

  @Column({ name: 'resolve_warn_at', type: 'timestamptz', nullable: true })
  resolveWarnAt: Date | null;

  /**
   * The ledger's facts (docs/cases.md "Ledger"), written with every change by `recordColumns` so the ledger reads
   * plain columns: the first 受理 and the last 办结 of the timeline, and whether each stopped clock stopped in time
   * (null while it runs). The two booleans depend on the working calendar: a calendar change re-stamps them.
   */
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The accept clock stopped by the end of its due day; null while it runs (or without one). */
  @Column({ name: 'accept_on_time', type: 'boolean', nullable: true })
  acceptOnTime: boolean | null;

  /** The resolve clock stopped after its due day; null while it runs (or without one). */
  @Column({ name: 'resolve_late', type: 'boolean', nullable: true })
  resolveLate: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
