import type {} from '@fastify/multipart';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MembershipStatus, Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { EnterprisesService } from '../enterprises/enterprises.service';
import type { OpenedFile } from './file-response';
import { FilesRepository } from './files.repository';
import { type FileSummary, FilesService, toFileSummary } from './files.service';
import { MAX_IMAGE_BYTES, receiveImage, UPLOAD_BROKEN_MESSAGE } from './image-receiver';
import { newStorageKey, OBJECT_STORAGE, type ObjectStorage } from './object-storage';

/** busboy's limits for an image upload: one file, a few small fields (wx.uploadFile's formData). */
export const IMAGE_UPLOAD_LIMITS = {
  fileSize: MAX_IMAGE_BYTES,
  files: 1,
  fields: 10,
  fieldSize: 1024,
  fieldNameSize: 100,
  parts: 12,
  headerPairs: 100,
};

export const NOT_MULTIPART_MESSAGE = '请以 multipart/form-data 方式上传图片';
export const NO_FILE_MESSAGE = '请选择要上传的图片';
export const STORAGE_DOWN_MESSAGE = '图片存储暂时不可用，请稍后再试';

/** `POST /api/v1/files/images` and `GET /api/v1/files/:id`: a signed-in user's own uploads. */
@Injectable()
export class ImageUploadsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Files');
  private spoolDir = '';

  constructor(
    private readonly files: FilesRepository,
    private readonly filesService: FilesService,
    private readonly enterprises: EnterprisesService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async onModuleInit(): Promise<void> {
    // Uploads are received here first (checked, hashed), then handed to storage; one folder per process.
    this.spoolDir = await mkdtemp(join(tmpdir(), 'qsgj-upload-'));
    this.logger.log({ storage: this.storage.kind }, 'File storage ready');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.spoolDir) await rm(this.spoolDir, { recursive: true, force: true });
  }

  /**
   * One image from a multipart request: its type from its bytes (JPEG, PNG or WebP), at most 10 MB,
   * stored under a random key, recorded as the caller's unattached upload. Nothing is stored, and no
   * row written, when anything is refused.
   */
  async upload(req: FastifyRequest, actor: Actor): Promise<FileSummary> {
    if (!req.isMultipart()) {
      throw new AppException('UNSUPPORTED_MEDIA_TYPE', undefined, undefined, NOT_MULTIPART_MESSAGE);
    }
    let part;
    try {
      part = await req.file({ limits: IMAGE_UPLOAD_LIMITS });
    } catch {
      throw fieldError('file', UPLOAD_BROKEN_MESSAGE);
    }
    if (!part) throw fieldError('file', NO_FILE_MESSAGE);
    const image = await receiveImage(part.file, this.spoolDir);
    try {
      const enterpriseId = await this.enterpriseOf(actor);
      const storageKey = newStorageKey('img');
      try {
        await this.storage.put(storageKey, createReadStream(image.path), image.type, {
          size: image.size,
          sha256: image.sha256,
        });
      } catch (e) {
        this.logger.error({ reason: (e as Error).message, storage: this.storage.kind }, 'Storing an upload failed');
        await this.storage.delete(storageKey).catch(() => undefined);
        throw new AppException('SERVICE_UNAVAILABLE', undefined, undefined, STORAGE_DOWN_MESSAGE);
      }
      try {
        const row = await this.files.insert({
          storageKey,
          contentType: image.type,
          size: image.size,
          sha256: image.sha256,
          width: image.dimensions?.width ?? null,
          height: image.dimensions?.height ?? null,
          uploadedBy: actor.id,
          enterpriseId,
        });
        return toFileSummary(row);
      } catch (e) {
        await this.storage.delete(storageKey).catch(() => undefined);
        throw e;
      }
    } finally {
      await rm(image.path, { force: true });
    }
  }

  /** The caller's own upload, for a preview before they submit it; anyone else's, or an attached one: 404. */
  async openOwn(actor: Actor, id: string): Promise<OpenedFile> {
    const row = await this.files.findOwnUnattached(id, actor.id);
    if (!row) throw notFound();
    return this.filesService.open(row);
  }

  /** An enterprise user's approved enterprise (recorded with the upload); staff have none. */
  private async enterpriseOf(actor: Actor): Promise<string | null> {
    if (actor.role !== Role.ENTERPRISE) return null;
    const membership = await this.enterprises.membershipOf(actor.id);
    return membership?.status === MembershipStatus.APPROVED ? membership.enterpriseId : null;
  }
}
