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
import type { FaqStatus } from '@qsgj/shared/contracts';
import { CaseEntity } from '../cases/case.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A 常见问题 entry: a question and its plain-text answer, rewritten by staff without the enterprise's identity,
 * public once a supervisor or admin other than its author and last editor has reviewed it. Search works as the
 * policies' does: `search_vector` holds the character bigrams of `search_doc` (question and answer, normalised by
 * the policies' `indexFields`), GIN-indexed under `simple`, and every query word is rechecked against `search_doc`.
 */
@Entity('faq_entries')
@Index('idx_faq_entries_published', ['publishedAt', 'id'], { where: "status = 'published'" })
@Index('idx_faq_entries_updated', ['updatedAt', 'id'])
export class FaqEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  question: string;

  /** Plain text. */
  @Column({ type: 'text' })
  answer: string;

  /** Values of the 政策类别 dictionary (kind `categories`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  /** Linked policies (shown while published; no foreign key: a policy is never deleted, only withdrawn). */
  @Column({ name: 'policy_ids', type: 'uuid', array: true, default: () => "'{}'" })
  policyIds: string[];

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: FaqStatus;

  /** The resolved consultation it was written from: one entry per consultation. */
  @Index('uq_faq_entries_source_case', { unique: true, where: 'source_case_id IS NOT NULL' })
  @Column({ name: 'source_case_id', type: 'uuid', nullable: true })
  sourceCaseId: string | null;

  @ManyToOne(() => CaseEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_case_id', foreignKeyConstraintName: 'fk_faq_entries_source_case' })
  sourceCase?: CaseEntity | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_faq_entries_created_by' })
  creator?: UserEntity | null;

  /** Who last changed the text (the author at first): they may not publish it either. */
  @Column({ name: 'edited_by', type: 'uuid', nullable: true })
  editedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'edited_by', foreignKeyConstraintName: 'fk_faq_entries_edited_by' })
  editor?: UserEntity | null;

  /** The supervisor or admin who published it (last review). */
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'fk_faq_entries_reviewed_by' })
  reviewer?: UserEntity | null;

  /** The last publication. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'view_count', type: 'int', default: 0 })
  viewCount: number;

  /** Normalised question: a hit here ranks first. */
  @Column({ name: 'search_title', type: 'text', default: '' })
  searchTitle: string;

  /** Normalised question and answer: what every query word is rechecked against. */
  @Column({ name: 'search_doc', type: 'text', default: '' })
  searchDoc: string;

  @Index('idx_faq_entries_search', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false })
  searchVector: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
