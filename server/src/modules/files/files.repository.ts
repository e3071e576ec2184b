import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { FileEntity } from './file.entity';

/** What a file belongs to: `{ kind: 'case', id: caseId }`. */
export interface FileOwner {
  kind: string;
  id: string;
}

export type NewFile = Pick<
  FileEntity,
  'storageKey' | 'contentType' | 'size' | 'sha256' | 'width' | 'height' | 'uploadedBy' | 'enterpriseId'
>;

/** Hours an unattached file is kept; after that it is garbage (refused by attach, swept). */
export const UNATTACHED_TTL_HOURS = 24;

/** Still within its day: `created_at` is compared with the database's clock, as every process agrees on it. */
const FRESH = `f.created_at >= now() - make_interval(hours => ${UNATTACHED_TTL_HOURS})`;
const STALE = `f.created_at < now() - make_interval(hours => ${UNATTACHED_TTL_HOURS})`;

/** The `files` table. Every read that answers a user is scoped by uploader or by owner. */
@Injectable()
export class FilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private files(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(FileEntity);
  }

  insert(file: NewFile): Promise<FileEntity> {
    return this.files().save(this.files().create({ ...file, ownerKind: null, ownerId: null, attachedAt: null }));
  }

  /** The uploader's own file while it is unattached and not yet garbage. */
  findOwnUnattached(id: string, userId: string): Promise<FileEntity | null> {
    return this.files()
      .createQueryBuilder('f')
      .where('f.id = :id AND f.uploaded_by = :userId AND f.owner_kind IS NULL', { id, userId })
      .andWhere(FRESH)
      .getOne();
  }

  findById(id: string, manager?: EntityManager): Promise<FileEntity | null> {
    return this.files(manager).findOne({ where: { id } });
  }

  findForOwner(id: string, owner: FileOwner): Promise<FileEntity | null> {
    return this.files().findOne({ where: { id, ownerKind: owner.kind, ownerId: owner.id } });
  }

  /** The files of several owners of one kind (a case's messages), oldest first. */
  listForOwners(kind: string, ownerIds: string[], manager?: EntityManager): Promise<FileEntity[]> {
    if (ownerIds.length === 0) return Promise.resolve([]);
    return this.files(manager)
      .createQueryBuilder('f')
      .where('f.owner_kind = :kind AND f.owner_id IN (:...ownerIds)', { kind, ownerIds })
      .orderBy('f.created_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
  }

  /** An owner's files, oldest first (the order they were uploaded in). */
  listForOwner(owner: FileOwner, manager?: EntityManager): Promise<FileEntity[]> {
    return this.files(manager).find({
      where: { ownerKind: owner.kind, ownerId: owner.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Attaches those of `ids` that are the user's, unattached and fresh; answers the ids it attached.
   * The rows stay locked until the caller's transaction ends, so the sweep (SKIP LOCKED) passes them by.
   */
  async attach(manager: EntityManager, ids: string[], owner: FileOwner, userId: string): Promise<string[]> {
    const result = await manager
      .createQueryBuilder()
      .update(FileEntity)
      .set({ ownerKind: owner.kind, ownerId: owner.id, attachedAt: () => 'now()' })
      .where({ id: In(ids), uploadedBy: userId })
      .andWhere('owner_kind IS NULL')
      .andWhere(`created_at >= now() - make_interval(hours => ${UNATTACHED_TTL_HOURS})`)
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /** Why each of `ids` could not be attached: what the database says of it now. */
  findStates(
    manager: EntityManager,
    ids: string[],
  ): Promise<Pick<FileEntity, 'id' | 'uploadedBy' | 'ownerKind' | 'createdAt'>[]> {
    return manager
      .getRepository(FileEntity)
      .find({ select: { id: true, uploadedBy: true, ownerKind: true, createdAt: true }, where: { id: In(ids) } });
  }

  /**
   * Detaches the owner's files other than `keep` (a replaced news cover): unattached again, they are garbage the
   * sweep deletes, row and object, once their day has passed.
   */
  async detachOthers(manager: EntityManager, owner: FileOwner, keep: string[]): Promise<void> {
    const qb = manager
      .createQueryBuilder()
      .update(FileEntity)
      .set({ ownerKind: null, ownerId: null, attachedAt: null })
      .where({ ownerKind: owner.kind, ownerId: owner.id });
    if (keep.length > 0) qb.andWhere({ id: Not(In(keep)) });
    await qb.execute();
  }

  countForOwner(manager: EntityManager, owner: FileOwner): Promise<number> {
    return manager.getRepository(FileEntity).count({ where: { ownerKind: owner.kind, ownerId: owner.id } });
  }

  /**
   * Claims up to `limit` garbage rows (unattached for more than a day) for the caller's transaction.
   * Rows another process is sweeping, or a request is attaching, right now are skipped.
   */
  claimGarbage(manager: EntityManager, limit: number): Promise<Pick<FileEntity, 'id' | 'storageKey'>[]> {
    return manager
      .getRepository(FileEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.storageKey'])
      .where('f.owner_kind IS NULL')
      .andWhere(STALE)
      .orderBy('f.created_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async deleteByIds(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.getRepository(FileEntity).delete({ id: In(ids) });
  }
}
