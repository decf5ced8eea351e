import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { RowShape } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { MessageEntity, type Message } from '../entities/message.entity.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/** A message to claim for sending (inserted, or taken over where the row allows it). */
export type ClaimRow = Pick<
    Message,
    | 'messageKey'
    | 'customerId'
    | 'campaignId'
    | 'chainId'
    | 'kind'
    | 'step'
    | 'channel'
    | 'traffic'
    | 'verdict'
> & {
    /** The provider it will be handed to. */
    provider: string;
    /**
     * Hand-overs the caller knows of (the cascade's attempt): a failed row is
     * taken over for a retry only while its own count still matches, so two
     * runs that read the same failure retry it once.
     */
    attempts: number;
};

/** A held or dropped decision to record. */
export type DecisionRow = Pick<
    Message,
    | 'messageKey'
    | 'customerId'
    | 'campaignId'
    | 'chainId'
    | 'kind'
    | 'step'
    | 'channel'
    | 'traffic'
    | 'verdict'
> & { status: 'held' | 'dropped' };

/** Where a message row stands in sending. */
export type SendState = Pick<Message, 'status' | 'claimToken' | 'leaseUntil' | 'attempts'>;

/** A provider's answer to one message handed to it. */
export interface SendResultRow {
    key: string;
    customerId: number;
    kind: string;
    channel: string;
    traffic: string;
    status: 'sent' | 'delivered' | 'failed';
    providerMessageId: string | null;
    cost: number;
    segments: number | null;
    failureReason: string | null;
}

/** One message to a customer as support sees it. */
export type CustomerMessage = Pick<
    Message,
    | 'campaignId'
    | 'kind'
    | 'step'
    | 'channel'
    | 'traffic'
    | 'status'
    | 'verdict'
    | 'segments'
    | 'cost'
    | 'failureReason'
    | 'createdAt'
> & { key: string };

/** Per channel (and campaign) delivery figures. */
export interface ChannelStats {
    channel: string;
    sent: number;
    delivered: number;
    read: number;
    failed: number;
    held: number;
    dropped: number;
    failedByReason: Record<string, number>;
    segments: number;
    cost: number;
}

/**
 * Reads and writes `refill_messages`: one row per reminder step, whose state
 * says what happened to it (held, dropped, claimed by a run, handed to the
 * provider, answered, delivered).
 */
export class MessageRepository {
    private readonly sendState: RowShape<SendState>;

    constructor(private readonly db: Database) {
        this.sendState = db.rows(MessageEntity).pick(['status', 'claimToken', 'leaseUntil', 'attempts']);
    }

    /**
     * Claims messages for sending under `token` until `leaseUntil`, in
     * multi-row upserts: a new key is inserted `claimed`; an existing row is
     * taken over when it was only held, when the run that claimed it (or
     * handed it over) let its lease run out, or when it failed and
     * `attempts` still matches (a retry). Any other row is left as it is.
     * Read {@link sendStates} afterwards: the rows that carry `token` are
     * this caller's to hand over.
     */
    async claim(
        exec: SqlExecutor | Database,
        rows: readonly ClaimRow[],
        token: string,
        now: Date,
        leaseUntil: Date,
    ): Promise<void> {
        const t = toDbTime(now);
        const lease = toDbTime(leaseUntil);
        const v = (c: string) => sqlDialect.inserted(exec.dialect, c);
        // Hand-written upsert: a key is inserted claimed, or taken over only where its row allows it.
        const takeOver =
            exec.dialect === 'mysql'
                ? `(status = 'held' OR (status IN ('claimed', 'sending') AND lease_until <= ${v('status_at')}) OR (status = 'failed' AND attempts = ${v('attempts')}))`
                : `(refill_messages.status = 'held' OR (refill_messages.status IN ('claimed', 'sending') AND refill_messages.lease_until <= excluded.status_at) OR (refill_messages.status = 'failed' AND refill_messages.attempts = excluded.attempts))`;
        const taken = ['verdict', 'provider', 'lease_until', 'status_at'];
        // MySQL assigns left to right: the token decides first, the rest follow it, status last.
        const tail =
            exec.dialect === 'mysql'
                ? ` ON DUPLICATE KEY UPDATE claim_token = IF(${takeOver}, ${v('claim_token')}, claim_token), ${[
                      ...taken,
                      'status',
                  ]
                      .map((c) => `${c} = IF(claim_token = ${v('claim_token')}, ${v(c)}, ${c})`)
                      .join(', ')}`
                : ` ON CONFLICT (message_key) DO UPDATE SET ${['claim_token', ...taken, 'status']
                      .map((c) => `${c} = excluded.${c}`)
                      .join(', ')} WHERE ${takeOver}`;
        for (const chunk of sqlDialect.chunks(rows, 500))
            await exec.run(
                `INSERT INTO refill_messages (message_key, customer_id, campaign_id, chain_id, kind, step, channel, traffic, status, verdict, provider, claim_token, lease_until, attempts, created_at, status_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 16)}${tail}`,
                chunk.flatMap((m) => [
                    m.messageKey,
                    m.customerId,
                    m.campaignId,
                    m.chainId ?? null,
                    m.kind,
                    m.step,
                    m.channel,
                    m.traffic,
                    'claimed',
                    m.verdict,
                    m.provider,
                    token,
                    lease,
                    m.attempts,
                    t,
                    t,
                ]),
            );
    }

