import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';

/**
 * An uploaded file (today: an image). Uploaded alone, then attached to what it belongs to (a case, a
 * news item …: `owner_kind` + `owner_id`) in that object's transaction; one still unattached a day
 * later is garbage and is swept, row and object. The bytes live in object storage under `storage_key`,
 * a random name unrelated to the id and to anything the client sent.
 */
@Entity('files')
@Check('ck_files_owner', '(owner_kind IS NULL) = (owner_id IS NULL)')
/** The sweep: unattached files, oldest first. */
@Index('idx_files_unattached_created', ['createdAt'], { where: 'owner_kind IS NULL' })
/** An owner's files (a case's images). */
@Index('idx_files_owner', ['ownerKind', 'ownerId'], { where: 'owner_kind IS NOT NULL' })
/** A user's uploads (their data export, their account's deletion). */
@Index('idx_files_uploaded_by', ['uploadedBy'])
export class FileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_files_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey: string;

  /** Decided from the bytes (magic numbers), never from what the client declared. */
  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_files_uploaded_by' })
  uploader?: UserEntity;

  /** The uploader's enterprise when they uploaded (an approved member's), else null (staff). */
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_files_enterprise' })
  enterprise?: EnterpriseEntity | null;

  /** What the file belongs to, e.g. `case`; null (with owner_id) until attached. */
  @Column({ name: 'owner_kind', type: 'varchar', length: 32, nullable: true })
  ownerKind: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true })
  attachedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
