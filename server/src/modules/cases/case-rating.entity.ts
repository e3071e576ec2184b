import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RatingLevel } from '@qsgj/shared/enums';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';
import { CaseEntity } from './case.entity';

/**
 * 一事一评: the enterprise's rating of a resolved case (at most one per case: the unique index is the arbiter).
 * `rated_by` (the member who rated) is kept for the record and never appears in a staff response;
 * `butler_id` / `department_id` are who was rated, as they were at the moment of rating. `voided`: set when an
 * appeal (申诉复核) voids the rating — the ledger counts only `voided = false`.
 */
@Entity('case_ratings')
@Index('uq_case_ratings_case', ['caseId'], { unique: true })
@Index('idx_case_ratings_department_created', ['departmentId', 'createdAt'])
export class CaseRatingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_ratings_case' })
  case?: CaseEntity;

  @Column({ type: 'smallint' })
  level: RatingLevel;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'rated_by', type: 'uuid', nullable: true })
  ratedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rated_by', foreignKeyConstraintName: 'fk_case_ratings_rated_by' })
  rater?: UserEntity | null;

  @Column({ name: 'butler_id', type: 'uuid', nullable: true })
  butlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'butler_id', foreignKeyConstraintName: 'fk_case_ratings_butler' })
  butler?: UserEntity | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_case_ratings_department' })
  department?: DepartmentEntity | null;

  @Column({ type: 'boolean', default: false })
  voided: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
