import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { serialPool } from './pglite-serial-pool';

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
    logging: settings.logFailedQueries === false ? false : (['error'] as ['error']),
  };
  if (settings.url) {
    return { ...common, url: settings.url, extra: { max: 10, application_name: 'qsgj' } };
  }
  return { ...common, driver: await pgliteDriver(settings) } as DataSourceOptions;
}

export async function createDataSource(settings: DatabaseSettings): Promise<DataSource> {
  return new DataSource(await dataSourceOptions(settings));
}

/** Closes the embedded database if one is open (PGlite keeps one instance per process). */
export async function closeEmbedded(): Promise<void> {
  const { PGliteInstance } = await import('typeorm-pglite/dist/pglite-instance.js');
  await PGliteInstance.close();
}
