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
import type { EnterpriseScale, PolicyLevel } from '@qsgj/shared/enums';
import type { PolicyAttachment } from '@qsgj/shared/contracts';
import { UserEntity } from '../users/user.entity';

/** A stored policy status; `expired` is derived from `valid_to` and never stored. */
export type StoredPolicyStatus = 'draft' | 'published' | 'withdrawn';

/**
 * A policy (涉企政策). Search reads `search_vector` (overlapping character bigrams of the normalised text,
 * GIN-indexed, under the `simple` configuration) and rechecks every word against `search_doc` (the same
 * normalised text), so a policy containing every word of a query is always found.
 */
@Entity('policies')
@Index('idx_policies_published', ['publishedAt', 'id'], { where: "status = 'published'" })
@Index('idx_policies_updated', ['updatedAt', 'id'])
export class PolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 文号, unique: re-importing it updates the policy. */
  @Index('uq_policies_doc_number', { unique: true })
  @Column({ name: 'doc_number', type: 'varchar', length: 100 })
  docNumber: string;

  @Column({ type: 'varchar', length: 100 })
  issuer: string;

  @Column({ type: 'varchar', length: 16 })
  level: PolicyLevel;

  @Index('idx_policies_categories', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industries: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scales: EnterpriseScale[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  districts: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  qualifications: string[];

  /** `YYYY-MM-DD`, inclusive; null: no bound. */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** Sanitised HTML. */
  @Column({ type: 'text', default: '' })
  body: string;

  /** 解读, sanitised HTML. */
  @Column({ type: 'text', default: '' })
  interpretation: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: PolicyAttachment[];

  @Column({ name: 'source_url', type: 'varchar', length: 500, nullable: true })
  sourceUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: StoredPolicyStatus;

  /** First publication (kept across a withdraw and re-publish). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Normalised (NFKC, lower case) title and 文号: a hit here ranks first. */
  @Column({ name: 'search_title', type: 'text', default: '' })
  searchTitle: string;

  /** Normalised text of the title, 文号, summary, body, 解读 (tags stripped): what every query word is rechecked against. */
  @Column({ name: 'search_doc', type: 'text', default: '' })
  searchDoc: string;

  /** Character bigrams (and single characters) of `search_doc`, as a `simple` tsvector. */
  @Index('idx_policies_search', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false })
  searchVector: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_policies_created_by' })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
