import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ErrorDetail } from '@qsgj/shared/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, notFound } from '../../common/errors/app-exception';
import type { FileEntity } from './file.entity';
import { fileHeaders, type OpenedFile } from './file-response';
import { type FileOwner, FilesRepository, UNATTACHED_TTL_HOURS } from './files.repository';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';

/** Files one object may carry (a case's images): the mini-program's picker allows as many. */
export const MAX_FILES_PER_OWNER = 9;
/** Garbage rows swept per transaction. */
const SWEEP_BATCH = 25;

/** What a client is told of a file: the upload's answer, and each image of a case. */
export interface FileSummary {
  id: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
}

export function toFileSummary(f: FileEntity): FileSummary {
  const summary: FileSummary = { id: f.id, contentType: f.contentType, size: f.size };
  if (f.width !== null && f.height !== null) Object.assign(summary, { width: f.width, height: f.height });
  return summary;
}

export const ATTACH_MESSAGES = {
  tooMany: `最多只能附 ${MAX_FILES_PER_OWNER} 张图片`,
  duplicate: '同一张图片不能重复提交',
  missing: '图片不存在，请重新上传',
  used: '图片已被使用，请重新上传',
  expired: `图片上传已超过 ${UNATTACHED_TTL_HOURS} 小时，请重新上传`,
} as const;

/**
 * What other domains ask of uploaded files: attach a user's uploads to the object they submit (in that
 * object's transaction), open an attached file for the owner's route, list an owner's files; and the
 * sweep of uploads nobody attached. Whether the caller may see the owner is the owner's domain's
 * question: ask it first.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('Files');

  constructor(
    private readonly files: FilesRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Attaches the user's uploads to `owner`, inside the caller's transaction (`manager`): only files the
   * user uploaded, not yet attached, uploaded within the last 24 hours; at most 9 on one owner. Anything
   * else is refused with 400 naming the problem (`details` per file, `images[i]`), and the caller's
   * transaction should roll back (it will, when the error propagates out of `Changes.run`).
   */
  async attach(
    manager: EntityManager,
    fileIds: string[],
    owner: FileOwner,
    byUser: { id: string },
    field = 'images',
  ): Promise<void> {
    if (fileIds.length === 0) return;
    if (new Set(fileIds).size !== fileIds.length) throw this.refuse(field, ATTACH_MESSAGES.duplicate);
    if (fileIds.length > MAX_FILES_PER_OWNER) throw this.refuse(field, ATTACH_MESSAGES.tooMany);
    const attached = new Set(await this.files.attach(manager, fileIds, owner, byUser.id));
    if (attached.size !== fileIds.length) {
      const states = new Map((await this.files.findStates(manager, fileIds)).map((s) => [s.id, s]));
      const details: ErrorDetail[] = fileIds.flatMap((id, i) => {
        if (attached.has(id)) return [];
        const s = states.get(id);
        const message: string =
          !s || s.uploadedBy !== byUser.id
            ? ATTACH_MESSAGES.missing
            : s.ownerKind !== null
              ? ATTACH_MESSAGES.used
              : ATTACH_MESSAGES.expired;
        return [{ field: `${field}[${i}]`, message }];
      });
      throw new AppException('VALIDATION_FAILED', details, undefined, details[0].message);
    }
    if ((await this.files.countForOwner(manager, owner)) > MAX_FILES_PER_OWNER) {
      throw this.refuse(field, ATTACH_MESSAGES.tooMany);
    }
  }

  /**
   * Inside the caller's transaction, detaches every file of `owner` except `keep` (an object that holds one
   * image, e.g. a news cover, replacing it): the others become garbage for the sweep.
   */
  detachOthers(manager: EntityManager, owner: FileOwner, keep: string[]): Promise<void> {
    return this.files.detachOthers(manager, owner, keep);
  }

  private refuse(field: string, message: string): AppException {
    return new AppException('VALIDATION_FAILED', [{ field, message }], undefined, message);
  }

  /** The owner's files, oldest first, as clients see them. */
  async listForOwner(owner: FileOwner, manager?: EntityManager): Promise<FileSummary[]> {
    return (await this.files.listForOwner(owner, manager)).map(toFileSummary);
  }

  /** The files of several owners of one kind, by owner id. */
  async listForOwners(kind: string, ownerIds: string[], manager?: EntityManager): Promise<Map<string, FileSummary[]>> {
    const out = new Map<string, FileSummary[]>();
    for (const row of await this.files.listForOwners(kind, ownerIds, manager)) {
      const list = out.get(row.ownerId!) ?? [];
      list.push(toFileSummary(row));
      out.set(row.ownerId!, list);
    }
    return out;
  }

  /** The file when it is attached to one of the owners given (kind and ids), else null. */
  async findAttachedTo(fileId: string, owners: Array<{ kind: string; ids: string[] }>): Promise<FileEntity | null> {
    const row = await this.files.findById(fileId);
    if (!row || !row.ownerKind || !row.ownerId) return null;
    return owners.some((o) => o.kind === row.ownerKind && o.ids.includes(row.ownerId!)) ? row : null;
  }

  /** An attached file of `owner`, opened; 404 when it is not one of the owner's. */
  async openForOwner(fileId: string, owner: FileOwner): Promise<OpenedFile> {
    const row = await this.files.findForOwner(fileId, owner);
    if (!row) throw notFound();
    return this.open(row);
  }

  /** Opens a file's object; a row whose object is gone answers 404 (and is logged: it should not happen). */
  async open(row: FileEntity): Promise<OpenedFile> {
    const object = await this.storage.get(row.storageKey);
    if (!object) {
      this.logger.error({ fileId: row.id }, 'File row without its stored object');
      throw notFound();
    }
    return {
      id: row.id,
      stream: object.stream,
      size: object.size,
      contentType: row.contentType,
      headers: fileHeaders(row.id, row.contentType, object.size),
    };
  }

  /**
   * Deletes uploads nobody attached within 24 hours: object first, then row, in batches. Safe with
   * several processes: each batch is claimed with `FOR UPDATE SKIP LOCKED`, so two sweeps never take
   * the same row, and a file being attached right now (row locked) is left alone. When a delete in
   * storage fails the batch's transaction rolls back and the next sweep tries again (deleting an object
   * that is already gone is not an error). Answers how many were swept.
   */
  async sweepGarbage(): Promise<number> {
    let total = 0;
    for (;;) {
      const swept = await this.dataSource.transaction(async (manager) => {
        const rows = await this.files.claimGarbage(manager, SWEEP_BATCH);
        await Promise.all(rows.map((r) => this.storage.delete(r.storageKey)));
        await this.files.deleteByIds(
          manager,
          rows.map((r) => r.id),
        );
        return rows.length;
      });
      total += swept;
      if (swept < SWEEP_BATCH) return total;
    }
  }
}