    /**
     * Records held and dropped decisions with their verdict, in multi-row
     * upserts: a new key is inserted; a row that was only held (or claimed by
     * a run whose lease ran out before it handed the message over) takes the
     * new decision. A message handed to a provider keeps its state.
     */
    async recordDecisions(
        exec: SqlExecutor | Database,
        rows: readonly DecisionRow[],
        now: Date,
    ): Promise<void> {
        const t = toDbTime(now);
        const v = (c: string) => sqlDialect.inserted(exec.dialect, c);
        // Hand-written upsert: a new key is inserted, an open one takes the decision.
        const open =
            exec.dialect === 'mysql'
                ? `(status = 'held' OR (status = 'claimed' AND lease_until <= ${v('status_at')}))`
                : `(refill_messages.status = 'held' OR (refill_messages.status = 'claimed' AND refill_messages.lease_until <= excluded.status_at))`;
        const tail =
            exec.dialect === 'mysql'
                ? ` ON DUPLICATE KEY UPDATE ${['verdict', 'status_at', 'status']
                      .map((c) => `${c} = IF(${open}, ${v(c)}, ${c})`)
                      .join(', ')}`
                : ` ON CONFLICT (message_key) DO UPDATE SET verdict = excluded.verdict, status_at = excluded.status_at, status = excluded.status WHERE ${open}`;
        for (const chunk of sqlDialect.chunks(rows, 500))
            await exec.run(
                `INSERT INTO refill_messages (message_key, customer_id, campaign_id, chain_id, kind, step, channel, traffic, status, verdict, created_at, status_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 12)}${tail}`,
                chunk.flatMap((m) => [
                    m.messageKey,
                    m.customerId,
                    m.campaignId,
                    m.chainId ?? null,
                    m.kind,
                    m.step,
                    m.channel,
                    m.traffic,
                    m.status,
                    m.verdict,
                    t,
                    t,
                ]),
            );
    }

