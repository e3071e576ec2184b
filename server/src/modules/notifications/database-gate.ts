import type { QueryRunner } from 'typeorm';

/**
 * Keeps the outbox worker's statements out of other callers' transactions on embedded PGlite.
 *
 * PGlite is one connection shared by the whole process: a statement sent while some request's
 * transaction is open runs *inside* that transaction — it sees rows that may never commit, and is
 * rolled back with them. Requests have lived with that (PGlite is for development and tests); the
 * worker cannot: it could send a message for a change that is then rolled back, or lose the note
 * that a message was sent and send it again. So, on PGlite only, each worker statement waits until no
 * transaction is open, and a transaction waits to begin until the worker statement in flight is done.
 * Transactions still overlap one another exactly as before. On PostgreSQL (a pool of real
 * connections) the gate is open and costs nothing.
 */
export class DatabaseGate {
  private readonly open = new Set<QueryRunner>();
  private running: Promise<void> | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly exclusive: boolean) {}

  /** Called before a transaction begins (TypeORM's beforeTransactionStart). */
  async enterTransaction(runner: QueryRunner): Promise<void> {
    if (!this.exclusive || this.open.has(runner)) return;
    while (this.running) await this.running;
    this.open.add(runner);
  }

  /** Called once the transaction committed or rolled back. */
  leaveTransaction(runner: QueryRunner): void {
    if (this.open.delete(runner)) this.wakeIfIdle();
  }

  /** Runs one statement (or a few, none of them in a transaction) with no transaction open around it. */
  async run<T>(statement: () => Promise<T>): Promise<T> {
    if (!this.exclusive) return statement();
    for (;;) {
      this.forgetFinished();
      if (this.open.size === 0 && !this.running) break;
      if (this.running) await this.running;
      else await this.idle();
    }
    let done!: () => void;
    this.running = new Promise<void>((resolve) => (done = resolve));
    try {
      return await statement();
    } finally {
      this.running = null;
      done();
    }
  }

  /** A transaction whose end we missed (its COMMIT or ROLLBACK threw) no longer holds the gate. */
  private forgetFinished(): void {
    for (const runner of this.open) if (!runner.isTransactionActive || runner.isReleased) this.open.delete(runner);
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      // Woken when the last transaction ends; the timer is only a safety net.
      const timer = setTimeout(resolve, 50);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wakeIfIdle(): void {
    if (this.open.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
