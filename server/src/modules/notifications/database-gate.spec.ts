import type { QueryRunner } from 'typeorm';
import { DatabaseGate } from './database-gate';

const runner = () =>
  ({ isTransactionActive: true, isReleased: false }) as unknown as QueryRunner & {
    isTransactionActive: boolean;
  };
const tick = () => new Promise((r) => setImmediate(r));

describe('DatabaseGate (PGlite: worker statements never run inside a transaction)', () => {
  it('is open on PostgreSQL', async () => {
    const gate = new DatabaseGate(false);
    const tx = runner();
    await gate.enterTransaction(tx);
    await expect(gate.run(async () => 'ran')).resolves.toBe('ran');
  });

  it('holds a worker statement until the open transaction ends', async () => {
    const gate = new DatabaseGate(true);
    const tx = runner();
    await gate.enterTransaction(tx);
    const order: string[] = [];
    const statement = gate.run(async () => void order.push('worker'));
    await tick();
    expect(order).toEqual([]);
    order.push('commit');
    tx.isTransactionActive = false;
    gate.leaveTransaction(tx);
    await statement;
    expect(order).toEqual(['commit', 'worker']);
  });

  it('holds a new transaction until the worker statement in flight is done', async () => {
    const gate = new DatabaseGate(true);
    let finish!: () => void;
    const order: string[] = [];
    const statement = gate.run(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            order.push('worker done');
            resolve();
          };
        }),
    );
    await tick();
    const begin = gate.enterTransaction(runner()).then(() => order.push('begin'));
    await tick();
    expect(order).toEqual([]);
    finish();
    await Promise.all([statement, begin]);
    expect(order).toEqual(['worker done', 'begin']);
  });

  it('lets transactions overlap one another, and a savepoint does not wait', async () => {
    const gate = new DatabaseGate(true);
    const a = runner();
    const b = runner();
    await gate.enterTransaction(a);
    await gate.enterTransaction(b);
    await gate.enterTransaction(a);
    const statement = gate.run(async () => 'ran');
    a.isTransactionActive = false;
    gate.leaveTransaction(a);
    await tick();
    b.isTransactionActive = false;
    gate.leaveTransaction(b);
    await expect(statement).resolves.toBe('ran');
  });

  it('does not wait forever for a transaction whose end was never reported', async () => {
    const gate = new DatabaseGate(true);
    const tx = runner();
    await gate.enterTransaction(tx);
    tx.isTransactionActive = false; // its ROLLBACK threw: no event, but the runner knows
    await expect(gate.run(async () => 'ran')).resolves.toBe('ran');
  });
});
