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
import type { NewsStatus } from '@qsgj/shared/contracts';
import { FileEntity } from '../files/file.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A 营商动态 article. The public sees it when it is `published` and its `published_at` has come (scheduled
 * publishing is decided on read: no timer, any number of processes agree); pinned ones first, then the
 * newest. The cover is an uploaded image attached to the article (`files`, owner kind `news`).
 */
@Entity('news_articles')
/** The public list and the home feed: pinned first, then newest, over published rows only. */
@Index('idx_news_articles_public', ['pinned', 'publishedAt', 'id'], { where: "status = 'published'" })
/** The workbench list: most recently changed first. */
@Index('idx_news_articles_updated', ['updatedAt', 'id'])
export class NewsArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  summary: string;

  /** Sanitised HTML (the policies' sanitiser). */
  @Column({ type: 'text', default: '' })
  body: string;

  /** 来源, e.g. 湘潭市优化营商环境办公室. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  source: string | null;

  @Column({ name: 'cover_file_id', type: 'uuid', nullable: true })
  coverFileId: string | null;

  @ManyToOne(() => FileEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cover_file_id', foreignKeyConstraintName: 'fk_news_articles_cover' })
  cover?: FileEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: NewsStatus;

  /** When it is (or is scheduled to be) public; set on publish, kept on withdraw. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  /** Public detail reads (staff reads do not count). */
  @Column({ name: 'view_count', type: 'int', default: 0 })
  viewCount: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_news_articles_created_by' })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
