import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runtimeRoleSql } from '../src/database/roles';
import { type ServerProcess, startServerProcess } from './utils/server-process';

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
/** Roles and grants are PostgreSQL's: embedded PGlite has one user and no privileges to test. */
const onPostgres = ON_POSTGRES ? it : it.skip;
const SKIP_REASON = ON_POSTGRES ? '' : ' [PostgreSQL only (DATABASE_URL): PGlite has no roles or privileges]';

const ADMIN_PASSWORD = 'Role#Test2026';

/**
 * Least privilege (docs/operations.md): the built server migrates as the owner (DATABASE_MIGRATION_URL),
 * grants the runtime role its privileges, and serves as that role (DATABASE_URL) — which cannot alter
 * the audit log, switch off its triggers, rewrite or delete its rows, or choose their ids.
 */
describe('least-privilege database role', () => {
  const tag = randomBytes(4).toString('hex');
  const db = `qsgj_role_${tag}`;
  const owner = `qsgj_owner_${tag}`;
  const runtime = `qsgj_app_${tag}`;
  let admin: Client;
  let server: ServerProcess | undefined;
  const urlAs = (role: string) => {
    const u = new URL(process.env.DATABASE_URL!);
    u.username = role;
    u.password = role; // trust or password authentication: both work
    u.pathname = `/${db}`;
    return u.toString();
  };
  async function asRole<T>(role: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: urlAs(role) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    if (!ON_POSTGRES) return;
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    // What an operator does once (docs/operations.md): an owner, a runtime role, an empty database.
    await admin.query(`CREATE ROLE "${owner}" LOGIN PASSWORD '${owner}'`);
    await admin.query(`CREATE ROLE "${runtime}" LOGIN PASSWORD '${runtime}'`);
    await admin.query(`CREATE DATABASE "${db}" OWNER "${owner}"`);
    server = await startServerProcess({
      DATABASE_MIGRATION_URL: urlAs(owner),
      DATABASE_URL: urlAs(runtime),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_USERNAME: 'roleadmin',
      ADMIN_PASSWORD,
    });
  }, 120_000);

  afterAll(async () => {
    if (!ON_POSTGRES) return;
    await server?.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS "${runtime}"`);
    await admin.query(`DROP ROLE IF EXISTS "${owner}"`);
    await admin.end();
  });

  onPostgres(`serves as the runtime role: a sign-in and an audited write work${SKIP_REASON}`, async () => {
    const [{ usename }] = (
      await admin.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qsgj'`,
        [db],
      )
    ).rows;
    expect(usename).toBe(runtime);
    const signIn = await fetch(`${server!.url}/api/v1/auth/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'role-sign-in' },
      body: JSON.stringify({ username: 'roleadmin', password: ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const created = await fetch(`${server!.url}/api/v1/admin/departments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${accessToken}`,
        'x-request-id': 'role-dept',
        'idempotency-key': 'role-dept-0001',
      },
      body: JSON.stringify({ name: '最小权限测试部门' }),
    });
    expect(created.status).toBe(201);
    const audited = await asRole(
      owner,
      async (c) =>
        (await c.query(`SELECT action FROM audit_log WHERE request_id IN ('role-sign-in', 'role-dept') ORDER BY id`))
          .rows,
    );
    expect(audited).toEqual([{ action: 'auth.staff.sign_in' }, { action: 'admin.department.created' }]);
    // The owner still owns every table: the runtime role owns nothing.
    const owned = await asRole(
      owner,
      async (c) =>
        (
          await c.query(`SELECT count(*)::int n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`, [
            runtime,
          ])
        ).rows[0].n,
    );
    expect(owned).toBe(0);
  });

  onPostgres(`the runtime role cannot alter, disable, rewrite or forge the audit log${SKIP_REASON}`, async () => {
    await asRole(runtime, async (c) => {
      const refused = async (sql: string) => {
        await c.query('SAVEPOINT probe');
        const error = await c.query(sql).then(
          () => null,
          (e: { code?: string; message: string }) => e,
        );
        await c.query('ROLLBACK TO SAVEPOINT probe');
        return error;
      };
      await c.query('BEGIN');
      for (const sql of [
        'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
        'DROP TRIGGER audit_log_no_update_delete ON audit_log',
        `UPDATE audit_log SET action = 'forged'`,
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
        `INSERT INTO audit_log (id, action, outcome) OVERRIDING SYSTEM VALUE VALUES (999999, 'forged', 'success')`,
        `INSERT INTO audit_log (at, action, outcome) VALUES ('2020-01-01', 'backdated', 'success')`,
        `INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')`,
        'CREATE TABLE intruder (id int)',
        'DROP TABLE users',
      ]) {
        const error = await refused(sql);
        expect([sql, error?.code]).toEqual([sql, '42501']); // insufficient_privilege (not owner / permission denied)
      }
      // What it may do: append (with a generated id and time) and read.
      const { rows } = await c.query(
        `INSERT INTO audit_log (action, outcome) VALUES ('role.probe', 'success') RETURNING id, at`,
      );
      expect(rows[0].id).toEqual(expect.any(Number));
      await c.query('ROLLBACK');
    });
  });

  onPostgres(`the grants are idempotent: applying them again changes nothing${SKIP_REASON}`, async () => {
    const privileges = () =>
      asRole(
        owner,
        async (c) =>
          (
            await c.query(
              `SELECT table_name, privilege_type FROM information_schema.role_table_grants
             WHERE grantee = $1 ORDER BY 1, 2`,
              [runtime],
            )
          ).rows,
      );
    const before = await privileges();
    await asRole(owner, (c) => c.query(runtimeRoleSql(runtime)));
    expect(await privileges()).toEqual(before);
    expect(before.filter((p) => p.table_name === 'audit_log')).toEqual([
      { table_name: 'audit_log', privilege_type: 'SELECT' },
    ]);
    expect(before.filter((p) => p.table_name === 'migrations')).toEqual([
      { table_name: 'migrations', privilege_type: 'SELECT' },
    ]);
    expect(before.filter((p) => p.table_name === 'users').map((p) => p.privilege_type)).toEqual([
      'DELETE',
      'INSERT',
      'SELECT',
      'UPDATE',
    ]);
  });
});
