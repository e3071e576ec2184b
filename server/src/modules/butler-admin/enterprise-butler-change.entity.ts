import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ButlerChangeKind } from '@qsgj/shared/contracts';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';

/**
 * One change of an enterprise's butler: from whom to whom, why (one assignment, a bulk reassignment, a
 * deactivated butler's handover), by which admin, when. Append-only; the enterprise's 管家变更记录.
 */
@Entity('enterprise_butler_changes')
@Index('idx_enterprise_butler_changes_enterprise_at', ['enterpriseId', 'at', 'id'])
export class EnterpriseButlerChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_butler_changes_enterprise' })
  enterprise?: EnterpriseEntity;

  @Column({ name: 'from_butler_id', type: 'uuid', nullable: true })
  fromButlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'from_butler_id', foreignKeyConstraintName: 'fk_butler_changes_from' })
  fromButler?: UserEntity | null;

  @Column({ name: 'to_butler_id', type: 'uuid', nullable: true })
  toButlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'to_butler_id', foreignKeyConstraintName: 'fk_butler_changes_to' })
  toButler?: UserEntity | null;

  @Column({ type: 'varchar', length: 16 })
  kind: ButlerChangeKind;

  /** The admin who made the change. */
  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'fk_butler_changes_by' })
  changer?: UserEntity | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
