import { Logger } from '@nestjs/common';

type ConnectCallback = (err: unknown, client: unknown, release: () => void) => void;
interface PoolClass {
  new (...args: unknown[]): { connect(callback: ConnectCallback): Promise<void> };
}

/** How long a query runner waits for the connection before going ahead anyway (and saying so). */
const WAIT_WARN_MS = 5000;

/**
 * PGlite is one connection, and typeorm-pglite's pool lends it to every query runner at once, so the
 * statements of two concurrent transactions would run inside each other (one's rollback undoing the
 * other's work). This pool lends the connection to one query runner at a time, as a pool of one real
 * connection would: transactions queue instead of interleaving. A runner that waits longer than
 * WAIT_WARN_MS (code that queries outside its own transaction while holding it) goes ahead with a
 * warning rather than deadlocking. PostgreSQL (DATABASE_URL) uses pg's real pool and never this.
 */
export function serialPool(Base: PoolClass): PoolClass {
  const logger = new Logger('PGlite');
  let tail: Promise<void> = Promise.resolve();

  return class SerialPool extends Base {
    override async connect(callback: ConnectCallback): Promise<void> {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => mine);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        previous,
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn('A query waited 5 s for the embedded database; going ahead (a query outside its transaction?)');
            resolve();
          }, WAIT_WARN_MS);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
      let released = false;
      await super.connect((err, client) =>
        callback(err, client, () => {
          if (released) return;
          released = true;
          release();
        }),
      );
    }
  };
}
