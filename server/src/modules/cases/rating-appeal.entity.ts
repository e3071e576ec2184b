import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { CaseEntity } from './case.entity';
import { CaseRatingEntity } from './case-rating.entity';

/** 申诉复核: the rated butler's appeal of a rating (once per rating) and a lead's decision (uphold or void). */
@Entity('rating_appeals')
@Index('uq_rating_appeals_rating', ['ratingId'], { unique: true })
@Index('idx_rating_appeals_case', ['caseId'])
export class RatingAppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'rating_id', type: 'uuid' })
  ratingId: string;

  @ManyToOne(() => CaseRatingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rating_id', foreignKeyConstraintName: 'fk_rating_appeals_rating' })
  rating?: CaseRatingEntity;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_rating_appeals_case' })
  case?: CaseEntity;

  @Column({ name: 'appellant_id', type: 'uuid', nullable: true })
  appellantId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'appellant_id', foreignKeyConstraintName: 'fk_rating_appeals_appellant' })
  appellant?: UserEntity | null;

  @Column({ type: 'text' })
  reason: string;

  /** `uphold` or `void`; null while undecided. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  decision: 'uphold' | 'void' | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_rating_appeals_decided_by' })
  decider?: UserEntity | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
