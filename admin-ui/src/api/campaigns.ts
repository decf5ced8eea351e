import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** One campaign of the list, with its running figures. */
export type CampaignOverviewItem = Schemas['CampaignOverviewItem'];

/** The list's answer: the campaigns and how many still wait for their first figures. */
export interface CampaignOverview {
    campaigns: CampaignOverviewItem[];
    pending: number;
}

/** A cascade channel. */
export type CampaignChannel = 'sms' | 'email' | 'push' | 'telegram' | 'viber' | 'whatsapp';

/** A campaign design as `POST /campaigns` and `POST /campaigns/estimate` take it (percent, minor units). */
export interface CampaignDesignBody {
    code: string;
    name: string;
    categoryCode: string;
    audience: 'lapsed' | 'lapsed+regular';
    lapseKPct: number;
    controlSharePct: number;
    offer: {
        kind: 'multiplier' | 'gift';
        multiplier?: number;
        giftAmount?: number;
        minAmount?: number;
        validDays: number;
        bonusLifetimeDays: number;
    };
    settlementLagDays: number;
    cooldownDays: number;
    dailyCap: number | null;
    /** Spend (its messages' cost, minor units) at which sending stops; null: no cap. */
    budgetCap?: number | null;
    /** The campaign's own sender (SMS alpha name or email From); null: the provider's. */
    senderName?: string | null;
    channels: CampaignChannel[];
    cascade: { steps: Array<{ channel: CampaignChannel; waitMinutes: number }> } | null;
    filters: {
        minAverageReceipt?: number;
        minRevenue12m?: number;
        minPurchaseCount?: number;
        regular?: { activeDays: number; minPurchases: number };
    };
    expected?: { conversionPct?: number | null; upliftPct?: number | null; dailySize?: number | null };
    startsAt: string | null;
    endsAt: string | null;
}

/** A saved campaign as `GET /campaigns/:id` answers it (the fields the editor reads; no schema yet). */
export type CampaignView = CampaignDesignBody & {
    id: number;
    status: string;
    sends: { killed: boolean; testCards: string[] | null };
    /** The budget cap (minor units) and when sending stopped at it. */
    budget?: { cap: number | null; reachedAt: string | null };
    senderName?: string | null;
};

/** When a campaign day's messages go out at the provider's rate (the plan's `sending`). */
export interface SendingPlan {
    /** The test group of an average day. */
    recipients: number;
    channel: string | null;
    /** Null: the provider has no limit (everything goes at the window's opening). */
    messagesPerMinute: number | null;
    firstSendAt: string | null;
    lastSendAt: string | null;
    /** Whether the last message still goes inside the day's sending window. */
    fitsWindow: boolean;
}

/** A category as the select lists it. */
export interface CategoryOption {
    code: string;
    name: string;
    chronic: boolean;
}

/** Three values, one per forecast scenario. */
export interface Scenarios {
    pessimistic: number;
    neutral: number;
    optimistic: number;
}

/**
 * The live estimate of a design (`POST /campaigns/estimate`; the plan of a
 * saved campaign has the same figures without `steps`, `testMembers`,
 * `bonusPerConverter` and `bill`). Money in minor units, uplifts as fractions.
 */
export interface CampaignEstimate {
    units: Record<string, string>;
    dryRun: {
        eligible: number;
        lapsed: number;
        candidates: number;
        alreadyMembers: number;
        skipped: string | null;
        exclusions: Record<string, number>;
        reachable: Record<string, number>;
        firstReachable?: Record<string, number>;
    };
    plannedSize: { total: number; days: number; today: number; basis: string };
    controlSharePct: number;
    baselineConversionPct: number;
    baselineSource: string;
    mde: { absolute: number; relative: number | null; absolutePp: number } | null;
    revenueMde: { absolute: number; baselineMean: number } | null;
    forecast: {
        basis: string;
        count: number;
        pessimistic: { absoluteUplift: number };
        neutral: { absoluteUplift: number };
        optimistic: { absoluteUplift: number };
        incrementalConverters: Scenarios;
    } | null;
    warnings: string[];
    /** A day's sending (null or absent: messaging is not wired). */
    sending?: SendingPlan | null;
    steps: Schemas['EstimateStep'][];
    testMembers: number;
    bonusPerConverter: number;
    bill: {
        messages: Schemas['BillLine'][];
        messageCost: number;
        converters: Scenarios;
        bonusCost: Scenarios;
        total: Scenarios;
    };
}

