import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { NotificationEntity } from './notification.entity';

/** Where a queued subscribe message is. `pending` → `sending` (leased) → `sent` | `skipped` | `failed`. */
export const OutboxStatus = {
  PENDING: 'pending',
  SENDING: 'sending',
  SENT: 'sent',
  /** Not sent, by design: the user refused it at WeChat (43101) or deleted the account. */
  SKIPPED: 'skipped',
  /** Not sent: WeChat refused the message (47003 …) or transient failures used up every attempt. */
  FAILED: 'failed',
} as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/**
 * A WeChat subscribe message to send, written in the same transaction as the change that caused it
 * (the transactional outbox). The openid is not kept here: it is read at send time, so a user who
 * deletes the account in between is not messaged.
 */
@Entity('notification_outbox')
/** Messages still in flight (pending, or leased to a worker), oldest first: what a claim reads. */
@Index('idx_outbox_active', ['id'], { where: "status IN ('pending', 'sending')" })
export class NotificationOutboxEntity {
  /** Increasing, so the oldest message goes first. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('idx_outbox_notification')
  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_outbox_notification' })
  notification?: NotificationEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_outbox_user' })
  user?: UserEntity;

  @Column({ name: 'template_id', type: 'varchar', length: 128 })
  templateId: string;

  /** WeChat's `page`: the mini-program page the message opens, without a leading slash. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  page: string | null;

  /** The message's data, already sanitised: `{ thing1: { value } , … }`. */
  @Column({ type: 'jsonb' })
  data: Record<string, { value: string }>;

  @Column({ type: 'varchar', length: 16, default: OutboxStatus.PENDING })
  status: OutboxStatus;

  /** Times a worker took the message (so also the fencing token of the current lease). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** WeChat's errcode (or `unreachable`, `no_openid`), never the message or the user. */
  @Column({ name: 'last_error', type: 'varchar', length: 100, nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
