import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { EventKind, EventMaterial, EventStatus } from '@qsgj/shared/contracts';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';

/**
 * An event of 潭商讲堂 (讲座、培训、轻骑兵政策宣讲、企业接待日). Its seat counters are kept on the row and changed only
 * by a transaction that holds the row locked (`FOR UPDATE`): a sign-up, a cancellation, a capacity change. The
 * check constraint is the last word: whatever the code does, the database never stores more confirmed seats than
 * the capacity.
 */
@Entity('events')
@Check('ck_events_seats', '"confirmed_count" >= 0 AND "confirmed_count" <= "capacity"')
// The public list: upcoming soonest first, past latest first (the same index read backwards).
@Index('idx_events_published_starts', ['startsAt', 'id'], { where: "status = 'published'" })
@Index('idx_events_updated', ['updatedAt', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: EventKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The speaker, or the officials present. */
  @Column({ type: 'varchar', length: 200, default: '' })
  speakers: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'signup_deadline', type: 'timestamptz' })
  signupDeadline: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ name: 'online_url', type: 'varchar', length: 500, nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'int' })
  capacity: number;

  /** Districts it is for (区域 dictionary); empty: every district. */
  @Column({ name: 'audience_districts', type: 'text', array: true, default: () => "'{}'" })
  audienceDistricts: string[];

  /** Industries it is for (行业 dictionary); empty: every industry. */
  @Column({ name: 'audience_industries', type: 'text', array: true, default: () => "'{}'" })
  audienceIndustries: string[];

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_events_department' })
  department?: DepartmentEntity | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  materials: EventMaterial[];

  @Column({ name: 'replay_url', type: 'varchar', length: 500, nullable: true })
  replayUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: EventStatus;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  /** Seats taken (confirmed registrations); ≤ capacity (ck_events_seats). */
  @Column({ name: 'confirmed_count', type: 'int', default: 0 })
  confirmedCount: number;

  @Column({ name: 'waitlist_count', type: 'int', default: 0 })
  waitlistCount: number;

  /** The last arrival number given to a sign-up of this event (arrival order: first come, first served). */
  @Column({ name: 'signup_seq', type: 'int', default: 0 })
  signupSeq: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_events_created_by' })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
