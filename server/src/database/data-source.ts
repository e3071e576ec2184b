import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { FailedQueryLogger } from '../common/logging/query-logger';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { serialPool } from './pglite-serial-pool';
import { roleOfUrl, runtimeRoleSql } from './roles';

export interface DatabaseSettings {
  /** postgres:// URL; when absent, embedded PGlite. */
  url?: string;
  /** PGlite folder, or `memory`. */
  pgliteDataDir?: string;
  /** Print failed SQL (default on; tests that provoke failures turn it off). */
  logFailedQueries?: boolean;
}

/** Loads PGlite lazily: a production build on PostgreSQL never loads the WASM. */
async function pgliteDriver(settings: DatabaseSettings): Promise<unknown> {
  const { PGliteDriver } = await import('typeorm-pglite');
  const dir = settings.pgliteDataDir ?? 'memory';
  const dataDir = dir === 'memory' ? undefined : resolve(dir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const driver = new PGliteDriver({ dataDir }).driver as unknown as { Pool: Parameters<typeof serialPool>[0] };
  return { Pool: serialPool(driver.Pool) };
}

/** The one place that knows how to reach the database: used by the app, the CLI scripts and the tests. */
export async function dataSourceOptions(settings: DatabaseSettings): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    // A failed statement is logged through the app's logger without its parameters (query-logger.ts).
    ...(settings.logFailedQueries === false
      ? { logging: false as const }
      : { logging: ['error'] as ['error'], logger: new FailedQueryLogger() }),
  };
  if (settings.url) {
    return { ...common, url: settings.url, extra: { max: 10, application_name: 'qsgj' } };
  }
  return { ...common, driver: await pgliteDriver(settings) } as DataSourceOptions;
}

export async function createDataSource(settings: DatabaseSettings): Promise<DataSource> {
  return new DataSource(await dataSourceOptions(settings));
}

/**
 * Runs the pending migrations as the database's owner, grants the runtime role its privileges
 * (roles.ts) and disconnects (DATABASE_MIGRATION_URL): the server then connects as the runtime role,
 * which finds nothing left to migrate (docs/operations.md).
 */
export async function migrateAsOwner(ownerUrl: string, runtimeUrl: string): Promise<string[]> {
  const ds = await createDataSource({ url: ownerUrl });
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    const runtime = roleOfUrl(runtimeUrl);
    const [{ owner }] = (await ds.query('SELECT current_user AS owner')) as { owner: string }[];
    if (runtime === owner) {
      throw new Error(
        'DATABASE_MIGRATION_URL and DATABASE_URL sign in as the same role: give the server a role of its own',
      );
    }
    await ds.query(runtimeRoleSql(runtime));
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Closes the embedded database if one is open (PGlite keeps one instance per process). */
export async function closeEmbedded(): Promise<void> {
  const { PGliteInstance } = await import('typeorm-pglite/dist/pglite-instance.js');
  await PGliteInstance.close();
}
