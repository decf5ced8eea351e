import { describe, expect, it } from 'vitest';
import { EventBus, type TransactionRunner } from '../../../../plugin/kernel/events/event-bus.js';
import type { SqlExecutor } from '../../../../plugin/kernel/db/sql-executor.js';

/** The events of these tests. */
interface TestEvents {
    Sold: { receiptId: string };
    Returned: { returnId: string };
}

/** A transaction handle that only has a name. */
function handle(name: string): SqlExecutor {
    return {
        dialect: 'sqlite',
        all: async () => [],
        run: async () => ({ affected: 0, insertId: 0 }),
        name,
    } as never;
}

/**
 * A database that logs begin/commit/rollback into `log`; `failFirst` makes the
 * first attempt fail after its work ran, as a deadlock would, and retries once.
 */
class FakeDb implements TransactionRunner {
    attempts = 0;
    constructor(
        private readonly log: string[],
        private readonly failFirst = false,
    ) {}
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
        for (;;) {
            const tx = handle(`tx${++this.attempts}`);
            this.log.push('begin');
            try {
                const result = await work(tx);
                if (this.failFirst && this.attempts === 1) throw new Error('deadlock');
                this.log.push('commit');
                return result;
            } catch (error) {
                this.log.push('rollback');
                if (!(this.failFirst && this.attempts === 1)) throw error;
            }
        }
    }
}

/** A logger that keeps what it was given. */
function memoryLogger() {
    const errors: Array<{ obj: object; msg: string }> = [];
    return { errors, error: (obj: object, msg: string) => void errors.push({ obj, msg }) };
}

