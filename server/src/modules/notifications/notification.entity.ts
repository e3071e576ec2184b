import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '@qsgj/shared/enums';
import { UserEntity } from '../users/user.entity';

/** One entry of a user's in-app inbox. Every notification is one of these; a WeChat message is extra. */
@Entity('notifications')
/** The inbox, newest first (scanned backwards): `(created_at, id) < cursor ORDER BY created_at DESC, id DESC`. */
@Index('idx_notifications_user_created', ['userId', 'createdAt', 'id'])
/** The unread badge: counts only unread rows. */
@Index('idx_notifications_user_unread', ['userId'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** A mini-program page path with its query, e.g. `/packages/me/pages/members/index`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
