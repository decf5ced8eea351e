import { DateTime } from 'luxon';
import { nextWindowStart, type SendWindow } from '../policy/send-window.js';
import { boundedMemo } from '../../../kernel/bounded-memo.js';

/** One step of a reminder cascade: a channel, how long to wait for it, and what counts as success. */
export interface CascadeStep {
    channel: string;
    /** Minutes to wait for the success status before moving on to the next channel. */
    waitMinutes: number;
    /** `delivered` (default) or `read` (messengers that report reads). */
    await: 'delivered' | 'read';
}

/** Per-channel defaults a cascade is built from. */
export interface CascadeDefaults {
    /** Estimated cost of one message per channel, minor units: the order of the steps. */
    costs: Record<string, number>;
    /** Minutes to wait per channel. */
    waits: Record<string, number>;
    /** Channels whose step waits for a read rather than a delivery. */
    awaitRead: readonly string[];
}

/** Channels ordered cheapest first by configured cost; equal costs keep the given order. */
export function orderCheapestFirst(channels: readonly string[], costs: Record<string, number>): string[] {
    return channels
        .map((channel, i) => ({ channel, i, cost: costs[channel] ?? Number.MAX_SAFE_INTEGER }))
        .sort((a, b) => a.cost - b.cost || a.i - b.i)
        .map((c) => c.channel);
}

/** The steps of a cascade over `channels`, cheapest first, with the default waits. */
export function buildSteps(channels: readonly string[], defaults: CascadeDefaults): CascadeStep[] {
    return orderCheapestFirst([...new Set(channels)], defaults.costs).map((channel) => ({
        channel,
        waitMinutes: defaults.waits[channel] ?? 240,
        await: defaults.awaitRead.includes(channel) ? 'read' : 'delivered',
    }));
}

/**
 * The latest moment a message may still be sent so that it lands `leadMinutes`
 * before `deadline` and inside the customer's sending hours; null when no
 * such moment exists after `now`.
 */
export function lastSendMoment(
    deadline: Date,
    leadMinutes: number,
    zone: string,
    window: SendWindow,
    now: Date,
): Date | null {
    const at = new Date(
        lastMoment(`${zone}|${window.from}|${window.to}|${leadMinutes}|${deadline.getTime()}`),
    );
    return at < now ? null : at;
}

/** {@link lastSendMoment} without the `now` check, memoised (a run's reminders share their deadlines). */
const lastMoment = boundedMemo((key) => {
    const [zone, from, to, lead, ms] = key.split('|');
    const window = { from, to };
    const leadMinutes = Number(lead);
    const deadline = new Date(Number(ms));
    const latest = DateTime.fromJSDate(deadline, { zone }).minus({ minutes: leadMinutes });
    const [fromH, fromM] = window.from.split(':').map(Number);
    const [toH, toM] = window.to.split(':').map(Number);
    const open = latest.set({ hour: fromH, minute: fromM, second: 0, millisecond: 0 });
    const close = latest.set({ hour: toH, minute: toM, second: 0, millisecond: 0 }).minus({ minutes: 1 });
    let candidate: DateTime;
    if (latest >= open && latest <= close) candidate = latest;
    else if (latest > close) candidate = close;
    else candidate = close.minus({ days: 1 });
    return candidate.toMillis();
});

/** What a cascade does next. */
export type StepPlan =
    | { action: 'send'; step: number; waitMinutes: number; skipped: number[]; hurried: boolean }
    | { action: 'exhausted'; skipped: number[] }
    | { action: 'expired' };

/** What {@link planStep} needs. */
export interface PlanInput {
    steps: readonly CascadeStep[];
    /** The first step index that may be used (the one after the last tried). */
    from: number;
    /** Whether a step's channel has consent and a contact. */
    usable: (step: CascadeStep) => boolean;
    now: Date;
    /** When the reminder stops making sense (the offer or the bonuses burn); null for none. */
    deadline: Date | null;
    zone: string;
    window: SendWindow;
    /** The channel to jump to when time runs out. */
    reliableChannel: string;
    /** A step never waits less than this when its waits are shortened. Default 30. */
    minWaitMinutes?: number;
    /** The last message should land this long before the deadline. Default 60. */
    leadMinutes?: number;
}

/**
 * Chooses the next step of a cascade. Without a deadline: the next usable
 * channel with its configured wait. With one (expiry reminders), the last
 * step must go out inside the sending hours before the deadline: the waits
 * of the steps up to the most reliable channel are shortened in proportion
 * when they would run past it, and when even shortened waits would not fit
 * (or would fall below the minimum), the cascade jumps straight to the most
 * reliable channel. Past the last possible moment it expires.
 */
export function planStep(input: PlanInput): StepPlan {
    const minWait = input.minWaitMinutes ?? 30;
    const skipped: number[] = [];
    const usable: number[] = [];
    for (let i = input.from; i < input.steps.length; i++)
        (input.usable(input.steps[i]) ? usable : skipped).push(i);
    if (!input.deadline) {
        if (!usable.length) return { action: 'exhausted', skipped };
        const step = usable[0];
        return {
            action: 'send',
            step,
            waitMinutes: input.steps[step].waitMinutes,
            skipped: skipped.filter((i) => i < step),
            hurried: false,
        };
    }
    const last = lastSendMoment(input.deadline, input.leadMinutes ?? 60, input.zone, input.window, input.now);
    if (!last || nextWindowStart(input.now, input.zone, input.window) > last) return { action: 'expired' };
    if (!usable.length) return { action: 'exhausted', skipped };
    const reliable = usable.find((i) => input.steps[i].channel === input.reliableChannel);
    const chain = usable.filter((i) => reliable === undefined || i <= reliable);
    const untilDeadline = (input.deadline.getTime() - input.now.getTime()) / 60_000;
    const send = (step: number, waitMinutes: number, hurried: boolean): StepPlan => ({
        action: 'send',
        step,
        waitMinutes: Math.max(1, Math.floor(Math.min(waitMinutes, untilDeadline))),
        skipped: skipped.filter((i) => i < step),
        hurried,
    });
    if (chain.length === 1) return send(chain[0], input.steps[chain[0]].waitMinutes, false);
    const waits = chain.slice(0, -1).map((i) => input.steps[i].waitMinutes);
    for (const scale of [1, 0.5, 0.25, 0.125]) {
        const scaled = waits.map((w) => w * scale);
        if (scale < 1 && scaled.some((w) => w < minWait)) break;
        if (finalSendAt(scaled, input) <= last) return send(chain[0], scaled[0], scale < 1);
    }
    const jump = chain[chain.length - 1];
    return send(jump, input.steps[jump].waitMinutes, true);
}

/** When the last step would go out if each earlier one waited `waits` and sends were moved into the window. */
function finalSendAt(waits: readonly number[], input: PlanInput): Date {
    let at = nextWindowStart(input.now, input.zone, input.window);
    for (const w of waits)
        at = nextWindowStart(new Date(at.getTime() + w * 60_000), input.zone, input.window);
    return at;
}
