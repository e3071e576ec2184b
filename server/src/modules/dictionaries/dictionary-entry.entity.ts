import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DictionaryKind } from '@qsgj/shared/enums';

/**
 * One value of an admin-managed dictionary (政策类别、行业、区域、企业资质). The value itself is what policies,
 * enterprise profiles, subscriptions, FAQ entries, service packages, events and market posts store, so a rename
 * rewrites it there in the same transaction.
 */
@Entity('dictionary_entries')
@Index('uq_dictionary_entries_kind_value', ['kind', 'value'], { unique: true })
export class DictionaryEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'int', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: DictionaryKind;

  @Column({ type: 'varchar', length: 50 })
  value: string;

  @Column({ type: 'int', default: 0 })
  sort: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
