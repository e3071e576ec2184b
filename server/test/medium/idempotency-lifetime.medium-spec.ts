import type { DataSource } from 'typeorm';
import { IdempotencyRepository } from '../../src/common/idempotency/idempotency.repository';
import { newEnterpriseUser } from './factories';
import { type MediumDatabase, mediumDatabase, SETUP_TIMEOUT_MS } from './medium';

/**
 * An Idempotency-Key lives 24 hours (docs/architecture.md): the repository's expiry query keeps a key
 * stored 23:59:59 ago and deletes one stored 24:00:01 ago. Only the stored row and that one query are
 * used here, so the test holds whatever the interceptor around them looks like.
 */
describe('idempotency key lifetime (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
  });

  it('kept 23:59:59 after it was stored, gone at 24:00:01', async () => {
    const user = await newEnterpriseUser(ds);
    const store = (key: string, age: string) =>
      ds.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
         VALUES ($1, $2, repeat('a', 64), 201, '{}'::jsonb, now() - $3::interval)`,
        [user, key, age],
      );
    await store('key-kept-235959', '23 hours 59 minutes 59 seconds');
    await store('key-gone-240001', '24 hours 1 second');
    await new IdempotencyRepository(ds).deleteExpired();
    const left = (await ds.query(`SELECT key FROM idempotency_keys WHERE user_id = $1 ORDER BY key`, [user])) as Array<{
      key: string;
    }>;
    expect(left.map((r) => r.key)).toEqual(['key-kept-235959']);
  });
});
