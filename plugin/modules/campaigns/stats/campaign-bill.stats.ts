/*
 * The bill of a campaign before launch: the messages its test group is
 * expected to get, channel by channel, at their cost, and the offer bonuses
 * the test group's converters are expected to spend, per forecast scenario.
 * Only the test group gets offers and messages; the control group costs
 * nothing. Each test member gets one message, at the first channel of the
 * cascade that reaches them (a delivered step ends the cascade); failed
 * deliveries that move a member on to the next step are left out, so the
 * count is low by the failure rate.
 */

/** One channel of the cascade, in its order. */
export interface BillChannel {
    channel: string;
    /** Share of eligible customers whose first reachable channel of the cascade is this one, in [0, 1]. */
    firstReachShare: number;
    /** What one message costs, minor units (an SMS: its segments × the price per segment). */
    costPerMessage: number;
}

/** Three values, one per forecast scenario. */
export interface Scenarios {
    pessimistic: number;
    neutral: number;
    optimistic: number;
}

/** Inputs of {@link campaignBill}. */
export interface BillInput {
    /** Expected test-group members over the campaign. */
    testMembers: number;
    /** The cascade's channels in order. */
    channels: readonly BillChannel[];
    /** Conversion without the offer (the plan's baseline), in [0, 1]. */
    baselineConversion: number;
    /** Absolute conversion uplift per scenario (the forecast), or null: the baseline alone. */
    uplift: Scenarios | null;
    /** Share of offer bonuses spent, in [0, 1] (the campaign's `redemptionPct`). */
    redemptionShare: number;
    /** Offer bonuses one converter earns, minor units ({@link offerBonusPerConverter}). */
    bonusPerConverter: number;
}

/** Messages and cost of one channel. */
export interface BillLine {
    channel: string;
    messages: number;
    costPerMessage: number;
    cost: number;
}

/** What the campaign is expected to cost, minor units. */
export interface CampaignBill {
    messages: BillLine[];
    messageCost: number;
    /** Converters of the test group per scenario (baseline + uplift). */
    converters: Scenarios;
    bonusCost: Scenarios;
    total: Scenarios;
}

const SCENARIOS = ['pessimistic', 'neutral', 'optimistic'] as const;

/**
 * The offer bonuses one converter earns: a gift's amount, or for a
 * multiplier the extra accrual on the category revenue a converter spends,
 * revenue × base rate × (multiplier − 1). Rounded down to a minor unit.
 */
export function offerBonusPerConverter(
    offer: { kind: 'multiplier' | 'gift'; multiplier: number | null; giftAmount: number | null },
    revenuePerConverter: number,
    baseRateBp: number,
): number {
    if (!(revenuePerConverter >= 0) || !(baseRateBp >= 0))
        throw new RangeError(
            `revenue and rate must be non-negative, got ${revenuePerConverter}, ${baseRateBp}`,
        );
    if (offer.kind === 'gift') return offer.giftAmount ?? 0;
    const extra = Math.max(0, (offer.multiplier ?? 1) - 1);
    return Math.floor((revenuePerConverter * baseRateBp * extra) / 10_000);
}

/** The bill: messages by channel × cost, plus the expected bonus cost per scenario. */
export function campaignBill(input: BillInput): CampaignBill {
    const { testMembers, channels, baselineConversion, uplift, redemptionShare, bonusPerConverter } = input;
    if (!(testMembers >= 0)) throw new RangeError(`testMembers must be non-negative, got ${testMembers}`);
    for (const share of [baselineConversion, redemptionShare, ...channels.map((c) => c.firstReachShare)])
        if (!(share >= 0 && share <= 1)) throw new RangeError(`shares must be in [0, 1], got ${share}`);
    if (channels.some((c) => !(c.costPerMessage >= 0)) || !(bonusPerConverter >= 0))
        throw new RangeError('costs must be non-negative');
    const messages = channels.map((c) => {
        const count = Math.round(testMembers * c.firstReachShare);
        return {
            channel: c.channel,
            messages: count,
            costPerMessage: c.costPerMessage,
            cost: count * c.costPerMessage,
        };
    });
    const messageCost = messages.reduce((sum, m) => sum + m.cost, 0);
    const per = (f: (s: (typeof SCENARIOS)[number]) => number): Scenarios =>
        Object.fromEntries(SCENARIOS.map((s) => [s, f(s)])) as unknown as Scenarios;
    const converters = per((s) => {
        const rate = Math.min(1, Math.max(0, baselineConversion + (uplift?.[s] ?? 0)));
        return Math.round(testMembers * rate);
    });
    const bonusCost = per((s) => Math.round(converters[s] * redemptionShare * bonusPerConverter));
    return {
        messages,
        messageCost,
        converters,
        bonusCost,
        total: per((s) => messageCost + bonusCost[s]),
    };
}
