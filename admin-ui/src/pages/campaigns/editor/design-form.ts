import type { CampaignChannel, CampaignDesignBody, CampaignView } from '../../../api/campaigns';

/** One cascade step in the form. */
export interface StepValues {
    channel: CampaignChannel;
    /** Hours to wait for delivery before the next channel. */
    waitHours: number;
}

/** The editor's form: the design in the marketer's units (money in major units, waits in hours). */
export interface DesignValues {
    code: string;
    name: string;
    categoryCode: string;
    lapseKPct: number;
    regular: boolean;
    regularActiveDays: number;
    regularMinPurchases: number;
    minAverageReceipt: number | '';
    minRevenue12m: number | '';
    minPurchaseCount: number | '';
    offerKind: 'multiplier' | 'gift';
    multiplier: number;
    giftAmount: number;
    minAmount: number | '';
    validDays: number;
    bonusLifetimeDays: number;
    controlSharePct: number;
    settlementLagDays: number;
    cooldownDays: number;
    startsAt: string;
    endsAt: string;
    steps: StepValues[];
    dailyCap: number | '';
    /** The budget cap in currency units (empty: no cap); minor units on the wire. */
    budgetCap: number | '';
    /** The campaign's own sender (an SMS alpha name or an email From); empty: the provider's. */
    senderName: string;
    /** The marketer's expectations (the plan's baseline, prior and size when the history is thin). */
    expectedConversionPct: number | '';
    expectedUpliftPct: number | '';
    expectedDailySize: number | '';
}

/** A new campaign's form. */
export const NEW_DESIGN: DesignValues = {
    code: '',
    name: '',
    categoryCode: '',
    lapseKPct: 150,
    regular: false,
    regularActiveDays: 90,
    regularMinPurchases: 2,
    minAverageReceipt: '',
    minRevenue12m: '',
    minPurchaseCount: '',
    offerKind: 'gift',
    multiplier: 3,
    giftAmount: 200,
    minAmount: '',
    validDays: 14,
    bonusLifetimeDays: 30,
    controlSharePct: 10,
    settlementLagDays: 7,
    cooldownDays: 60,
    startsAt: '',
    endsAt: '',
    steps: [{ channel: 'sms', waitHours: 24 }],
    dailyCap: '',
    budgetCap: '',
    senderName: '',
    expectedConversionPct: '',
    expectedUpliftPct: '',
    expectedDailySize: '',
};

const major = (minor: number | null | undefined, digits: number) =>
    minor === null || minor === undefined ? '' : minor / 10 ** digits;
const minor = (value: number, digits: number) => Math.round(value * 10 ** digits);
const optional = (value: number | '') => (value === '' ? undefined : value);

/** The form of a saved campaign (`digits`: the currency's minor digits). */
export function valuesOf(c: CampaignView, digits: number): DesignValues {
    const steps: StepValues[] = c.cascade?.steps?.length
        ? c.cascade.steps.map((s) => ({ channel: s.channel, waitHours: Math.round(s.waitMinutes / 6) / 10 }))
        : c.channels.map((channel) => ({ channel, waitHours: 24 }));
    return {
        code: c.code,
        name: c.name,
        categoryCode: c.categoryCode,
        lapseKPct: c.lapseKPct,
        regular: c.audience === 'lapsed+regular',
        regularActiveDays: c.filters.regular?.activeDays ?? 90,
        regularMinPurchases: c.filters.regular?.minPurchases ?? 2,
        minAverageReceipt: major(c.filters.minAverageReceipt, digits),
        minRevenue12m: major(c.filters.minRevenue12m, digits),
        minPurchaseCount: c.filters.minPurchaseCount ?? '',
        offerKind: c.offer.kind,
        multiplier: c.offer.multiplier ?? 3,
        giftAmount: (major(c.offer.giftAmount, digits) || 200) as number,
        minAmount: major(c.offer.minAmount, digits),
        validDays: c.offer.validDays,
        bonusLifetimeDays: c.offer.bonusLifetimeDays,
        controlSharePct: c.controlSharePct,
        settlementLagDays: c.settlementLagDays,
        cooldownDays: c.cooldownDays,
        startsAt: c.startsAt?.slice(0, 10) ?? '',
        endsAt: c.endsAt?.slice(0, 10) ?? '',
        steps,
        dailyCap: c.dailyCap ?? '',
        budgetCap: major(c.budget?.cap, digits),
        senderName: c.senderName ?? '',
        expectedConversionPct: c.expected?.conversionPct ?? '',
        expectedUpliftPct: c.expected?.upliftPct ?? '',
        expectedDailySize: c.expected?.dailySize ?? '',
    };
}

