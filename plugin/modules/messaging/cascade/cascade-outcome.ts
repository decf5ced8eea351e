import type { CascadeStep } from '../rules/cascade.rules.js';
import type { Cascade } from '../entities/cascade.entity.js';
import type { CascadePatch } from '../repositories/cascade.repository.js';
import type { SendOutcome } from '../message-sender.js';
import type { ContactVerdict } from '../policy/contact-policy.js';

const RETRY_MS = 5 * 60_000;
/** Hand-overs of one step's message before the cascade moves on (policy holds are not attempts). */
const MAX_ATTEMPTS = 3;
/**
 * Hand-overs a step may spend on limit answers (429, `retry_after`) before
 * the cascade moves on: the provider asked to wait, the message was not
 * refused, so it is retried when the pause ends.
 */
const MAX_THROTTLED_ATTEMPTS = 12;

/**
 * The message key of a cascade's step: the same on every retry, so a
 * provider that dedupes on it never sends a step twice.
 */
export function stepMessageKey(cascadeKey: string, step: number): string {
    return `${cascadeKey}:${step}`;
}

/** A step a page decided to send, and where its request sits in the batch. */
export interface PlannedSend {
    c: Cascade;
    step: CascadeStep;
    index: number;
    /** Hand-overs of this step's message before this page. */
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
    busy: number;
    /** Steps a provider's send-rate limit or limit answer made wait (not attempts, not failures). */
    throttled?: number;
}

/**
 * Where a cascade stands after its step's send outcome: done when delivered
 * (or accepted by a provider that never reports delivery), waiting for the
 * report, held until the policy allows (the attempt count unchanged),
 * cancelled when dropped, due again when another run holds the message,
 * retried when the provider's pause ends after a limit answer, retried on a
 * retryable failure (three hand-overs), otherwise moved on at the next tick.
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
        messageKey: stepMessageKey(s.c.cascadeKey, index),
        awaitStatus: step.await,
        attempt: 'attempts' in outcome ? outcome.attempts : attempt,
    };
    const later = (ms: number) => new Date(now.getTime() + ms);
    const status = outcome.outcome === 'duplicate' ? outcome.status : null;
    // Claimed or handed over by another run, no answer yet: not sent; due again when that claim ends.
    if (outcome.outcome === 'busy' || status === 'claimed' || status === 'sending') {
        counts.busy++;
        const until = outcome.outcome === 'busy' ? outcome.until : now;
        return { ...base, status: 'pending', nextAt: until > now ? until : later(RETRY_MS) };
    }
    if (outcome.outcome === 'sent' || isSent(status)) {
        counts.sent++;
        const delivered = outcome.outcome === 'sent' ? outcome.status : status;
        if (step.await === 'delivered' && delivered === 'delivered')
            return { ...base, status: 'done', outcome: 'delivered' };
        // A provider that never reports delivery (SMTP, the Telegram Bot API): accepted is all there is to wait for.
        if (step.await === 'delivered' && !reportsDelivery)
            return { ...base, status: 'done', outcome: 'accepted' };
        return { ...base, status: 'waiting', nextAt: later(s.waitMinutes * 60_000), outcome: 'sent' };
    }
    if (outcome.outcome === 'held' || status === 'held') {
        counts.held++;
        return {
            ...base,
            status: 'pending',
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
    if (
        outcome.outcome === 'failed' &&
        outcome.code === 'CHANNEL_RATE_LIMITED' &&
        outcome.attempts < MAX_THROTTLED_ATTEMPTS
    ) {
        counts.throttled = (counts.throttled ?? 0) + 1;
        return {
            ...base,
            status: 'pending',
            nextAt: later(outcome.retryAfterMs ?? RETRY_MS),
            outcome: 'throttled:provider',
        };
    }
    counts.failed++;
    if (outcome.outcome === 'failed' && outcome.retryable && outcome.attempts < MAX_ATTEMPTS)
        return {
            ...base,
            status: 'pending',
            nextAt: later(outcome.retryAfterMs ?? RETRY_MS),
            outcome: `retry:${outcome.code}`,
        };
    // The next tick moves on to the next channel.
    return { ...base, status: 'waiting', nextAt: now, outcome: 'failed' };
}

function isSent(status: string | null): boolean {
    return status === 'sent' || status === 'delivered' || status === 'read';
}
