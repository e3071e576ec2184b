import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PushStatus } from '@qsgj/shared/enums';
import { UserEntity } from '../../users/user.entity';
import { PolicyEntity } from '../policy.entity';

/**
 * One fan-out of a published policy (政策直达): written by the publish transaction (`queued`), walked by a
 * worker in batches over `users.id` (`running`, leased), `done` when the walk found nobody left. The cursor
 * and counters move in the same transaction as each batch's deliveries, so a crashed worker's successor
 * resumes where the last committed batch ended.
 */
@Entity('policy_pushes')
/** At most one push of a policy queued or running: a second publish click finds it instead of starting another. */
@Index('uq_policy_pushes_active', ['policyId'], { unique: true, where: "status IN ('queued', 'running')" })
/** Pushes a worker may take: queued, or running under a lease that ran out. */
@Index('idx_policy_pushes_due', ['createdAt'], { where: "status IN ('queued', 'running')" })
@Index('idx_policy_pushes_policy', ['policyId', 'createdAt'])
export class PolicyPushEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @ManyToOne(() => PolicyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_policy_pushes_policy' })
  policy?: PolicyEntity;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: PushStatus;

  /** The last user id walked (keyset over `users.id`); null: not started. */
  @Column({ type: 'uuid', nullable: true })
  cursor: string | null;

  /** Users this push delivered the policy to (each one inbox row). */
  @Column({ type: 'int', default: 0 })
  targeted: number;

  @Column({ name: 'inbox_written', type: 'int', default: 0 })
  inboxWritten: number;

  /** Of those, users holding no credit for the policy template: inbox only (counted as skipped). */
  @Column({ name: 'not_granted', type: 'int', default: 0 })
  notGranted: number;

  /** Times a worker took the push (the fencing token of the current lease). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_policy_pushes_created_by' })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