describe('EventBus', () => {
    it('awaits in-transaction handlers in registration order, with the publisher’s transaction handle', async () => {
        const log: string[] = [];
        const bus = new EventBus<TestEvents>(memoryLogger());
        const seen: Array<[string, string, unknown]> = [];
        bus.inTransaction('Sold', async (e, tx) => {
            await new Promise((r) => setTimeout(r, 5));
            seen.push(['first', e.receiptId, (tx as unknown as { name: string }).name]);
        });
        bus.inTransaction('Sold', async (e, tx) => {
            seen.push(['second', e.receiptId, (tx as unknown as { name: string }).name]);
        });
        bus.inTransaction('Returned', async () => {
            seen.push(['other event', '', '']);
        });
        await bus.transaction(new FakeDb(log), async (tx, afterCommit) => {
            await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
            log.push('after publish');
        });
        expect(seen).toEqual([
            ['first', 'R-1', 'tx1'],
            ['second', 'R-1', 'tx1'],
        ]);
        expect(log).toEqual(['begin', 'after publish', 'commit']);
    });

    it('a throwing in-transaction handler reaches the publisher and rolls its transaction back', async () => {
        const log: string[] = [];
        const bus = new EventBus<TestEvents>(memoryLogger());
        const ran: string[] = [];
        bus.inTransaction('Sold', async () => {
            throw new Error('no reminders today');
        });
        bus.inTransaction('Sold', async () => void ran.push('later handler'));
        bus.afterCommit('Sold', () => void ran.push('after commit'));
        await expect(
            bus.transaction(new FakeDb(log), async (tx, afterCommit) => {
                await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
                log.push('after publish');
            }),
        ).rejects.toThrow('no reminders today');
        expect(log).toEqual(['begin', 'rollback']);
        expect(ran).toEqual([]);
    });

    it('runs after-commit handlers only once the transaction has committed', async () => {
        const log: string[] = [];
        const bus = new EventBus<TestEvents>(memoryLogger());
        bus.afterCommit('Sold', (e) => void log.push(`after commit 1 ${e.receiptId}`));
        bus.afterCommit('Sold', async (e) => void log.push(`after commit 2 ${e.receiptId}`));
        const result = await bus.transaction(new FakeDb(log), async (tx, afterCommit) => {
            await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
            await bus.publish(tx, 'Sold', { receiptId: 'R-2' }, afterCommit);
            log.push('work done');
            return 42;
        });
        expect(result).toBe(42);
        expect(log).toEqual([
            'begin',
            'work done',
            'commit',
            'after commit 1 R-1',
            'after commit 2 R-1',
            'after commit 1 R-2',
            'after commit 2 R-2',
        ]);
    });

    it('runs no after-commit handler after a rollback', async () => {
        const log: string[] = [];
        const bus = new EventBus<TestEvents>(memoryLogger());
        bus.afterCommit('Sold', () => void log.push('after commit'));
        await expect(
            bus.transaction(new FakeDb(log), async (tx, afterCommit) => {
                await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
                throw new Error('till went away');
            }),
        ).rejects.toThrow('till went away');
        expect(log).toEqual(['begin', 'rollback']);
    });

    it('a retried transaction runs the after-commit handlers of the committed attempt only', async () => {
        const log: string[] = [];
        const bus = new EventBus<TestEvents>(memoryLogger());
        const inTx: string[] = [];
        bus.inTransaction('Sold', async (_e, tx) => void inTx.push((tx as unknown as { name: string }).name));
        bus.afterCommit('Sold', () => void log.push('after commit'));
        const db = new FakeDb(log, true);
        await bus.transaction(db, async (tx, afterCommit) => {
            await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
        });
        expect(db.attempts).toBe(2);
        expect(inTx).toEqual(['tx1', 'tx2']);
        expect(log).toEqual(['begin', 'rollback', 'begin', 'commit', 'after commit']);
    });

    it('logs a failing after-commit handler, runs the next ones and never fails the publisher', async () => {
        const log: string[] = [];
        const logger = memoryLogger();
        const bus = new EventBus<TestEvents>(logger);
        const failure = new Error('webhook down');
        bus.afterCommit('Sold', async () => {
            throw failure;
        });
        bus.afterCommit('Sold', () => {
            throw new Error('thrown synchronously');
        });
        bus.afterCommit('Sold', () => void log.push('third ran'));
        const result = await bus.transaction(new FakeDb(log), async (tx, afterCommit) => {
            await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
            return 'sold';
        });
        expect(result).toBe('sold');
        expect(log).toEqual(['begin', 'commit', 'third ran']);
        expect(logger.errors).toHaveLength(2);
        expect(logger.errors[0]).toEqual({
            obj: { err: failure, event: 'Sold' },
            msg: 'an after-commit event handler failed',
        });
    });

    it('publishing with no subscribers queues nothing, and an unsubscribed handler no longer runs', async () => {
        const bus = new EventBus<TestEvents>(memoryLogger());
        const ran: string[] = [];
        const off = bus.inTransaction('Sold', async () => void ran.push('in tx'));
        const offAfter = bus.afterCommit('Sold', () => void ran.push('after'));
        await bus.transaction(new FakeDb([]), async (tx, afterCommit) => {
            await bus.publish(tx, 'Returned', { returnId: 'X-1' }, afterCommit);
            expect(afterCommit.size).toBe(0);
            await bus.publish(tx, 'Sold', { receiptId: 'R-1' }, afterCommit);
            expect(afterCommit.size).toBe(1);
        });
        off();
        offAfter();
        await bus.transaction(new FakeDb([]), async (tx, afterCommit) => {
            await bus.publish(tx, 'Sold', { receiptId: 'R-2' }, afterCommit);
        });
        expect(ran).toEqual(['in tx', 'after']);
    });

    it('type-checks event names and payloads', () => {
        const bus = new EventBus<TestEvents>(memoryLogger());
        // @ts-expect-error: no such event
        bus.inTransaction('Refunded', async () => undefined);
        // @ts-expect-error: Sold carries a receiptId, not a returnId
        bus.afterCommit('Sold', (e: { returnId: string }) => void e);
        expect(true).toBe(true);
    });
});
