/**
 * Runs every migration on a fresh database, then asks TypeORM what SQL would
 * still be needed to match the entities.
 *   node dist/database/schema-diff.js check   fails when entities and migrations disagree
 *   node dist/database/schema-diff.js print   prints that SQL (to write a migration from)
 * MIGRATION_CHECK_DATABASE_URL points it at an empty PostgreSQL database; otherwise in-memory PGlite.
 */
import 'reflect-metadata';
import { closeEmbedded, createDataSource } from './data-source';

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'check';
  const url = process.env.MIGRATION_CHECK_DATABASE_URL;
  const ds = await createDataSource(url ? { url } : { pgliteDataDir: 'memory' });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const sql = await ds.driver.createSchemaBuilder().log();
  const ups = sql.upQueries.map((q) => q.query);
  await ds.destroy();
  if (!url) await closeEmbedded();
  if (mode === 'print') {
    for (const q of ups) console.log(`${q};`);
    return;
  }
  if (ups.length) {
    console.error(`migration check: entities and migrations disagree. Missing from migrations:\n${ups.join(';\n')};`);
    process.exit(1);
  }
  console.log('migration check: entities and migrations agree');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
