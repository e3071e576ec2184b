import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';

/**
 * An enterprise's entry in the 企业商圈 directory, written by its owner. Listed only while `visible`; leaving keeps
 * the text for a later return. Name, district and industry are read from the enterprise (一企一档) at every read.
 * Search reads `search_vector` (character bigrams of `search_doc`: the name, introduction and products, normalised
 * as policies are) and rechecks every word against `search_doc`.
 */
@Entity('market_listings')
@Index('idx_market_listings_visible', ['updatedAt', 'enterpriseId'], { where: 'visible' })
export class MarketListingEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @OneToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_market_listings_enterprise' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'varchar', length: 500 })
  introduction: string;

  @Column({ type: 'varchar', length: 300 })
  products: string;

  /** An image attached to the listing (files owner `market_listing`); null: none. */
  @Column({ name: 'logo_file_id', type: 'uuid', nullable: true })
  logoFileId: string | null;

  @Column({ type: 'boolean', default: false })
  visible: boolean;

  @Column({ name: 'search_doc', type: 'text', default: '' })
  searchDoc: string;

  @Index('idx_market_listings_search', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false })
  searchVector: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
