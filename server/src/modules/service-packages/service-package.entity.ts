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
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A 惠企服务 package (法律体检、融资对接 …): its provider department handles the cases applications open, within
 * `time_limit_days` working days. Eligibility lists as policies have them (an empty list: no restriction). A retired
 * package (`active` false) is out of sight for all but staff; its cases stay.
 */
@Entity('service_packages')
// The catalogue, in the order admins added packages; and one provider's packages.
@Index('idx_service_packages_active_created', ['createdAt', 'id'], { where: 'active = true' })
@Index('idx_service_packages_department_created', ['departmentId', 'createdAt', 'id'])
@Index('idx_service_packages_updated', ['updatedAt', 'id'])
export class ServicePackageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_service_packages_name', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_service_packages_department' })
  department?: DepartmentEntity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industries: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scales: EnterpriseScale[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  districts: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  qualifications: string[];

  /** 所需材料, each a line of text. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  materials: string[];

  /** The resolve limit of its cases, in working days. */
  @Column({ name: 'time_limit_days', type: 'int' })
  timeLimitDays: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_service_packages_created_by' })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
