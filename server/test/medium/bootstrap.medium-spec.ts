import type { DataSource } from 'typeorm';
import { Role } from '@qsgj/shared/enums';
import { BootstrapService } from '../../src/database/bootstrap.service';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { DictionariesService } from '../../src/modules/dictionaries/dictionaries.service';
import { type MediumDatabase, mediumDatabase, mediumModule, SETUP_TIMEOUT_MS } from './medium';

const PASSWORD = 'Admin#Start2026';
const ADMIN_ENV = { ADMIN_USERNAME: 'Root.Admin', ADMIN_PASSWORD: PASSWORD };

interface AdminRow {
  id: string;
  role: string;
  name: string;
  password_hash: string;
  active: boolean;
  must_change_password: boolean;
  failed_attempts: number;
  locked: boolean;
}

/**
 * The start-time admin (docs/operations.md): the first start with ADMIN_USERNAME / ADMIN_PASSWORD
 * creates that admin; a start with them again is the break-glass procedure (the password is reset, the
 * account unlocked and reactivated); a start without them leaves an existing admin as it is. Each
 * "start" is a new module on the same database running the service's start-up hook.
 */
describe('start-time admin bootstrap (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  const hasher = new PasswordHasher();

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
  });

  async function start(env: Record<string, string>): Promise<void> {
    const module = await mediumModule(db, {
      real: [BootstrapService, PasswordHasher],
      // The dictionaries' first fill is tested with them (dictionaries.e2e-spec.ts); here only the admin matters.
      fake: [{ provide: DictionariesService, useValue: { seedDefaults: async () => undefined } }],
      env,
    });
    try {
      await module.get(BootstrapService).onApplicationBootstrap();
    } finally {
      await module.close();
    }
  }

  async function admins(): Promise<AdminRow[]> {
    return (await ds.query(
      `SELECT id, role, name, password_hash, active, must_change_password, failed_attempts,
              locked_until IS NOT NULL AS locked
       FROM users WHERE username = 'root.admin'`,
    )) as AdminRow[];
  }

  it('without ADMIN_* nothing is created', async () => {
    await start({});
    expect(await admins()).toEqual([]);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM users`)) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('a weak ADMIN_PASSWORD stops the start, naming the variable, and creates nothing', async () => {
    await expect(start({ ADMIN_USERNAME: 'root.admin', ADMIN_PASSWORD: 'root.admin1' })).rejects.toThrow(
      /ADMIN_PASSWORD is too weak/,
    );
    expect(await admins()).toEqual([]);
  });

  it('the first start creates the admin (username lower-cased, password hashed with argon2id, no forced change)', async () => {
    await start(ADMIN_ENV);
    const rows = await admins();
    expect(rows).toHaveLength(1);
    const [admin] = rows;
    expect(admin).toMatchObject({
      role: Role.ADMIN,
      name: '管理员',
      active: true,
      must_change_password: false,
      failed_attempts: 0,
      locked: false,
    });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(admin.password_hash).not.toContain(PASSWORD);
    expect(await hasher.verify(admin.password_hash, PASSWORD)).toBe(true);
  });

  it('a restart without ADMIN_* leaves the admin as it is: their own password, their lock', async () => {
    const [before] = await admins();
    const own = await hasher.hash('Mine#Changed2026');
    await ds.query(
      `UPDATE users SET password_hash = $2, failed_attempts = 5, locked_until = now() + interval '10 minutes' WHERE id = $1`,
      [before.id, own],
    );
    await start({});
    const after = await admins();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, password_hash: own, failed_attempts: 5, locked: true });
  });

  it('a restart with ADMIN_* again (break-glass): the same row, the password reset to it, unlocked and reactivated', async () => {
    const [before] = await admins();
    await ds.query(`UPDATE users SET active = false, must_change_password = true WHERE id = $1`, [before.id]);
    await start(ADMIN_ENV);
    const after = await admins();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: before.id,
      role: Role.ADMIN,
      active: true,
      must_change_password: false,
      failed_attempts: 0,
      locked: false,
    });
    expect(await hasher.verify(after[0].password_hash, PASSWORD)).toBe(true);
    expect(await hasher.verify(after[0].password_hash, 'Mine#Changed2026')).toBe(false);
  });
});
