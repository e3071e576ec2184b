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
import type { MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import { UserEntity } from '../users/user.entity';
import { EnterpriseEntity } from './enterprise.entity';

/** A WeChat user's binding to an enterprise. One per user; the first binder owns the enterprise. */
@Entity('enterprise_members')
@Index('idx_enterprise_members_enterprise', ['enterpriseId', 'status'])
/** One approved owner per enterprise; binding's ON CONFLICT relies on this index (migration 1764230400000). */
@Index('uq_enterprise_members_approved_owner', ['enterpriseId'], {
  unique: true,
  where: "role = 'owner' AND status = 'approved'",
})
export class EnterpriseMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_members_enterprise' })
  enterprise?: EnterpriseEntity;

  @Index('uq_enterprise_members_user', { unique: true })
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_members_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role: MemberRole;

  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Column({ name: 'contact_name', type: 'varchar', length: 30, nullable: true })
  contactName: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
