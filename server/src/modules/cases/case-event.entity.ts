import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseAction, CaseActorKind, CaseState } from '@qsgj/shared/enums';
import type { CaseTransitionPayload } from '@qsgj/shared/rules';
import { UserEntity } from '../users/user.entity';
import { CaseEntity } from './case.entity';

/** One line of a case's timeline: who did what, when and why. Append-only; `seq` 1 is the creation. */
@Entity('case_events')
@Index('uq_case_events_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_events_case' })
  case?: CaseEntity;

  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_case_events_actor' })
  actor?: UserEntity | null;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: CaseActorKind;

  @Column({ type: 'varchar', length: 24 })
  action: CaseAction | 'create';

  @Column({ name: 'from_state', type: 'varchar', length: 24, nullable: true })
  fromState: CaseState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 24 })
  toState: CaseState;

  /** The payload fields given (reason, result, plan, next review date …), exactly as recorded. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: CaseTransitionPayload;

  @Column({ type: 'timestamptz' })
  at: Date;
}
