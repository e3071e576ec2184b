import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NotificationEntity } from '../../notifications/notification.entity';
import { UserEntity } from '../../users/user.entity';
import { PolicyEntity } from '../policy.entity';
import { PolicyPushEntity } from './policy-push.entity';

/**
 * A policy delivered to a user: one row per (policy, user), ever. Its primary key is what makes 「never the
 * same policy twice to one user」 hold across a worker crash, a second publish click, or a withdraw and
 * re-publish: a batch inserts these first (`ON CONFLICT DO NOTHING`) and notifies exactly the rows it got.
 */
@Entity('policy_deliveries')
export class PolicyDeliveryEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid', primaryKeyConstraintName: 'pk_policy_deliveries' })
  policyId: string;

  @ManyToOne(() => PolicyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_policy_deliveries_policy' })
  policy?: PolicyEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_policy_deliveries' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_policy_deliveries_user' })
  user?: UserEntity;

  /** The push that delivered it (its progress counts the outbox rows of these notifications). */
  @Index('idx_policy_deliveries_push')
  @Column({ name: 'push_id', type: 'uuid' })
  pushId: string;

  @ManyToOne(() => PolicyPushEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'push_id', foreignKeyConstraintName: 'fk_policy_deliveries_push' })
  push?: PolicyPushEntity;

  /** The inbox row; null once the user deleted it with their account data. */
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @ManyToOne(() => NotificationEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_policy_deliveries_notification' })
  notification?: NotificationEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
