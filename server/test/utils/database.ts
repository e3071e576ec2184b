import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { closeEmbedded, type DatabaseSettings } from '../../src/database/data-source';

export function templateDatabaseName(url: string): string {
  const base = new URL(url).pathname.slice(1) || 'postgres';
  return `${base}_tpl`.slice(0, 60);
}

export interface TestDatabase {
  settings: DatabaseSettings;
  drop(): Promise<void>;
}

export interface FreshDatabaseOptions {
  /**
   * PGlite only: keep the database in a temporary folder instead of memory, so that several apps
   * started one after another (a restart) open the same database. In-memory PGlite dies with its app.
   */
  onDisk?: boolean;
}

/** A fresh, migrated database for one test file: a copy of the template on PostgreSQL, or in-memory PGlite. */
export async function freshDatabase(options: FreshDatabaseOptions = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url && options.onDisk) {
    const dir = mkdtempSync(join(tmpdir(), 'qsgj-pglite-'));
    return {
      settings: { pgliteDataDir: dir, logFailedQueries: false },
      drop: async () => {
        await closeEmbedded();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!url) {
    return {
      settings: { pgliteDataDir: 'memory', logFailedQueries: false },
      drop: async () => {
        await closeEmbedded();
      },
    };
  }
  const name = `${templateDatabaseName(url).replace(/_tpl$/, '')}_t${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(url)}"`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    settings: { url: own.toString(), logFailedQueries: false },
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
