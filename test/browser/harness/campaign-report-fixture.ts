import { campaignMoney } from '../../../plugin/modules/campaigns/stats/money.stats.js';
import { proportionSums, type GroupSums } from '../../../plugin/modules/campaigns/stats/group-sums.js';
import { dailySeries, type DayGroupSums } from '../../../plugin/modules/campaigns/stats/series.stats.js';
import { srmCheck } from '../../../plugin/modules/campaigns/stats/srm.stats.js';
import { compareMeans, compareProportions } from '../../../plugin/modules/campaigns/stats/uplift.stats.js';

/*
 * A finished campaign's report with a real measured effect, for the browser
 * test of the report page until the demo chain ships one: ten assignment
 * days of a win-back with a 25% control group, the test group converting at
 * about 31% against 22%, each converter buying one or two packs of 900.00.
 * Every figure comes from the plugin's own statistics over these sums, so
 * the page reads what the report service would answer.
 */

const DAYS = 10;
const TEST_PER_DAY = 150;
const CONTROL_PER_DAY = 50;
const PACK = 90_000;
const MARGIN_BP = 3500;
const GIFT = 5_000;
const MESSAGE_COST = 120;

/** The day `offset` days before 2026-11-20, `YYYY-MM-DD`. */
function day(offset: number): string {
    return new Date(Date.parse('2026-11-20') - offset * 86_400_000).toISOString().slice(0, 10);
}

/** A group's day: `members` assigned, `converters` of them bought, alternately one and two packs. */
function groupDay(members: number, converters: number): DayGroupSums {
    const two = Math.floor(converters / 2);
    const one = converters - two;
    return {
        members,
        mature: members,
        converters,
        revenue: one * PACK + two * 2 * PACK,
        revenueSquares: one * PACK ** 2 + two * (2 * PACK) ** 2,
    };
}

/** Converters of day `i`: about 31% of the test group and 22% of the control group, varying a little. */
const testConverters = (i: number) => 44 + ((i * 7) % 5);
const controlConverters = (i: number) => 11 + ((i * 3) % 3);

/** The report JSON of `campaign` (the API's view of it), as `GET /campaigns/:id/report` answers. */
export function campaignReportFixture(campaign: Record<string, unknown>) {
    const days = Array.from({ length: DAYS }, (_, i) => ({
        day: day(DAYS - 1 - i),
        test: groupDay(TEST_PER_DAY, testConverters(i)),
        control: groupDay(CONTROL_PER_DAY, controlConverters(i)),
    }));
    const sum = (g: 'test' | 'control', k: keyof DayGroupSums) => days.reduce((a, d) => a + d[g][k], 0);
    const revenue = (g: 'test' | 'control'): GroupSums => ({
        n: sum(g, 'members'),
        sum: sum(g, 'revenue'),
        sumSquares: sum(g, 'revenueSquares'),
    });
    const conversion = compareProportions(
        proportionSums(sum('test', 'members'), sum('test', 'converters')),
        proportionSums(sum('control', 'members'), sum('control', 'converters')),
    );
    const revenuePerCustomer = compareMeans(revenue('test'), revenue('control'));
    const n = { test: sum('test', 'members'), control: sum('control', 'members') };
    const effects = { n, conversion, revenuePerCustomer };
    const kept = sum('test', 'converters') * GIFT;
    const money = {
        basis: 'mature',
        members: n,
        ...campaignMoney({
            revenue: revenuePerCustomer,
            conversion,
            testCount: n.test,
            marginBp: MARGIN_BP,
            bonusCost: kept,
            messageCost: n.test * MESSAGE_COST,
        }),
        offerBonusesIssued: kept,
        offerBonusesReversed: 0,
        offerBonusesKept: kept,
        redemptionRate: 1,
        margin: { rate: MARGIN_BP / 10_000, source: 'category', categoryCode: campaign.categoryCode },
    };
    const srm = srmCheck(n, 0.25);
    return {
        generatedAt: '2026-12-05T09:00:00.000Z',
        units: {},
        campaign: { ...campaign, status: 'finished' },
        design: {
            controlSharePct: 25,
            offer: campaign.offer,
            window: { offerValidDays: 14, settlementLagDays: 3, days: 17 },
            dates: { firstAssignmentDay: days[0].day, lastAssignmentDay: days[DAYS - 1].day },
            margin: money.margin,
            redemptionPct: 100,
        },
        health: { srm, srmFlaggedDays: [], maturity: 1, contaminatedControls: 0, warnings: [] },
        sample: {
            test: n.test,
            control: n.control,
            matureTest: n.test,
            matureControl: n.control,
            excluded: {},
            excludedCustomers: 0,
            excludedLaterAssigned: 0,
            excludedCustomerDays: {},
            days: [],
        },
        series: dailySeries(days),
        results: effects,
        provisional: effects,
        money,
        provisionalMoney: money,
    };
}

/** `GET /campaigns/:id/sends` of the fixture campaign: its released runs and its figures per channel. */
export function campaignSendsFixture() {
    return {
        batches: [],
        channels: [
            {
                channel: 'sms',
                sent: 1120,
                delivered: 1093,
                read: 0,
                failed: 27,
                held: 14,
                dropped: 3,
                failedByReason: { CHANNEL_REJECTED: 27 },
                segments: 2240,
                cost: 1120 * MESSAGE_COST,
            },
            {
                channel: 'email',
                sent: 380,
                delivered: 371,
                read: 122,
                failed: 9,
                held: 0,
                dropped: 0,
                failedByReason: { CHANNEL_REJECTED: 9 },
                segments: 0,
                cost: 0,
            },
        ],
    };
}

/** A page of the fixture campaign's members (`GET /campaigns/:id/members`), cards masked. */
export function campaignMembersFixture(page: number, pageSize: number, group?: string) {
    const total = group === 'test' ? 1500 : group === 'control' ? 500 : 2000;
    return {
        members: Array.from({ length: pageSize }, (_, i) => {
            const k = (page - 1) * pageSize + i;
            const g = group === 'test' || group === 'control' ? group : k % 4 === 0 ? 'control' : 'test';
            return {
                customerId: 10_000 + k,
                card: `****${String(4000 + k).slice(-4)}`,
                group: g,
                assignmentDay: day(k % DAYS),
                assignedAt: `${day(k % DAYS)}T06:00:00.000Z`,
                windowEndsAt: `${day((k % DAYS) - 17)}T06:00:00.000Z`,
                mature: true,
                converted: k % 3 === 0,
                revenueInWindow: k % 3 === 0 ? PACK : 0,
                offerUsed: g === 'control' ? null : k % 3 === 0,
            };
        }),
        page,
        pageSize,
        total,
    };
}
