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
import type { ContactRequestStatus } from '@qsgj/shared/contracts';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';
import { MarketPostEntity } from './market-post.entity';

/**
 * 对接: an enterprise user asks the enterprise of a post to exchange contacts. Each side's contact is revealed to the
 * other only while `status = 'accepted'`. One open (pending or accepted) request per requesting enterprise and post.
 */
@Entity('market_contact_requests')
@Index('uq_market_contact_requests_open', ['postId', 'requesterEnterpriseId'], {
  unique: true,
  where: "status IN ('pending', 'accepted')",
})
// The flood limit counts a user's requests of the last 24 hours; 发出的对接 lists them.
@Index('idx_market_contact_requests_requester', ['requesterId', 'createdAt', 'id'])
// 收到的对接: the requests on an enterprise's posts.
@Index('idx_market_contact_requests_owner', ['ownerEnterpriseId', 'createdAt', 'id'])
export class MarketContactRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => MarketPostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_market_contact_requests_post' })
  post?: MarketPostEntity;

  /** The post's enterprise when the request was made. */
  @Column({ name: 'owner_enterprise_id', type: 'uuid' })
  ownerEnterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_enterprise_id', foreignKeyConstraintName: 'fk_market_contact_requests_owner' })
  ownerEnterprise?: EnterpriseEntity;

  @Column({ name: 'requester_enterprise_id', type: 'uuid' })
  requesterEnterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_enterprise_id', foreignKeyConstraintName: 'fk_market_contact_requests_requester_ent' })
  requesterEnterprise?: EnterpriseEntity;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'fk_market_contact_requests_requester' })
  requester?: UserEntity;

  @Column({ type: 'varchar', length: 300 })
  message: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ContactRequestStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
