import type { Database } from '../../kernel/db/database.js';
import type { MessageRepository, SendResultRow } from './repositories/message.repository.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * Writes queued by many workers, written by one statement at a time: each
 * write takes everything queued while the previous one ran (a group commit).
 * With `minBatch`, a write waits until that many are queued or the oldest
 * has waited `maxDelayMs`.
 */
class GroupWriter<T> {
    private queue: T[] = [];
    private running: Promise<void> | null = null;
    private timer: NodeJS.Timeout | null = null;
    private flushing = false;

    constructor(
        private readonly write: (batch: T[]) => Promise<void>,
        private readonly minBatch = 1,
        private readonly maxDelayMs = 0,
    ) {}

    /** Queues an item; it is written with the next group. */
    push(item: T): void {
        this.queue.push(item);
        if (this.queue.length >= this.minBatch) this.kick();
        else this.timer ??= setTimeout(() => this.kick(true), this.maxDelayMs);
    }

    /** Writes everything queued and waits until it is written (or failed). */
    async idle(): Promise<void> {
        while (this.queue.length || this.running) {
            this.kick(true);
            await this.running;
        }
    }

    private kick(all = false): void {
        if (all) this.flushing = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        // After the current turn of the event loop, so every worker that is ready joins one write.
        this.running ??= new Promise<void>((ok) => setImmediate(ok))
            .then(() => this.drain())
            .finally(() => {
                this.running = null;
                if (this.queue.length) this.timer ??= setTimeout(() => this.kick(true), this.maxDelayMs);
            });
    }

    private async drain(): Promise<void> {
        while (this.queue.length && (this.flushing || this.queue.length >= this.minBatch)) {
            this.flushing = false;
            await this.write(this.queue.splice(0));
            // Let the event loop turn (other writers, timers) before the next group.
            await new Promise<void>((ok) => setImmediate(ok));
        }
    }
}

/**
 * The writes of one claim while its messages go out. A worker about to call
 * a provider asks for its message to be marked handed over and waits until
 * that is committed; a provider's answer is queued and recorded without
 * holding anyone up. Both go in group commits (one statement for everything
 * that queued up meanwhile), so a page of 500 messages takes a few dozen
 * small statements, not one per message, and no message reaches a provider
 * before its row says `sending`.
 */
export class SendLedger {
    private readonly handOvers: GroupWriter<{
        key: string;
        done: (mine: boolean) => void;
        fail: (e: unknown) => void;
    }>;
    private readonly answers: GroupWriter<SendResultRow>;
    private error: { error: unknown } | null = null;

    constructor(db: Database, messages: MessageRepository, token: string, clock: Clock) {
        this.handOvers = new GroupWriter(async (batch) => {
            try {
                const mine = await messages.handOver(
                    db,
                    batch.map((h) => h.key),
                    token,
                    clock(),
                );
                for (const h of batch) h.done(mine.has(h.key));
            } catch (error) {
                for (const h of batch) h.fail(error);
            }
        });
        // Answers in groups of at least 64, or after 200 ms: nobody waits for them.
        this.answers = new GroupWriter(
            async (batch) => {
                try {
                    await messages.recordResults(db, batch, token, clock());
                } catch (error) {
                    this.error ??= { error };
                }
            },
            64,
            200,
        );
    }

    /**
     * Marks a claimed message as handed to its provider. Resolves true once
     * that is committed, false when the claim lost the message (its lease ran
     * out and another run took it over): then it must not be sent.
     */
    handOver(key: string): Promise<boolean> {
        return new Promise((done, fail) => this.handOvers.push({ key, done, fail }));
    }

    /** Queues a provider's answer; the next group records it. */
    answer(row: SendResultRow): void {
        this.answers.push(row);
    }

    /** Waits until everything queued is recorded; throws when an answer could not be. */
    async flush(): Promise<void> {
        await this.handOvers.idle();
        await this.answers.idle();
        if (this.error) throw this.error.error;
    }
}
