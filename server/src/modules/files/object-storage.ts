import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** One stored object, opened for reading. */
export interface StoredObject {
  stream: Readable;
  size: number;
}

/** What the caller knows of a body it hands over (a stream's length is not otherwise known up front). */
export interface PutOptions {
  /** Length in bytes. */
  size?: number;
  /** Hex SHA-256 of the body. */
  sha256?: string;
}

/**
 * Where uploaded files live: the local disk in development, any S3-compatible service in production
 * (docs/operations.md, "File storage"). Keys are ours (`newStorageKey()`), never a client's file name.
 */
export interface ObjectStorage {
  /** Which implementation, for the start-up log line. */
  readonly kind: 'local' | 's3';
  /** Stores the body under `key`, replacing nothing (keys are random). Rejects when it could not. */
  put(key: string, body: Readable | Buffer, contentType: string, options?: PutOptions): Promise<void>;
  /** The object, or null when there is none under `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Deletes the object; deleting one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** The ObjectStorage provider's injection token. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Our keys: a folder and 128 random bits in hex. Nothing else is accepted (no path tricks). */
export const STORAGE_KEY = /^[a-z]{1,16}\/[0-9a-f]{32}$/;

/** A fresh random key in `folder` (e.g. `img/3f9c…`): 128 bits, unguessable, unrelated to the file id. */
export function newStorageKey(folder: string): string {
  const key = `${folder}/${randomBytes(16).toString('hex')}`;
  assertStorageKey(key);
  return key;
}

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
}
