import type { ChainDesign } from './chain-definition.js';

/*
 * The chains Refill ships: seeded as drafts (never active by themselves),
 * once per key, and never written again, so a marketer's edits stay. Amounts
 * in minor units (10_000 = 100 bonuses), waits in hours, holdouts in basis
 * points. Lower priority numbers run first: a customer gets at most one
 * chain message a day, the most urgent chain's.
 */

/** The shipped chains' keys. */
export const SHIPPED_CHAIN_KEYS = [
    'welcome',
    'second-purchase',
    'burn-7',
    'burn-2',
    'sleeping-winback',
    'wonback-thanks',
] as const;

/** One of {@link SHIPPED_CHAIN_KEYS}. */
export type ShippedChainKey = (typeof SHIPPED_CHAIN_KEYS)[number];

const HOURS_PER_DAY = 24;

/** The defaults every shipped chain shares. */
const common = {
    stopOn: [],
    reentry: { rule: 'once' },
    holdoutBp: 1000,
    budgetCap: null,
} satisfies Partial<ChainDesign>;

/** A bonuses-burning reminder `days` before the burn: one message that must land before it. */
function burn(key: 'burn-7' | 'burn-2', days: number, priority: number, deadlineHours: number): ChainDesign {
    return {
        ...common,
        key,
        name: `Bonuses burn in ${days} days`,
        trigger: { type: 'bonuses-burning', daysBefore: days },
        steps: [
            { id: 'notice', type: 'send', kind: 'bonus-expiry', deadlineHours },
            { id: 'end', type: 'exit' },
        ],
        goal: 'points-used',
        goalWindowDays: days,
        stopOn: ['points-used'],
        // Bonuses burn again and again: each burn date is a new occasion, a week apart at least.
        reentry: { rule: 'every', days: 7 },
        priority,
    };
}

/** The shipped chains, by key. */
export const SHIPPED_CHAINS: Readonly<Record<ShippedChainKey, ChainDesign>> = {
    welcome: {
        ...common,
        key: 'welcome',
        name: 'Welcome',
        trigger: { type: 'enrolled' },
        steps: [
            { id: 'email', type: 'send', kind: 'welcome', channels: ['email'] },
            { id: 'wait-48h', type: 'wait', hours: 48 },
            {
                id: 'opened',
                type: 'branch',
                condition: 'opened',
                withinHours: 48,
                then: 'end',
                otherwise: 'messenger',
            },
            {
                id: 'messenger',
                type: 'send',
                kind: 'welcome',
                channels: ['telegram', 'viber', 'whatsapp', 'sms'],
            },
            { id: 'end', type: 'exit' },
        ],
        goal: 'purchase',
        goalWindowDays: 30,
        priority: 10,
    },
    'second-purchase': {
        ...common,
        key: 'second-purchase',
        name: 'Second purchase',
        trigger: { type: 'first-purchase' },
        steps: [
            { id: 'wait-14d', type: 'wait', hours: 14 * HOURS_PER_DAY, until: 'purchase' },
            {
                id: 'bought',
                type: 'branch',
                condition: 'bought',
                withinHours: 14 * HOURS_PER_DAY,
                then: 'end',
            },
            { id: 'offer', type: 'send', kind: 'second-purchase' },
            { id: 'bonus', type: 'grant', bonus: 10_000, lifetimeDays: 14 },
            { id: 'end', type: 'exit' },
        ],
        goal: 'purchase',
        goalWindowDays: 30,
        stopOn: ['unsubscribed'],
        priority: 40,
    },
    'burn-7': burn('burn-7', 7, 30, 72),
    'burn-2': burn('burn-2', 2, 20, 24),
    'sleeping-winback': {
        ...common,
        key: 'sleeping-winback',
        name: 'Win back a sleeping customer',
        trigger: { type: 'segment-entered', segment: 'sleeping' },
        steps: [
            { id: 'miss-you', type: 'send', kind: 'winback' },
            { id: 'wait-7d', type: 'wait', hours: 7 * HOURS_PER_DAY, until: 'purchase' },
            {
                id: 'bought',
                type: 'branch',
                condition: 'bought',
                withinHours: 7 * HOURS_PER_DAY,
                then: 'end',
            },
            { id: 'bonus', type: 'grant', bonus: 15_000, lifetimeDays: 14 },
            { id: 'reminder', type: 'send', kind: 'winback' },
            { id: 'end', type: 'exit' },
        ],
        goal: 'purchase',
        goalWindowDays: 30,
        stopOn: ['unsubscribed'],
        reentry: { rule: 'every', days: 180 },
        priority: 50,
    },
    'wonback-thanks': {
        ...common,
        key: 'wonback-thanks',
        name: 'Thanks for coming back',
        trigger: { type: 'segment-entered', segment: 'won_back' },
        steps: [
            { id: 'thanks', type: 'send', kind: 'wonback-thanks' },
            { id: 'end', type: 'exit' },
        ],
        goal: 'purchase',
        goalWindowDays: 60,
        stopOn: ['unsubscribed'],
        reentry: { rule: 'every', days: 180 },
        priority: 60,
    },
};

/**
 * The built-in reminders a chain can take over, with the trigger a chain
 * needs to own one: while an active chain on that trigger sends that kind,
 * messaging's own planner leaves it to the chain (no double sends).
 */
export const CHAIN_OWNABLE_REMINDERS = {
    welcome: 'enrolled',
    'bonus-expiry': 'bonuses-burning',
} as const satisfies Partial<Record<string, ChainDesign['trigger']['type']>>;
