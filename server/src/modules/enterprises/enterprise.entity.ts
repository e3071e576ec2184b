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
import type { EnterpriseScale } from '@qsgj/shared/enums';
import { UserEntity } from '../users/user.entity';

/** An enterprise, identified by its 统一社会信用代码 (一企一档). */
@Entity('enterprises')
// Who serves which enterprises (a butler's workload, handover, bulk reassignment from a butler).
@Index('idx_enterprises_butler', ['butlerId'], { where: 'butler_id IS NOT NULL' })
// Bulk reassignment by 区县 / 园区.
@Index('idx_enterprises_district', ['district'], { where: 'district IS NOT NULL' })
@Index('idx_enterprises_park', ['park'], { where: 'park IS NOT NULL' })
export class EnterpriseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'credit_code', type: 'char', length: 18, unique: true })
  creditCode: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  scale: EnterpriseScale | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  district: string | null;

  /** 所属园区 (a butler may serve a whole park); null when none is on record. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  park: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  qualifications: string[];

  /** 成立日期, `YYYY-MM-DD` (一企一档). */
  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn: string | null;

  @Column({ name: 'butler_id', type: 'uuid', nullable: true })
  butlerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'butler_id', foreignKeyConstraintName: 'fk_enterprises_butler' })
  butler?: UserEntity | null;

  /** The contact number the city holds on record; a first binder whose WeChat phone matches it owns the enterprise (ADR 007). */
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  /** The city put this enterprise on record (demo data, an import, an admin), not a binder. */
  @Column({ name: 'on_record', type: 'boolean', default: false })
  onRecord: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
