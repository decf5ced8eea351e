import type { components } from './schema';

/*
 * Shapes of the campaign routes whose answers the admin OpenAPI document does
 * not describe yet (no joi response schema): one campaign, its report, its
 * sends and members. They mirror the plugin's `CampaignView`,
 * `CampaignReport`, `SendGuardService.batches` and `MemberPage`; once the
 * routes get response schemas, these become aliases of the generated types.
 */

/** A campaign's status. */
export type CampaignStatus = 'draft' | 'scheduled' | 'active' | 'paused' | 'finished';

/** One campaign (`GET /campaigns/:id`), the design in the marketer's units. */
export interface CampaignDetail {
    id: number;
    code: string;
    name: string;
    status: CampaignStatus;
    categoryCode: string | null;
    audience: 'lapsed' | 'lapsed+regular';
    controlSharePct: number;
    offer: {
        kind: 'multiplier' | 'gift';
        multiplier: number | null;
        giftAmount: number | null;
        minAmount: number | null;
        validDays: number;
    };
    channels: string[];
    sends: { killed: boolean; testCards: string[] | null };
    startsAt: string | null;
    endsAt: string | null;
    launchedAt: string | null;
    launchedBy: string | null;
    finishedAt: string | null;
    createdBy: string;
}

/** A send batch's state in the guard. */
export type BatchStatus = 'released' | 'awaiting_approval' | 'canary' | 'canary_failed' | 'killed';

/** One day's run as the guard sees it (`GET /campaigns/:id/sends`), newest first. */
export interface SendBatchView {
    runDay: string;
    status: BatchStatus;
    recipients: number;
    baseSize: number;
    canarySize: number;
    canaryUntil: string | null;
    approvedBy: string | null;
    approvedAt: string | null;
    note: string | null;
    /** The run's reminders by state. */
    cascades: Record<string, number>;
}

/** Delivery figures of one channel of a campaign. */
export interface ChannelStatsView {
    channel: string;
    sent: number;
    delivered: number;
    read: number;
    failed: number;
    held: number;
    dropped: number;
    failedByReason: Record<string, number>;
    segments: number;
    /** Minor units. */
    cost: number;
}

/** `GET /campaigns/:id/sends`. */
export interface CampaignSendsView {
    batches: SendBatchView[];
    channels: ChannelStatsView[];
}

/** The review of a held run (`GET /campaigns/:id/sends/:day/review`). */
export type SendReviewView = components['schemas']['SendReview'];

/** One audited step of a campaign (`GET /campaigns/:id/timeline`). */
export type TimelineEntry = components['schemas']['CampaignTimelineEntry'];

/** An estimate with its interval (null bounds: no interval exists). */
export interface EstimateView {
    estimate: number;
    standardError: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    pValue: number | null;
}

/** Test versus control on one metric. */
export interface UpliftView {
    control: { n: number; mean: number; variance: number | null };
    test: { n: number; mean: number; variance: number | null };
    absolute: EstimateView;
    relative: EstimateView | null;
    df: number | null;
    alpha: number;
}

/** A money figure with its interval, minor units. */
export interface IntervalView {
    estimate: number;
    ciLow: number | null;
    ciHigh: number | null;
}

/** The money table of one member set. */
export interface ReportMoneyView {
    basis: 'mature' | 'all';
    members: { test: number; control: number };
    incrementalConverters: IntervalView;
    incrementalRevenue: IntervalView;
    incrementalMargin: IntervalView;
    bonusCost: number;
    messageCost: number;
    campaignCost: number;
    netProfit: IntervalView;
    /** A ratio: 0.5 is +50 %. */
    romi: IntervalView | null;
    probabilityOfProfit: number | null;
    /** Minor units per assigned test customer. */
    breakEvenUplift: number | null;
    costPerIncrementalConverter: number | null;
    iroas: number | null;
    margin: { rate: number; source: 'category' | 'campaign'; categoryCode: string | null };
}

/** The measured effects of one member set. */
export interface EffectsView {
    n: { test: number; control: number };
    conversion: UpliftView | null;
    revenuePerCustomer: UpliftView | null;
}

/** One group of one day of the series. */
export interface SeriesGroupView {
    assigned: number;
    mature: number;
    converters: number;
    conversion: number | null;
    revenue: number;
    revenuePerCustomer: number | null;
}

/** One assignment day of the series, with the cumulative uplifts so far. */
export interface SeriesPointView {
    day: string;
    test: SeriesGroupView;
    control: SeriesGroupView;
    cumulative: {
        test: SeriesGroupView;
        control: SeriesGroupView;
        conversionUplift: EstimateView | null;
        revenueUplift: EstimateView | null;
    };
}

/** The campaign report (`GET /campaigns/:id/report`). */
export interface CampaignReportView {
    generatedAt: string;
    units: Record<string, string>;
    campaign: CampaignDetail;
    design: { controlSharePct: number; window: { days: number } };
    health: {
        srm: {
            flagged: boolean;
            pValue: number | null;
            observedControlShare: number | null;
            expectedControlShare: number;
        };
        srmFlaggedDays: string[];
        maturity: number;
        contaminatedControls: number;
        warnings: string[];
    };
    sample: { test: number; control: number; matureTest: number; matureControl: number };
    series: SeriesPointView[];
    results: EffectsView;
    provisional: EffectsView;
    money: ReportMoneyView | null;
    provisionalMoney: ReportMoneyView | null;
    /** The budget cap and the spend against it (minor units; bonus cost not counted). */
    budget?: BudgetView;
}

/** A campaign's budget cap, its spend (its messages' cost) and when sending stopped at it. */
export interface BudgetView {
    cap: number | null;
    spent: number;
    remaining: number | null;
    /** spent / cap; null without a cap. */
    usedShare: number | null;
    reachedAt: string | null;
    note: string | null;
}

/** One member as the paged list shows it (`GET /campaigns/:id/members`). */
export interface MemberView {
    customerId: number;
    /** `****1234`. */
    card: string;
    group: 'test' | 'control';
    assignmentDay: string;
    assignedAt: string;
    windowEndsAt: string;
    mature: boolean;
    converted: boolean;
    revenueInWindow: number;
    offerUsed: boolean | null;
}

/** A page of members. */
export interface MemberPageView {
    members: MemberView[];
    page: number;
    pageSize: number;
    total: number;
}