/** The design the API takes, from the form (`digits`: the currency's minor digits). */
export function designOf(v: DesignValues, digits: number): CampaignDesignBody {
    const money = (value: number | '') => (value === '' ? undefined : minor(value, digits));
    return {
        code: v.code.trim(),
        name: v.name.trim(),
        categoryCode: v.categoryCode,
        audience: v.regular ? 'lapsed+regular' : 'lapsed',
        lapseKPct: v.lapseKPct,
        controlSharePct: v.controlSharePct,
        offer:
            v.offerKind === 'gift'
                ? {
                      kind: 'gift',
                      giftAmount: minor(v.giftAmount, digits),
                      minAmount: money(v.minAmount),
                      validDays: v.validDays,
                      bonusLifetimeDays: v.bonusLifetimeDays,
                  }
                : {
                      kind: 'multiplier',
                      multiplier: v.multiplier,
                      validDays: v.validDays,
                      bonusLifetimeDays: v.bonusLifetimeDays,
                  },
        settlementLagDays: v.settlementLagDays,
        cooldownDays: v.cooldownDays,
        dailyCap: v.dailyCap === '' ? null : v.dailyCap,
        budgetCap: v.budgetCap === '' ? null : minor(v.budgetCap, digits),
        senderName: v.senderName.trim() || null,
        channels: v.steps.map((s) => s.channel),
        cascade: v.steps.length
            ? {
                  steps: v.steps.map((s) => ({
                      channel: s.channel,
                      waitMinutes: Math.max(1, Math.round(s.waitHours * 60)),
                  })),
              }
            : null,
        filters: {
            minAverageReceipt: money(v.minAverageReceipt),
            minRevenue12m: money(v.minRevenue12m),
            minPurchaseCount: optional(v.minPurchaseCount),
            ...(v.regular
                ? { regular: { activeDays: v.regularActiveDays, minPurchases: v.regularMinPurchases } }
                : {}),
        },
        expected: {
            conversionPct: optional(v.expectedConversionPct),
            upliftPct: optional(v.expectedUpliftPct),
            dailySize: optional(v.expectedDailySize),
        },
        startsAt: v.startsAt ? new Date(`${v.startsAt}T00:00:00Z`).toISOString() : null,
        endsAt: v.endsAt ? new Date(`${v.endsAt}T00:00:00Z`).toISOString() : null,
    };
}

/** The design for a live estimate: a code and name stand in while the marketer has not typed them. */
export function estimateDesignOf(v: DesignValues, digits: number): CampaignDesignBody | null {
    if (!v.categoryCode || v.steps.length === 0) return null;
    const design = designOf(v, digits);
    return { ...design, code: design.code || 'ESTIMATE', name: design.name || 'estimate' };
}

/** An SMS alpha name (Latin letters, digits, `. - _` and space, up to 11), as the API accepts it. */
const ALPHA_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}$/;
/** An email From: a bare address, or `Name <address>`. */
const EMAIL_FROM = /^([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+|[^<>\r\n]{1,40} <[^<>\s@]+@[^<>\s@]+>)$/;

/** Whether `value` is a sender name the API takes (empty: none, the provider's). */
export function validSenderName(value: string): boolean {
    const name = value.trim();
    return name === '' || ALPHA_NAME.test(name) || EMAIL_FROM.test(name);
}

/** The form field an API error's path names (`offer.giftAmount` → `giftAmount`), or null. */
export function fieldOf(path: string): string | null {
    const step = /^cascade\.steps\[(\d+)\]\.waitMinutes$/.exec(path);
    if (step) return `steps.${step[1]}.waitHours`;
    if (path.startsWith('cascade') || path.startsWith('channels')) return 'steps';
    if (path.startsWith('filters.regular.')) {
        const key = path.slice('filters.regular.'.length);
        return key === 'activeDays'
            ? 'regularActiveDays'
            : key === 'minPurchases'
              ? 'regularMinPurchases'
              : null;
    }
    const expected = /^expected\.(conversionPct|upliftPct|dailySize)$/.exec(path);
    if (expected) return `expected${expected[1][0].toUpperCase()}${expected[1].slice(1)}`;
    const last = path.replace(/^(offer|filters)\./, '');
    if (last === 'kind') return 'offerKind';
    if (last === 'audience') return 'regular';
    return last in NEW_DESIGN ? last : null;
}
