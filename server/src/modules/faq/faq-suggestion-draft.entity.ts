import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A consultation form session in which the enterprise user opened at least one suggestion. Whether the
 * consultation was then sent is read from `cases` (a case of this user and enterprise created within 24 h of
 * `first_opened_at`), so the form reports opens only.
 */
@Entity('faq_suggestion_drafts')
@Index('idx_faq_suggestion_drafts_first_opened', ['firstOpenedAt'])
export class FaqSuggestionDraftEntity {
  /** The form's random id of its session. */
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_faq_suggestion_drafts_user' })
  user?: UserEntity;

  /** The user's approved enterprise when they first opened a suggestion. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_faq_suggestion_drafts_enterprise' })
  enterprise?: EnterpriseEntity;

  /** The database's clock (several processes compare it with `cases.created_at`). */
  @Column({ name: 'first_opened_at', type: 'timestamptz', default: () => 'now()' })
  firstOpenedAt: Date;

  @Column({ name: 'last_opened_at', type: 'timestamptz', default: () => 'now()' })
  lastOpenedAt: Date;

  @Column({ type: 'int', default: 1 })
  opens: number;

  /** FAQ entries and policies opened, as `faq:<id>` / `policy:<id>` (each once). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  opened: string[];
}
