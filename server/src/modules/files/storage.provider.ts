import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

/** Where files go without S3: STORAGE_DIR, else `.data/files` (tests: a fresh temporary folder each). */
export function localStorageDir(config: AppConfig): string {
  if (config.STORAGE_DIR) return config.STORAGE_DIR;
  return config.NODE_ENV === 'test' ? mkdtempSync(join(tmpdir(), 'qsgj-files-')) : join('.data', 'files');
}

/** S3 when all four S3_* variables are set (loadConfig refuses some without the others), else the local disk. */
export function createObjectStorage(config: AppConfig): ObjectStorage {
  if (config.S3_ENDPOINT && config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      region: config.S3_REGION,
    });
  }
  return new LocalDiskStorage(localStorageDir(config));
}

export const objectStorageProvider: Provider = {
  provide: OBJECT_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createObjectStorage(config),
};
