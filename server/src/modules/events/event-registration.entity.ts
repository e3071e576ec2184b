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
import type { RegistrationStatus } from '@qsgj/shared/contracts';
import { CaseEntity } from '../cases/case.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';
import { EventEntity } from './event.entity';

/**
 * One user's registration of one event (unique: a repeat sign-up answers the same row). `seq` is the arrival
 * number the event gave it under its row lock: the waitlist moves up in `seq` order. A cancelled registration keeps
 * its row; signing up again gives it a new arrival number.
 */
@Entity('event_registrations')
@Index('uq_event_registrations_event_user', ['eventId', 'userId'], { unique: true })
// The waitlist (first by arrival), the staff list and the counts of one event.
@Index('idx_event_registrations_event_status_seq', ['eventId', 'status', 'seq'])
// 我的报名: the latest first.
@Index('idx_event_registrations_user_created', ['userId', 'createdAt', 'id'])
export class EventRegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_registrations_event' })
  event?: EventEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_event_registrations_user' })
  user?: UserEntity;

  /** The registrant's enterprise when they signed up. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_event_registrations_enterprise' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'varchar', length: 16 })
  status: RegistrationStatus;

  /** Arrival number within the event. */
  @Column({ type: 'int' })
  seq: number;

  /** 企业接待日: the problem the enterprise wants to raise. */
  @Column({ type: 'text', nullable: true })
  topic: string | null;

  /** The case staff made of the topic (source reception_day). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_event_registrations_case' })
  case?: CaseEntity | null;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true })
  checkedInBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'checked_in_by', foreignKeyConstraintName: 'fk_event_registrations_checked_in_by' })
  checker?: UserEntity | null;

  /** When a waitlisted registration got a seat. */
  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Claims of the reminders (the day before, the hour before): set by the one poller that sends each. */
  @Column({ name: 'reminded_day_at', type: 'timestamptz', nullable: true })
  remindedDayAt: Date | null;

  @Column({ name: 'reminded_hour_at', type: 'timestamptz', nullable: true })
  remindedHourAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
