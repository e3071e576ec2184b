import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SubscribeResult } from '@qsgj/shared/enums';
import { UserEntity } from '../users/user.entity';

/**
 * A user's one-time subscriptions (一次性订阅) to one template: each 'accept' in the app adds a
 * credit, each message queued spends one; 'reject', 'ban' and WeChat's 43101 set it to 0.
 */
@Entity('subscription_grants')
export class SubscriptionGrantEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_subscription_grants' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_subscription_grants_user' })
  user?: UserEntity;

  @PrimaryColumn({
    name: 'template_id',
    type: 'varchar',
    length: 128,
    primaryKeyConstraintName: 'pk_subscription_grants',
  })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  credits: number;

  /** The user's latest answer for this template ('refused' when WeChat said 43101). */
  @Column({ name: 'last_result', type: 'varchar', length: 16 })
  lastResult: SubscribeResult | 'refused';

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
