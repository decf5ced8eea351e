import type { CampaignDesign } from '../modules/campaigns/index.js';
import type { RefillOptions } from '../config/refill-options.js';
import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';
import { DEMO_CHRONIC_GROUPS } from './demo-chronic-groups.js';
import type { DemoChronicGroup } from './demo-catalog.types.js';
import { backdatedRefill, playDemoCampaign, type DemoCampaignScript } from './demo-campaign-run.js';
import { demoWinbackCohort } from './demo-winback-cohort.js';

/** How the demo's campaigns are seeded. */
export interface DemoCampaignsOptions {
    /** Seed of the cohorts, the salts and the members' behaviour. */
    seed: number;
    /** The messaging options the server runs with (the demo's sends go the same way). */
    messaging?: RefillOptions['messaging'];
}

/** What {@link seedDemoCampaigns} made. */
export interface DemoCampaignsSummary {
    /** Id of the finished campaign. */
    finished: number;
    /** Id of the running campaign. */
    running: number;
    /** Customers of the campaigns' cohorts imported. */
    cohortCustomers: number;
    /** Cohort records the importer rejected (none, unless the importer and the generator disagree). */
    rejected: number;
}

/** What the demo's campaigns are and how their members behave. */
export const DEMO_CAMPAIGNS = {
    /** The finished win-back: ran for four weeks ten weeks ago. */
    finished: {
        code: 'DEMO-WINBACK-C09',
        group: 'C09',
        cohort: 500,
        startDaysAgo: 70,
        runDays: 28,
        /** Share of members who buy the group again inside the window: offer and reminders vs nothing. */
        returns: { test: 0.32, control: 0.12 },
    },
    /** The running win-back: launched ten days ago, no end date. */
    running: {
        code: 'DEMO-WINBACK-C10AA',
        group: 'C10AA',
        cohort: 100,
        startDaysAgo: 10,
        returns: { test: 0.3, control: 0.12 },
    },
} as const;

/** The offset of the cohorts' seeds from the chain's (each cohort has its own card range). */
const COHORT_SEED = 900;

function group(code: string): DemoChronicGroup {
    return DEMO_CHRONIC_GROUPS.find((g) => g.code === code) as DemoChronicGroup;
}

function design(
    code: string,
    name: string,
    categoryCode: string,
    over: Partial<CampaignDesign>,
): CampaignDesign {
    return {
        code,
        name,
        categoryCode,
        audience: 'lapsed',
        lapseKPct: 150,
        controlSharePct: 20,
        allowZeroControl: false,
        offer: { kind: 'multiplier', multiplier: 3, validDays: 14, bonusLifetimeDays: 30 },
        settlementLagDays: 3,
        cooldownDays: 90,
        dailyCap: null,
        channels: ['sms'],
        filters: {},
        marginPct: 30,
        redemptionPct: 80,
        expected: { conversionPct: 12, upliftPct: 10 },
        runHour: 10,
        startsAt: null,
        endsAt: null,
        ...over,
    };
}

/**
 * The demo's campaigns, so every marketer page is filled on the first
 * start: a finished chronic-lapse win-back of antihypertensives whose report
 * has closed windows and a measured effect, and a running one of statins.
 * Each gets a cohort of buyers who lapse during its run (imported as
 * history), then plays day by day on a backdated clock through the real
 * services: launch, daily selection and assignment, offers, reminders
 * through the send guard and the dispatcher into the outbox, and the
 * returning members' purchases at the tills' hook, drawn from
 * {@link DEMO_CAMPAIGNS}' return rates. The report computes everything.
 * Run it once, after the chain and before the recent sales. Returns the ids.
 */
export async function seedDemoCampaigns(
    refill: Refill,
    options: DemoCampaignsOptions,
): Promise<DemoCampaignsSummary> {
    const { services, clock } = refillInternals(refill);
    const now = clock().getTime();
    const f = DEMO_CAMPAIGNS.finished;
    const r = DEMO_CAMPAIGNS.running;
    const lastSelection = f.startDaysAgo - f.runDays + 1;
    const imported = await services.history.importRecords(
        (function* () {
            yield* demoWinbackCohort({
                seed: COHORT_SEED + options.seed,
                customers: f.cohort,
                group: group(f.group),
                lapseDaysAgo: [f.startDaysAgo, lastSelection],
                now: new Date(now),
            });
            yield* demoWinbackCohort({
                seed: COHORT_SEED + options.seed + 1,
                customers: r.cohort,
                group: group(r.group),
                lapseDaysAgo: [r.startDaysAgo, 1],
                now: new Date(now),
            });
        })(),
        { batchSize: 1000 },
    );
    const shadow = backdatedRefill(refill, options.messaging);
    const windowDays = 14 + 3;
    const finished: DemoCampaignScript = {
        design: design(f.code, 'Win back antihypertensives (spring)', f.group, {}),
        group: group(f.group),
        startDaysAgo: f.startDaysAgo,
        runDays: f.runDays,
        // Until every window has closed and the scheduler has finished the campaign.
        untilDaysAgo: lastSelection - windowDays - 2,
        returns: f.returns,
        seed: options.seed,
    };
    const running: DemoCampaignScript = {
        design: design(r.code, 'Win back statins', r.group, {}),
        group: group(r.group),
        startDaysAgo: r.startDaysAgo,
        runDays: null,
        untilDaysAgo: 1,
        returns: r.returns,
        seed: options.seed,
    };
    return {
        finished: await playDemoCampaign(shadow, finished, now),
        running: await playDemoCampaign(shadow, running, now),
        cohortCustomers: imported.customersImported,
        rejected: imported.rejected,
    };
}
