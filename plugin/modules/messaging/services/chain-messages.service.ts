import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import { trafficOf, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';

/** One send step of a chain run to plan as a reminder cascade. */
export interface ChainSend {
    chainId: number;
    runId: number;
    /** The run's step sequence number: with the run, the cascade's key. */
    seq: number;
    customerId: number;
    kind: MessageKind;
    /** The channels to try, cheapest first (absent: the kind's default cascade). */
    channels?: readonly Channel[];
    /** The moment the message must land before (null: none). */
    deadlineAt: Date | null;
}

/** What the messages of one chain send did, as far as messaging records it. */
export interface ChainSendOutcome {
    /** Whether a message of the cascade was planned at all. */
    planned: boolean;
    /** A provider reported delivery (or a read, which implies it). */
    delivered: boolean;
    /** A messenger reported the message read. Email opens are not tracked (no pixel), so email never counts as opened. */
    opened: boolean;
    /** Link clicks are not recorded by messaging: always false (see the chains README). */
    clicked: boolean;
}

/** The payload key under which a chain send's channel list travels to the dispatcher. */
export const CHAIN_CHANNELS_KEY = 'chainChannels';

/** The channel list a chain send's payload carries (null: the kind's default cascade). */
export function chainChannelsOf(payload: string | null): string[] | null {
    if (!payload) return null;
    try {
        const list = (JSON.parse(payload) as Record<string, unknown>)[CHAIN_CHANNELS_KEY];
        return Array.isArray(list) && list.length ? list.map(String) : null;
    } catch {
        return null;
    }
}

/** The cascade key of a chain run's send step: `chain:<runId>:<seq>`. */
export function chainCascadeKey(runId: number, seq: number): string {
    return `chain:${runId}:${seq}`;
}

/**
 * Messaging's side of trigger chains: a chain's send step plans a reminder
 * cascade (keyed by run and step, so a retried step plans it once) that the
 * existing dispatcher sends under the contact policy, and the chain engine
 * asks what came of it, what a chain's messages cost, and which chain sends
 * a customer already has planned on a day.
 */
export class ChainMessagesService {
    constructor(private readonly db: Database) {}

    /** Plans the cascade of a send step inside the step's transaction; false when its key existed. */
    async plan(
        tx: SqlExecutor,
        send: ChainSend,
        now: Date,
    ): Promise<{ cascadeKey: string; planned: boolean }> {
        const cascadeKey = chainCascadeKey(send.runId, send.seq);
        const t = toDbTime(now);
        const payload = send.channels?.length
            ? JSON.stringify({ [CHAIN_CHANNELS_KEY]: send.channels })
            : null;
        const result = await tx.run(
            `${sqlDialect.insertIgnore(tx.dialect)} INTO refill_cascades (cascade_key, customer_id, chain_id, chain_run_id, kind, traffic, status, step, attempt, next_at, deadline_at, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?, ?, ?)`,
            [
                cascadeKey,
                send.customerId,
                send.chainId,
                send.runId,
                send.kind,
                trafficOf(send.kind),
                t,
                send.deadlineAt ? toDbTime(send.deadlineAt) : null,
                payload,
                t,
                t,
            ],
        );
        return { cascadeKey, planned: result.affected > 0 };
    }

    /** What the messages of a send's cascade did (delivery statuses of every channel it tried). */
    async outcome(exec: SqlExecutor | Database, cascadeKey: string): Promise<ChainSendOutcome> {
        const prefix = sqlDialect.startsWith(exec.dialect, 'message_key', `${cascadeKey}:`);
        const rows = await exec.all<{ status: string }>(
            `SELECT status FROM refill_messages WHERE ${prefix.sql}`,
            prefix.params,
        );
        const statuses = new Set(rows.map((r) => String(r.status)));
        return {
            planned:
                (await exec.all('SELECT 1 FROM refill_cascades WHERE cascade_key = ?', [cascadeKey])).length >
                0,
            delivered: statuses.has('delivered') || statuses.has('read'),
            opened: statuses.has('read'),
            clicked: false,
        };
    }

    /** What a chain's messages cost so far, minor units. */
    async spend(exec: SqlExecutor | Database, chainId: number): Promise<number> {
        const [row] = await exec.all(
            'SELECT COALESCE(SUM(cost), 0) AS cost FROM refill_messages WHERE chain_id = ?',
            [chainId],
        );
        return Number(row?.cost ?? 0);
    }

    /** The chains that planned a send for the customer in [from, to) (the one-chain-message-a-day rule). */
    async chainsPlannedFor(exec: SqlExecutor, customerId: number, from: Date, to: Date): Promise<number[]> {
        const rows = await exec.all(
            'SELECT DISTINCT chain_id FROM refill_cascades WHERE customer_id = ? AND chain_id IS NOT NULL AND created_at >= ? AND created_at < ?',
            [customerId, toDbTime(from), toDbTime(to)],
        );
        return rows.map((r) => Number(r.chain_id));
    }
}
