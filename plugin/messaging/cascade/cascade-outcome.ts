import type { CascadeStep } from '../../domain/cascade.rules.js';
import type { Cascade } from '../../entities/cascade.entity.js';
import type { CascadePatch } from '../../repositories/cascade.repository.js';
import type { SendOutcome } from '../message-sender.js';
import type { ContactVerdict } from '../policy/contact-policy.js';

const RETRY_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;

/** A step a page decided to send, and where its request sits in the batch. */
export interface PlannedSend {
    c: Cascade;
    step: CascadeStep;
    index: number;
    attempt: number;
    waitMinutes: number;
    verdict: ContactVerdict;
    item: number;
}

/** Counters a dispatch run reports. */
export interface OutcomeCounts {
    sent: number;
    held: number;
    dropped: number;
    failed: number;
}

/**
 * Where a cascade stands after its step's send outcome: done when delivered
 * (or accepted by a provider that never reports delivery), waiting for the
 * report, held until the policy allows, cancelled when dropped, retried on
 * a retryable failure (three attempts), otherwise moved on at the next tick.
 */
export function afterSend(
    s: PlannedSend,
    outcome: SendOutcome,
    now: Date,
    counts: OutcomeCounts,
    reportsDelivery: boolean,
): CascadePatch {
    const { step, index, attempt, verdict } = s;
    const base: CascadePatch = {
        step: index,
        channel: step.channel,
        messageKey: `${s.c.cascadeKey}:${index}:${attempt}`,
        awaitStatus: step.await,
    };
    const later = (ms: number) => new Date(now.getTime() + ms);
    const status = outcome.outcome === 'sent' || outcome.outcome === 'duplicate' ? outcome.status : null;
    if (outcome.outcome === 'sent' || (outcome.outcome === 'duplicate' && isSent(status))) {
        counts.sent++;
        if (step.await === 'delivered' && status === 'delivered')
            return { ...base, status: 'done', outcome: 'delivered', attempt };
        // A provider that never reports delivery (SMTP, the Telegram Bot API): accepted is all there is to wait for.
        if (step.await === 'delivered' && !reportsDelivery)
            return { ...base, status: 'done', outcome: 'accepted', attempt };
        return {
            ...base,
            status: 'waiting',
            attempt,
            nextAt: later(s.waitMinutes * 60_000),
            outcome: 'sent',
        };
    }
    if (outcome.outcome === 'held' || status === 'held') {
        counts.held++;
        return {
            ...base,
            status: 'pending',
            attempt: attempt + 1,
            nextAt: verdict.decision === 'hold' ? verdict.nextAllowedAt : later(RETRY_MS),
            outcome: verdict.decision === 'hold' ? `held:${verdict.reason}` : 'held',
        };
    }
    if (outcome.outcome === 'dropped' || status === 'dropped') {
        counts.dropped++;
        return {
            ...base,
            status: 'cancelled',
            outcome: verdict.decision === 'drop' ? `dropped:${verdict.reason}` : 'dropped',
        };
    }
    counts.failed++;
    if (outcome.outcome === 'failed' && outcome.retryable && attempt + 1 < MAX_ATTEMPTS)
        return {
            ...base,
            status: 'pending',
            attempt: attempt + 1,
            nextAt: later(outcome.retryAfterMs ?? RETRY_MS),
            outcome: `retry:${outcome.code}`,
        };
    // The next tick moves on to the next channel.
    return { ...base, status: 'waiting', attempt, nextAt: now, outcome: 'failed' };
}

function isSent(status: string | null): boolean {
    return status === 'sending' || status === 'sent' || status === 'delivered' || status === 'read';
}
