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
import type { MarketPostKind } from '@qsgj/shared/contracts';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';

/** A post's stored state; `expired` is `active` past `expires_at`, never stored. */
export type StoredMarketPostStatus = 'active' | 'held' | 'closed' | 'taken_down';

/**
 * A 供应 or 需求 post of an enterprise. On the board while `active` and `expires_at > now()` (the database's
 * clock): an expired post leaves the board by that condition alone, no timer. Searched like policies: bigrams of
 * `search_doc` (title and description, normalised) in `search_vector`, each word rechecked against `search_doc`.
 */
@Entity('market_posts')
// The board: active posts, newest first (the expiry is checked on the rows read).
@Index('idx_market_posts_board', ['createdAt', 'id'], { where: "status = 'active'" })
// 我的发布: an enterprise's posts, newest first.
@Index('idx_market_posts_enterprise', ['enterpriseId', 'createdAt', 'id'])
export class MarketPostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_market_posts_enterprise' })
  enterprise?: EnterpriseEntity;

  /** Who wrote it; null once their account is gone (the enterprise's owner still manages it). */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_market_posts_author' })
  author?: UserEntity | null;

  @Column({ type: 'varchar', length: 8 })
  kind: MarketPostKind;

  @Column({ type: 'varchar', length: 20 })
  category: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 30 })
  district: string;

  @Column({ type: 'varchar', length: 50 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: StoredMarketPostStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'takedown_reason', type: 'varchar', length: 200, nullable: true })
  takedownReason: string | null;

  @Column({ name: 'taken_down_by', type: 'uuid', nullable: true })
  takenDownBy: string | null;

  @Column({ name: 'taken_down_at', type: 'timestamptz', nullable: true })
  takenDownAt: Date | null;

  @Column({ name: 'search_doc', type: 'text', default: '' })
  searchDoc: string;

  @Index('idx_market_posts_search', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false })
  searchVector: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
