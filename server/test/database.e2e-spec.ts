import { DepartmentEntity } from '../src/modules/departments/department.entity';
import { startTestApp, type TestApp } from './utils/test-app';
import { sleep } from './utils/wait';

/** Concurrent transactions stay apart on both databases (PGlite's one connection is lent to one at a time). */
describe('database: concurrent transactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('a rollback undoes only its own transaction, not one running beside it', async () => {
    const failing = t.ds.transaction(async (m) => {
      await m.getRepository(DepartmentEntity).insert({ name: '回滚测试部门', shortName: null });
      await sleep(150);
      throw new Error('this change fails');
    });
    const succeeding = (async () => {
      await sleep(30);
      await t.ds.transaction(async (m) => {
        await m.getRepository(DepartmentEntity).insert({ name: '提交测试部门', shortName: null });
      });
    })();
    await expect(failing).rejects.toThrow('this change fails');
    await succeeding;
    const names = (await t.ds.query(
      `SELECT name FROM departments WHERE name LIKE '%测试部门' ORDER BY name`,
    )) as Array<{
      name: string;
    }>;
    expect(names.map((r) => r.name)).toEqual(['提交测试部门']);
  });

  it('reads outside a transaction never see its uncommitted rows', async () => {
    let seen: number | undefined;
    await t.ds
      .transaction(async (m) => {
        await m.getRepository(DepartmentEntity).insert({ name: '未提交部门', shortName: null });
        const outside = t.ds.query(`SELECT count(*)::int n FROM departments WHERE name = '未提交部门'`);
        // On PostgreSQL the outside read runs at once; on PGlite it waits for this transaction to end.
        await Promise.race([outside.then((r: Array<{ n: number }>) => (seen = r[0].n)), sleep(100)]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await sleep(50);
    expect(seen ?? 0).toBe(0);
  });
});
