import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DynamicModule, InjectionToken, ModuleMetadata, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, loadConfig } from '../../src/config/app-config';
import { createDataSource, type DatabaseSettings } from '../../src/database/data-source';
import { freshDatabase, type TestDatabase } from '../utils/database';

/**
 * "Medium" tests (immich's name): services and repositories on a real, migrated database, without
 * HTTP. A state machine, a deadline or a database-enforced rule is tested directly and quickly; the
 * e2e suites keep routes and access.
 *
 * The database is made the way the e2e suites make theirs (`test/utils/database.ts`): a copy of the
 * migrated template on PostgreSQL (DATABASE_URL, as in CI), or in-memory PGlite. Concurrency can
 * only be shown on PostgreSQL — PGlite is one connection, lent to one query runner at a time — so
 * such tests use `onPostgres` and are skipped, by name, on PGlite.
 */

/** Time for a file's beforeAll: a PGlite start and migration can take tens of seconds on a busy machine. */
export const SETUP_TIMEOUT_MS = 60_000;

/** True when the suite runs on real PostgreSQL. */
export const ON_POSTGRES = Boolean(process.env.DATABASE_URL);

/** `it` on PostgreSQL; on PGlite the test is skipped, and its name says why. */
export function onPostgres(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (ON_POSTGRES) it(name, fn, timeout);
  else it.skip(`${name} [PostgreSQL only (DATABASE_URL): PGlite has one connection]`, fn, timeout);
}

export interface MediumDatabase {
  /** The database, migrated. */
  ds: DataSource;
  /** How to reach it (for a DataSource of the test's own). */
  settings: DatabaseSettings;
  /**
   * PostgreSQL only: another DataSource on the same database — its own pool, like another process
   * (a second worker, a second API instance). Closed with the database.
   */
  connect(): Promise<DataSource>;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file (open in beforeAll, close in afterAll). */
export async function mediumDatabase(): Promise<MediumDatabase> {
  const db: TestDatabase = await freshDatabase();
  const open = async () => {
    const ds = await createDataSource(db.settings);
    await ds.initialize();
    return ds;
  };
  const ds = await open();
  // A no-op on a PostgreSQL template copy; on PGlite this is the migration.
  await ds.runMigrations({ transaction: 'each' });
  const others: DataSource[] = [];
  return {
    ds,
    settings: db.settings,
    async connect() {
      if (!ON_POSTGRES) throw new Error('connect(): PGlite is one connection; a second DataSource needs PostgreSQL');
      const other = await open();
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) if (other.isInitialized) await other.destroy();
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    },
  };
}

/** The application's configuration for a medium test: test defaults plus `env`. */
export function mediumConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    ...env,
  });
}

export interface MediumModuleOptions {
  /** Feature modules under test, wired as the application wires them (their imports come along). */
  imports?: ModuleMetadata['imports'];
  /** Single real classes under test and the real repositories they use (Nest resolves their constructors). */
  real?: Array<Type<unknown>>;
  /** Stand-ins for what the test does not exercise (WeChat, the dispatcher …), replacing them everywhere. */
  fake?: Array<{ provide: InjectionToken; useValue: unknown }>;
  /** Environment for the configuration (see mediumConfig). */
  env?: Record<string, string>;
}

/** What the application provides globally: the database and the configuration. */
class MediumInfrastructure {}

/**
 * A Nest testing module with the database, the configuration and just the modules or providers
 * under test — no HTTP, no start-up hooks (nothing is initialised: no worker starts, no listener).
 * Get services with `module.get(Class)`; close it in afterAll.
 */
export async function mediumModule(db: MediumDatabase, options: MediumModuleOptions): Promise<TestingModule> {
  const infrastructure: DynamicModule = {
    module: MediumInfrastructure,
    global: true,
    providers: [
      { provide: getDataSourceToken(), useValue: db.ds },
      { provide: APP_CONFIG, useValue: mediumConfig(options.env) },
    ],
    exports: [getDataSourceToken(), APP_CONFIG],
  };
  const fakes = options.fake ?? [];
  let builder = Test.createTestingModule({
    imports: [infrastructure, ...(options.imports ?? [])],
    providers: [...(options.real ?? []), ...fakes],
  });
  for (const fake of fakes) builder = builder.overrideProvider(fake.provide).useValue(fake.useValue);
  return builder.compile();
}