    /** Where the messages with these keys stand (status, holder, lease, hand-overs). */
    async sendStates(exec: SqlExecutor | Database, keys: readonly string[]): Promise<Map<string, SendState>> {
        const out = new Map<string, SendState>();
        for (const chunk of sqlDialect.chunks(keys)) {
            if (!chunk.length) continue;
            const rows = await exec.all(
                `SELECT message_key, ${this.sendState.columns} FROM refill_messages WHERE message_key IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.set(String(r.message_key), this.sendState.fromRow(r));
        }
        return out;
    }

    /**
     * Marks claimed messages as handed to their provider (`sending`, one more
     * attempt), right before the provider is called, and returns the keys
     * that were still this claim's: only those may be sent.
     */
    async handOver(
        exec: SqlExecutor | Database,
        keys: readonly string[],
        token: string,
        now: Date,
    ): Promise<Set<string>> {
        const t = toDbTime(now);
        const mine = new Set<string>();
        // Hand-written: a compare-and-set on the claim.
        for (const chunk of sqlDialect.chunks(keys, 500)) {
            const list = sqlDialect.inList(chunk.length);
            const result = await exec.run(
                `UPDATE refill_messages SET status = 'sending', attempts = attempts + 1, handed_at = ?, status_at = ? WHERE claim_token = ? AND status = 'claimed' AND message_key IN (${list})`,
                [t, t, token, ...chunk],
            );
            if (result.affected === chunk.length) {
                for (const k of chunk) mine.add(k);
                continue;
            }
            const rows = await exec.all<{ message_key: string }>(
                `SELECT message_key FROM refill_messages WHERE claim_token = ? AND status = 'sending' AND handed_at = ? AND message_key IN (${list})`,
                [token, t, ...chunk],
            );
            for (const r of rows) mine.add(String(r.message_key));
        }
        return mine;
    }

    /**
     * Records providers' answers, many per statement, on messages this claim
     * handed over (a delivery report that came first keeps its status; the
     * answer still adds the provider's id and the cost). On MySQL an update by
     * key, never an upsert: an upsert's duplicate check locks index gaps and
     * would deadlock with the hand-overs written beside it. SQLite has one
     * writer: there a multi-row upsert that only updates, linear where the
     * update's `CASE` per key is not.
     */
    async recordResults(
        exec: SqlExecutor | Database,
        results: readonly SendResultRow[],
        token: string,
        now: Date,
    ): Promise<void> {
        const t = toDbTime(now);
        const answer = (r: SendResultRow) => ({
            provider_message_id: r.providerMessageId,
            cost: r.cost,
            segments: r.segments,
            sent_at: r.status === 'failed' ? null : t,
            failure_reason: r.failureReason === null ? null : r.failureReason.slice(0, 255),
            status: r.status,
        });
        type Column = keyof ReturnType<typeof answer>;
        const always: Column[] = ['provider_message_id', 'cost', 'segments', 'sent_at'];
        // Only while no delivery report came first; status, which the conditions read, last (MySQL assigns left to right).
        const whileSending: Column[] = ['failure_reason', 'status'];
        // Hand-written: an upsert that only updates (SQLite) or an update by key with a CASE per column (MySQL).
        const answered = `status IN ('sending', 'delivered', 'read')`;
        if (exec.dialect === 'sqlite') {
            const sending = (c: string) =>
                `${c} = CASE WHEN refill_messages.status = 'sending' THEN excluded.${c} ELSE refill_messages.${c} END`;
            const tail = ` ON CONFLICT (message_key) DO UPDATE SET ${[
                ...always.map((c) => `${c} = excluded.${c}`),
                ...['status_at', ...whileSending].map(sending),
            ].join(
                ', ',
            )} WHERE refill_messages.claim_token = excluded.claim_token AND refill_messages.${answered}`;
            for (const chunk of sqlDialect.chunks(results, 500))
                await exec.run(
                    `INSERT INTO refill_messages (message_key, customer_id, kind, channel, traffic, claim_token, status_at, created_at, ${[...always, ...whileSending].join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 14)}${tail}`,
                    chunk.flatMap((r) => {
                        const a = answer(r);
                        return [
                            r.key,
                            r.customerId,
                            r.kind,
                            r.channel,
                            r.traffic,
                            token,
                            t,
                            t,
                            ...[...always, ...whileSending].map((c) => a[c]),
                        ];
                    }),
                );
            return;
        }
        for (const chunk of sqlDialect.chunks(results, 200)) {
            const answers = chunk.map(answer);
            const byKey = `CASE message_key ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END`;
            const keyed = (c: Column) => chunk.flatMap((r, i) => [r.key, answers[i][c]]);
            const sets = [
                ...always.map((c) => `${c} = ${byKey}`),
                `status_at = CASE WHEN status = 'sending' THEN ? ELSE status_at END`,
                ...whileSending.map((c) => `${c} = CASE WHEN status = 'sending' THEN ${byKey} ELSE ${c} END`),
            ];
            await exec.run(
                `UPDATE refill_messages SET ${sets.join(', ')} WHERE claim_token = ? AND ${answered} AND message_key IN (${sqlDialect.inList(chunk.length)})`,
                [
                    ...always.flatMap(keyed),
                    t,
                    ...whileSending.flatMap(keyed),
                    token,
                    ...chunk.map((r) => r.key),
                ],
            );
        }
    }

    /**
     * Applies a delivery report; a later status never goes back (read >
     * delivered > sent). A report for a message handed over whose answer was
     * never recorded (the sender crashed in between) finds it by our key when
     * the provider reports under it, so the report resolves it.
     */
    async applyStatus(
        provider: string,
        providerMessageId: string,
        status: string,
        reason: string | null,
        at: Date,
    ): Promise<number> {
        const allowed =
            status === 'read'
                ? "('sending','sent','delivered')"
                : status === 'delivered'
                  ? "('sending','sent')"
                  : "('sending','sent','delivered')";
        const set = `UPDATE refill_messages SET status = ?, failure_reason = ?, status_at = ? WHERE provider = ?`;
        const values = [status, reason, toDbTime(at), provider, providerMessageId];
        const result = await this.db.run(
            `${set} AND provider_message_id = ? AND status IN ${allowed}`,
            values,
        );
        if (result.affected) return result.affected;
        const unanswered = await this.db.run(
            `${set} AND message_key = ? AND provider_message_id IS NULL AND status IN ${allowed}`,
            values,
        );
        return unanswered.affected;
    }

    /** The status of a message by key. */
    async status(key: string): Promise<string | null> {
        const [row] = await this.db.all<{ status: string }>(
            'SELECT status FROM refill_messages WHERE message_key = ?',
            [key],
        );
        return row?.status ?? null;
    }

    /** Statuses of messages by key (the ones cascades wait on). */
    async statuses(keys: readonly string[]): Promise<Map<string, string>> {
        const out = new Map<string, string>();
        for (const chunk of sqlDialect.chunks(keys)) {
            if (!chunk.length) continue;
            const rows = await this.db.all(
                `SELECT message_key, status FROM refill_messages WHERE message_key IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.set(String(r.message_key), String(r.status));
        }
        return out;
    }

    /** The key of the message a provider knows by its own id (or by our key, before its answer was recorded). */
    async keyOf(provider: string, providerMessageId: string): Promise<string | null> {
        const [row] = await this.db.all<{ message_key: string }>(
            'SELECT message_key FROM refill_messages WHERE provider = ? AND provider_message_id = ?',
            [provider, providerMessageId],
        );
        if (row) return row.message_key;
        const [unanswered] = await this.db.all<{ message_key: string }>(
            'SELECT message_key FROM refill_messages WHERE provider = ? AND message_key = ? AND provider_message_id IS NULL',
            [provider, providerMessageId],
        );
        return unanswered?.message_key ?? null;
    }

    /** A customer's latest messages with their verdicts (why they did or did not get one). */
    async forCustomer(customerId: number, limit = 50): Promise<CustomerMessage[]> {
        // Hand-written: a projection under the support view's names.
        const rows = await this.db.all(
            `SELECT message_key, campaign_id, kind, step, channel, traffic, status, verdict, segments, cost, failure_reason, created_at FROM refill_messages WHERE customer_id = ? ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
            [customerId],
        );
        return rows.map((r) => ({
            key: String(r.message_key),
            campaignId: numOrNull(r.campaign_id),
            kind: String(r.kind),
            step: Number(r.step),
            channel: String(r.channel),
            traffic: String(r.traffic),
            status: String(r.status),
            verdict: (r.verdict as string) ?? null,
            segments: numOrNull(r.segments),
            cost: Number(r.cost),
            failureReason: (r.failure_reason as string) ?? null,
            createdAt: this.db.time(r.created_at),
        }));
    }

    /** Failed and all sent-or-failed messages of a campaign since a moment (the canary's failure share). */
    async failureShare(campaignId: number, since: Date): Promise<{ failed: number; total: number }> {
        // Hand-written: aggregates, here and below.
        const [row] = await this.db.all(
            `SELECT SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed, COUNT(*) AS total FROM refill_messages WHERE campaign_id = ? AND created_at >= ? AND status IN ('sending', 'sent', 'delivered', 'read', 'failed')`,
            [campaignId, toDbTime(since)],
        );
        return { failed: Number(row?.failed ?? 0), total: Number(row?.total ?? 0) };
    }

    /** What a campaign's messages cost, minor units (the campaign report's message cost). */
    async costForCampaign(exec: SqlExecutor | Database, campaignId: number): Promise<number> {
        const [row] = await exec.all(
            `SELECT COALESCE(SUM(cost), 0) AS cost FROM refill_messages WHERE campaign_id = ?`,
            [campaignId],
        );
        return Number(row?.cost ?? 0);
    }

    /** Sent, delivered, read, failed (by reason), held, dropped, segments and cost per channel. */
    async stats(campaignId?: number): Promise<ChannelStats[]> {
        const where = campaignId === undefined ? '' : ' WHERE campaign_id = ?';
        const rows = await this.db.all(
            `SELECT channel, status, failure_reason, COUNT(*) AS n, COALESCE(SUM(segments), 0) AS segments, COALESCE(SUM(cost), 0) AS cost
             FROM refill_messages${where} GROUP BY channel, status, failure_reason ORDER BY channel`,
            campaignId === undefined ? [] : [campaignId],
        );
        const out = new Map<string, ChannelStats>();
        for (const r of rows) {
            const channel = String(r.channel);
            const s = out.get(channel) ?? {
                channel,
                sent: 0,
                delivered: 0,
                read: 0,
                failed: 0,
                held: 0,
                dropped: 0,
                failedByReason: {},
                segments: 0,
                cost: 0,
            };
            const n = Number(r.n);
            const status = String(r.status);
            // Delivered and read messages were sent too.
            if (['sent', 'delivered', 'read'].includes(status)) s.sent += n;
            if (status === 'delivered' || status === 'read') s.delivered += n;
            if (status === 'read') s.read += n;
            if (status === 'failed') {
                s.failed += n;
                const reason = String(r.failure_reason ?? 'unknown');
                s.failedByReason[reason] = (s.failedByReason[reason] ?? 0) + n;
            }
            if (status === 'held') s.held += n;
            if (status === 'dropped') s.dropped += n;
            s.segments += numOrNull(r.segments) ?? 0;
            s.cost += Number(r.cost);
            out.set(channel, s);
        }
        return [...out.values()];
    }
}
