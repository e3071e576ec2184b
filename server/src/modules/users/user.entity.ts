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
import type { Role } from '@qsgj/shared/enums';
import { DepartmentEntity } from '../departments/department.entity';

/** Everyone who signs in: enterprise users (WeChat) and staff (username + password). */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Index('uq_users_openid', { unique: true, where: 'openid IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  nickname: string | null;

  /** Only ever from WeChat's phone-number exchange, or set by an admin for staff. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Index('uq_users_username', { unique: true, where: 'username IS NOT NULL' })
  @Column({ type: 'varchar', length: 32, nullable: true })
  username: string | null;

  /** A staff member's real name. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  name: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_users_department' })
  department?: DepartmentEntity | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  specialties: string[];

  /** 管家介绍 (≤ 300 characters), shown in the butler directory; staff only. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  introduction: string | null;

  @Column({ name: 'large_font', type: 'boolean', default: false })
  largeFont: boolean;

  @Column({ name: 'consent_version', type: 'varchar', length: 32, nullable: true })
  consentVersion: string | null;

  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  /** Set when the user deleted the account: personal data is gone, the row stays for statistics. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
