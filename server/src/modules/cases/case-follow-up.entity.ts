import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { FollowUpContactMethod, FollowUpRating } from '@qsgj/shared/enums';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';
import { CaseEntity } from './case.entity';
import { CaseRatingEntity } from './case-rating.entity';

/**
 * 回访整改: opened by a 差评 (1 or 2) for the supervisors of the department rated, due in
 * `CASE_FOLLOW_UP_WORKING_DAYS` working days; the supervisor records contact and outcome once, the enterprise
 * rates the fix once.
 */
@Entity('case_follow_ups')
@Index('uq_case_follow_ups_rating', ['ratingId'], { unique: true })
@Index('idx_case_follow_ups_case', ['caseId'])
@Index('idx_case_follow_ups_department_due', ['departmentId', 'dueAt'])
@Index('idx_case_follow_ups_due', ['dueAt'])
export class CaseFollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_follow_ups_case' })
  case?: CaseEntity;

  @Column({ name: 'rating_id', type: 'uuid' })
  ratingId: string;

  @ManyToOne(() => CaseRatingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rating_id', foreignKeyConstraintName: 'fk_case_follow_ups_rating' })
  rating?: CaseRatingEntity;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_case_follow_ups_department' })
  department?: DepartmentEntity | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'contact_method', type: 'varchar', length: 16, nullable: true })
  contactMethod: FollowUpContactMethod | null;

  @Column({ name: 'contacted_at', type: 'timestamptz', nullable: true })
  contactedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  rectification: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_case_follow_ups_recorded_by' })
  recorder?: UserEntity | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ name: 'fix_rating', type: 'varchar', length: 24, nullable: true })
  fixRating: FollowUpRating | null;

  @Column({ name: 'fix_rated_at', type: 'timestamptz', nullable: true })
  fixRatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