/** A step's rendered message. */
export type MessagePreview = Schemas['MessagePreview'];

/** Query keys of the campaign list and editor. */
export const campaignKeys = {
    all: ['campaigns'] as const,
    overview: () => [...campaignKeys.all, 'overview'] as const,
    one: (id: number) => [...campaignKeys.all, id] as const,
    estimate: (body: unknown) => [...campaignKeys.all, 'estimate', body] as const,
    categories: ['categories', 'options'] as const,
};

/** Every campaign with its figures; asks again every 3 s while some are still being computed. */
export function useCampaignOverview() {
    return useQuery({
        queryKey: campaignKeys.overview(),
        queryFn: () => call(api.GET('/campaigns/overview')) as Promise<CampaignOverview>,
        refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 3000 : false),
    });
}

/** One saved campaign (`GET /campaigns/:id`). */
export function useCampaign(id: number | null) {
    return useQuery({
        queryKey: campaignKeys.one(id ?? 0),
        enabled: id !== null,
        queryFn: async () =>
            (
                (await call(api.GET('/campaigns/{id}', { params: { path: { id: id as number } } }))) as {
                    campaign: CampaignView;
                }
            ).campaign,
    });
}

/** The chronic categories a campaign may target. */
export function useCategoryOptions() {
    return useQuery({
        queryKey: campaignKeys.categories,
        queryFn: async () =>
            (
                (await call(api.GET('/categories', { params: { query: { reach: false } as never } }))) as {
                    categories: CategoryOption[];
                }
            ).categories.filter((c) => c.chronic),
    });
}

function estimate(body: CampaignDesignBody & { campaignId?: number }): Promise<CampaignEstimate> {
    return call(api.POST('/campaigns/estimate', { body: body as never })).then(
        (r) => r.estimate as unknown as CampaignEstimate,
    );
}

/**
 * The live estimate of `body` (already debounced by the caller); null
 * disables it. The last estimate stays shown while the next one loads.
 */
export function useCampaignEstimate(body: (CampaignDesignBody & { campaignId?: number }) | null) {
    return useQuery({
        queryKey: campaignKeys.estimate(body),
        enabled: body !== null,
        queryFn: () => estimate(body as CampaignDesignBody),
        placeholderData: keepPreviousData,
        retry: false,
    });
}

/** A step's message for a real customer (`POST /campaigns/preview-message`). */
export function usePreviewMessage() {
    return useMutation({
        mutationFn: (ask: {
            design: CampaignDesignBody;
            campaignId?: number;
            channel: CampaignChannel;
            card?: string;
        }) => call(api.POST('/campaigns/preview-message', { body: ask as never })).then((r) => r.preview),
    });
}

/** Sends a step's message to one of the campaign's test cards (audited). */
export function useTestSend(id: number) {
    return useMutation({
        mutationFn: (ask: { channel: CampaignChannel; card: string }) =>
            call(api.POST('/campaigns/{id}/test-send', { params: { path: { id } }, body: ask })),
    });
}

/** Saves a design: a new draft, or the changes to a saved campaign. */
export function useSaveCampaign(id: number | null) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async (design: CampaignDesignBody): Promise<CampaignView> => {
            const answer =
                id === null
                    ? await call(api.POST('/campaigns', { body: design as never }))
                    : await call(
                          api.PATCH('/campaigns/{id}', {
                              params: { path: { id } },
                              body: design as never,
                          }),
                      );
            return (answer as { campaign: CampaignView }).campaign;
        },
        onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
    });
}
