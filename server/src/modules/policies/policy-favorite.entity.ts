import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PolicyEntity } from './policy.entity';

/** A policy a user keeps (收藏), listed in 我的. */
@Entity('policy_favorites')
@Index('idx_policy_favorites_user_created', ['userId', 'createdAt'])
export class PolicyFavoriteEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_policy_favorites_user' })
  user?: UserEntity;

  @ManyToOne(() => PolicyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_policy_favorites_policy' })
  policy?: PolicyEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
