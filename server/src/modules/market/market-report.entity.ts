import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MarketReportStatus } from '@qsgj/shared/contracts';
import { UserEntity } from '../users/user.entity';
import { MarketPostEntity } from './market-post.entity';

/**
 * A report (举报) of a post for staff to review; `reporter_id` null: the content check held the post for a person.
 * One open report per user and post.
 */
@Entity('market_reports')
@Index('uq_market_reports_open', ['postId', 'reporterId'], { unique: true, where: "status = 'open'" })
// The staff queue: open reports, oldest first.
@Index('idx_market_reports_status', ['status', 'createdAt', 'id'])
export class MarketReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => MarketPostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_market_reports_post' })
  post?: MarketPostEntity;

  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'fk_market_reports_reporter' })
  reporter?: UserEntity | null;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: MarketReportStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
