import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/** The transaction a keyed request runs in (ADR 008), while it is open. */
interface RequestTransaction {
  readonly runner: QueryRunner;
  open: boolean;
}

const current = new AsyncLocalStorage<RequestTransaction>();
const SHARED = Symbol('qsgj.requestTransactions');

/**
 * Makes every query of a request that runs inside `inRequestTransaction` use that request's
 * transaction: `dataSource.createQueryRunner()` — which TypeORM calls for every repository call,
 * query builder, `dataSource.query` and `dataSource.transaction` — lends the request's runner instead
 * of a new connection. A `transaction()` inside (`Changes.run`) becomes a savepoint of it, so its
 * rollback on error still undoes just its own work, and its "commit" is final only when the request's
 * transaction commits. Outside such a request nothing changes.
 */
export function shareRequestTransactions(dataSource: DataSource): void {
  const ds = dataSource as DataSource & { [SHARED]?: true };
  if (ds[SHARED]) return;
  const create = dataSource.createQueryRunner.bind(dataSource);
  ds.createQueryRunner = (mode) => {
    const tx = current.getStore();
    return tx?.open ? lent(tx.runner) : create(mode);
  };
  ds[SHARED] = true;
}

/**
 * Opens a transaction on a connection of its own and runs `work` with it: every query `work` makes,
 * however deep, joins it (once `shareRequestTransactions` has been applied to the DataSource).
 * `work` returns whether to commit; the transaction is rolled back when it returns false or throws.
 * Queries started after the end (a dispatcher nudged by the commit) get connections of their own.
 */
export async function inRequestTransaction<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner, joined: <R>(fn: () => R) => R) => Promise<{ commit: boolean; value: T }>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const tx: RequestTransaction = { runner, open: true };
  let finished = false;
  try {
    await runner.connect();
    await runner.startTransaction();
    const { commit, value } = await work(runner, (fn) => current.run(tx, fn));
    tx.open = false;
    if (commit) await runner.commitTransaction();
    else await runner.rollbackTransaction();
    finished = true;
    return value;
  } finally {
    tx.open = false;
    if (!finished && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}

/** The request's runner, for one caller that must not end it: `release()` does nothing. */
function lent(runner: QueryRunner): QueryRunner {
  return new Proxy(runner, {
    get(target, prop) {
      if (prop === 'release') return () => Promise.resolve();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
