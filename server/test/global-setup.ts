import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { templateDatabaseName } from './utils/database';

/**
 * With DATABASE_URL (real PostgreSQL): migrate a template database once; every test file then
 * gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 * Without it, each file starts its own in-memory PGlite and migrates it.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  // Several Jest projects share this setup (server, journeys): migrate the template once per run.
  if (!url || process.env.QSGJ_TEMPLATE_READY === '1') return;
  const template = templateDatabaseName(url);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const ds = await createDataSource({ url: templateUrl.toString() });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.QSGJ_TEMPLATE_READY = '1';
}
