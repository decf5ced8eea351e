import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/** One channel's messages of a campaign, by where they stand. */
export interface ChannelFigures {
    channel: string;
    /** Claimed by a dispatcher run, not handed to a provider yet. */
    claimed: number;
    /** Handed to the provider, no answer recorded yet. */
    sending: number;
    /** Accepted by the provider (delivered and read ones included). */
    sent: number;
    /** Delivery reported (read ones included). */
    delivered: number;
    /** Refused by the provider or undeliverable. */
    failed: number;
    /** Held by the contact policy (send window, caps): not sent. */
    held: number;
    /** Dropped by the contact policy (no consent, no contact): never sent. */
    dropped: number;
    /** SMS segments billed. */
    segments: number;
    /** What the provider billed, minor units. */
    cost: number;
}

/** A day's run whose reminders wait for a second person's approval (or for a decision after a failed canary). */
export interface WaitingRun {
    /** The run (assignment) day, `YYYY-MM-DD`. */
    day: string;
    status: 'awaiting_approval' | 'canary_failed';
    /** Recipients of the run when it was held. */
    recipients: number;
    /** Reminders of the run not released yet. */
    waiting: number;
    note: string | null;
}

/** The messaging part of the campaign report. */
export interface CampaignMessagingFigures {
    /** Sends that wait for approval: per run and in total. */
    awaitingApproval: { recipients: number; waiting: number; runs: WaitingRun[] };
    /** The campaign's reminders by state (`gated` before release, `pending`, `waiting`, `done`, `stopped`, …). */
    reminders: Record<string, number>;
    /** Per channel. */
    channels: ChannelFigures[];
    /** All channels together. */
    total: Omit<ChannelFigures, 'channel'>;
}

const zero = (): Omit<ChannelFigures, 'channel'> => ({
    claimed: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    held: 0,
    dropped: 0,
    segments: 0,
    cost: 0,
});

/**
 * Reads a campaign's messaging for its report, from the send batches, the
 * reminders (cascades) and the message ledger. Read-only; its own queries,
 * so the messaging repositories stay the sender's.
 */
export class CampaignMessagingQuery {
    /** Waiting sends, reminders by state, and per-channel figures with their cost. */
    async figures(exec: SqlExecutor | Database, campaignId: number): Promise<CampaignMessagingFigures> {
        // Hand-written: a projection and aggregates of messaging's tables.
        const [batches, gated, reminders, messages] = await Promise.all([
            exec.all(
                `SELECT run_day, status, recipients, note FROM refill_send_batches
                 WHERE campaign_id = ? AND status IN ('awaiting_approval', 'canary_failed') ORDER BY run_day`,
                [campaignId],
            ),
            exec.all(
                `SELECT run_day, COUNT(*) AS n FROM refill_cascades WHERE campaign_id = ? AND status = 'gated' GROUP BY run_day`,
                [campaignId],
            ),
            exec.all(
                `SELECT status, COUNT(*) AS n FROM refill_cascades WHERE campaign_id = ? GROUP BY status ORDER BY status`,
                [campaignId],
            ),
            exec.all(
                `SELECT channel, status, COUNT(*) AS n, COALESCE(SUM(segments), 0) AS segments, COALESCE(SUM(cost), 0) AS cost
                 FROM refill_messages WHERE campaign_id = ? GROUP BY channel, status ORDER BY channel`,
                [campaignId],
            ),
        ]);
        const gatedByDay = new Map(gated.map((r) => [String(r.run_day), Number(r.n)]));
        const runs: WaitingRun[] = batches.map((r) => ({
            day: String(r.run_day),
            status: r.status as WaitingRun['status'],
            recipients: Number(r.recipients),
            waiting: gatedByDay.get(String(r.run_day)) ?? 0,
            note: (r.note as string | null) ?? null,
        }));
        const channels = new Map<string, ChannelFigures>();
        const total = zero();
        for (const r of messages) {
            const channel = String(r.channel);
            const c = channels.get(channel) ?? { channel, ...zero() };
            const n = Number(r.n);
            const status = String(r.status);
            for (const f of [c, total]) {
                if (status === 'claimed') f.claimed += n;
                if (status === 'sending') f.sending += n;
                // Delivered and read messages were sent too.
                if (status === 'sent' || status === 'delivered' || status === 'read') f.sent += n;
                if (status === 'delivered' || status === 'read') f.delivered += n;
                if (status === 'failed') f.failed += n;
                if (status === 'held') f.held += n;
                if (status === 'dropped') f.dropped += n;
                f.segments += numOrNull(r.segments) ?? 0;
                f.cost += Number(r.cost);
            }
            channels.set(channel, c);
        }
        return {
            awaitingApproval: {
                recipients: runs.reduce((s, r) => s + r.recipients, 0),
                waiting: runs.reduce((s, r) => s + r.waiting, 0),
                runs,
            },
            reminders: Object.fromEntries(reminders.map((r) => [String(r.status), Number(r.n)])),
            channels: [...channels.values()],
            total,
        };
    }
}
