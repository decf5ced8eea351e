import type { IntervalView, UpliftView } from './campaign-types';

/*
 * The trigger chains' shapes as the admin API answers them (the routes have
 * no response schema): the design of plugin/modules/chains/rules/
 * chain-definition.ts, the views of chain-admin.view.ts and the reports of
 * chain-report.service.ts and global-control.service.ts. Amounts in minor
 * units, shares in basis points, durations in whole hours or days.
 */

/** The lifecycle segments, in funnel order. */
export const LIFECYCLE_SEGMENTS = [
    'enrolled',
    'new',
    'developing',
    'regular',
    'sleeping',
    'churned',
    'won_back',
] as const;

/** One lifecycle segment. */
export type LifecycleSegment = (typeof LIFECYCLE_SEGMENTS)[number];

/** What starts a run, in the editor's order. */
export const TRIGGER_TYPES = [
    'enrolled',
    'first-purchase',
    'purchase-in-category',
    'segment-entered',
    'bonuses-burning',
    'birthday',
    'balance-crossed',
    'schedule',
] as const;

/** An audience of a scheduled chain: a lifecycle segment or a saved segment. */
export type ChainAudience = { lifecycle: LifecycleSegment } | { segmentId: number };

/** What starts a customer's run of a chain. */
export type ChainTrigger =
    | { type: 'enrolled' | 'first-purchase' | 'birthday' }
    | { type: 'purchase-in-category'; categoryId: number }
    | { type: 'segment-entered'; segment: LifecycleSegment }
    | { type: 'bonuses-burning'; daysBefore: number }
    | { type: 'balance-crossed'; amount: number }
    | { type: 'schedule'; every: 'day' | 'week'; weekday?: number; audience: ChainAudience };

/** The step types. */
export const STEP_TYPES = ['send', 'wait', 'branch', 'grant', 'exit'] as const;

/** One step type. */
export type StepType = (typeof STEP_TYPES)[number];

/** The message kinds a chain may send. */
export const CHAIN_KINDS = [
    'welcome',
    'bonus-expiry',
    'second-purchase',
    'winback',
    'wonback-thanks',
] as const;

/** The channels, cheapest first as the cascade tries them by default. */
export const CHAIN_CHANNELS = ['push', 'telegram', 'viber', 'whatsapp', 'email', 'sms'] as const;

/** What a branch asks about. */
export const BRANCH_CONDITIONS = [
    'delivered',
    'opened',
    'clicked',
    'bought',
    'used-points',
    'entered-segment',
] as const;

/** Events a wait waits for, a goal is, and a run stops on. */
export const CHAIN_EVENTS = ['purchase', 'points-used', 'unsubscribed', 'segment-left'] as const;

/** One chain event. */
export type ChainEvent = (typeof CHAIN_EVENTS)[number];

/** One step of a chain. */
export type ChainStep =
    | { id: string; type: 'send'; kind: string; channels?: string[]; deadlineHours?: number }
    | { id: string; type: 'wait'; hours: number; until?: ChainEvent }
    | {
          id: string;
          type: 'branch';
          condition: (typeof BRANCH_CONDITIONS)[number];
          segment?: LifecycleSegment;
          withinHours?: number;
          then?: string;
          otherwise?: string;
      }
    | { id: string; type: 'grant'; bonus: number; lifetimeDays: number }
    | { id: string; type: 'exit' };

/** When a customer may enter again. */
export type ChainReentry = { rule: 'once' } | { rule: 'every'; days: number } | { rule: 'always' };

/** A chain's design, as `POST /chains` takes it (and `PUT` with `version`). */
export interface ChainDesign {
    key: string;
    name: string;
    trigger: ChainTrigger;
    steps: ChainStep[];
    goal: 'purchase' | 'points-used' | null;
    goalWindowDays: number;
    stopOn: ChainEvent[];
    reentry: ChainReentry;
    priority: number;
    holdoutBp: number;
    budgetCap: number | null;
}

/** A chain's status. */
export type ChainStatus = 'draft' | 'active' | 'paused' | 'archived';

/** A chain as `GET /chains/:id` answers it. */
export type ChainView = ChainDesign & {
    id: number;
    status: ChainStatus;
    version: number;
    traffic: 'service' | 'marketing';
    budgetReachedAt: string | null;
    createdAt: string;
    updatedAt: string;
    activatedAt: string | null;
};

/** One row of `GET /chains`. */
export interface ChainSummary {
    id: number;
    key: string;
    name: string;
    status: ChainStatus;
    trigger: ChainTrigger;
    priority: number;
    holdoutBp: number;
    budgetCap: number | null;
    budgetReachedAt: string | null;
    activeRuns: number;
    entered7d: number;
    goalRate: number | null;
}

/** A chain's two groups. */
export interface ByGroup {
    test: number;
    holdout: number;
}

/** Live counts of one step (`GET /chains/:id/steps`). */
export interface ChainStepCount {
    stepId: string;
    type: StepType;
    at: ByGroup;
    passed: ByGroup;
}

/** The sample-ratio check of a chain's entries. */
export interface SrmView {
    total: number;
    expectedControlShare: number;
    observedControlShare: number | null;
    chiSquared: number | null;
    pValue: number | null;
    flagged: boolean;
}

/** The report's money table (margin figures null without a margin). */
export interface ChainMoneyView {
    testRevenue: number;
    counterfactualRevenue: number;
    incrementalConverters: IntervalView;
    incrementalRevenue: IntervalView;
    incrementalMargin: IntervalView | null;
    bonusCost: number;
    messageCost: number;
    campaignCost: number;
    netProfit: IntervalView | null;
    romi: IntervalView | null;
    probabilityOfProfit: number | null;
    breakEvenUplift: number | null;
    costPerIncrementalConverter: number | null;
    iroas: number | null;
    marginRate: number | null;
    messages: number;
}

/** `GET /chains/:id/report`. */
export interface ChainReportView {
    generatedAt: string;
    chain: ChainView;
    range: { from: string | null; to: string | null };
    sample: ByGroup;
    health: { srm: SrmView; warnings: string[] };
    funnel: { stepId: string; type: StepType; passed: number; share: number | null }[];
    results: {
        goal: UpliftView | null;
        conversion: UpliftView | null;
        revenuePerCustomer: UpliftView | null;
    };
    money: ChainMoneyView | null;
    budget: { cap: number | null; spent: number; reachedAt: string | null; note: string | null };
}

/** `GET /program/global-control`. */
export interface GlobalControlView {
    shareBp: number;
    maxBp: number;
}

/** `GET /program/global-control/report`. */
export interface GlobalControlReportView {
    generatedAt: string;
    range: { from: string; to: string };
    shareBp: number;
    sample: { control: number; others: number };
    srm: SrmView;
    revenuePerCustomer: UpliftView | null;
    incrementalRevenue: IntervalView | null;
}
