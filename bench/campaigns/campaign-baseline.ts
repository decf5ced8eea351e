import { hashBucket } from '../../plugin/modules/campaigns/stats/assignment.rules.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import type { Refill } from '../../plugin/index.js';
import type { Campaign } from '../../plugin/modules/campaigns/entities/campaign.entity.js';
import { chainDay, chainDayStart } from '../../plugin/modules/catalog/rules/category-stats.rules.js';
import { refillInternals } from '../../plugin/testing.js';
import { MS_PER_DAY as DAY_MS } from '../../plugin/kernel/units/time.js';

/**
 * The hand-written baseline of one campaign's daily selection: one query
 * that does the range on `(category_id, last_at)` and every eligibility rule
 * (card kind, consent with contact, running offer of the category, cooldown,
 * already a member) in SQL, and a plain loop for the rhythm rule (median
 * interval of the stored purchase days), which SQL cannot express
 * reasonably over a comma-separated list. Days are chain days (the local
 * dates in the chain's timezone), as Refill keeps them. Returns the eligible
 * customer ids.
 */
export async function baselineSelect(refill: Refill, campaign: Campaign, now: Date): Promise<number[]> {
    const category = (await refillInternals(refill).services.catalog.categories()).find(
        (c) => c.id === campaign.categoryId,
    )!;
    const zone = refillInternals(refill).config.timezone;
    const today = chainDay(now, zone);
    const lapseAfter = category.lapseAfterDays ?? Math.max(30, 2 * (category.refillIntervalDays ?? 30));
    const minPurchases = category.minPurchases ?? 3;
    const rows = await refillInternals(refill).database.all<{ customer_id: unknown; recent_days: string }>(
        `SELECT s.customer_id, s.recent_days
         FROM refill_customer_category_stats s
         JOIN refill_customers c ON c.id = s.customer_id
         WHERE s.category_id = ? AND s.last_at >= ? AND s.last_at < ? AND c.card_kind = 'regular'
           AND EXISTS (SELECT 1 FROM refill_customer_consents k WHERE k.customer_id = s.customer_id AND k.granted = ?
                       AND ((k.channel = 'sms' AND c.phone IS NOT NULL) OR (k.channel = 'email' AND c.email IS NOT NULL)))
           AND NOT EXISTS (SELECT 1 FROM refill_offers o WHERE o.customer_id = s.customer_id
                       AND (o.created_at >= ? OR (o.category_id = ? AND o.status = 'active' AND o.ends_at > ?)))
           AND NOT EXISTS (SELECT 1 FROM refill_campaign_members m WHERE m.campaign_id = ? AND m.customer_id = s.customer_id)`,
        [
            category.id,
            toDbTime(chainDayStart(today - 364, zone)),
            toDbTime(chainDayStart(today - lapseAfter + 1, zone)),
            true,
            toDbTime(new Date(now.getTime() - campaign.cooldownDays * DAY_MS)),
            category.id,
            toDbTime(now),
            campaign.id,
        ],
    );
    const out: number[] = [];
    for (const r of rows) {
        const days = r.recent_days
            .split(',')
            .map(Number)
            .filter((d) => d > today - 365 && d <= today)
            .sort((a, b) => a - b);
        if (days.length < minPurchases) continue;
        const since = today - days[days.length - 1];
        if (since < lapseAfter) continue;
        const gaps = days
            .slice(1)
            .map((d, i) => d - days[i])
            .sort((a, b) => a - b);
        const mid = gaps.length >> 1;
        const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
        if (since * 100 <= median * campaign.lapseKPct) continue;
        out.push(Number(r.customer_id));
    }
    return out;
}

/** The baseline full run: the selection, then members of both groups and the test group's offers, 2,000 per transaction. */
export async function baselineRun(
    refill: Refill,
    campaign: Campaign,
    now: Date,
    day: string,
): Promise<number> {
    const ids = await baselineSelect(refill, campaign, now);
    const t = toDbTime(now);
    const windowEnds = toDbTime(
        new Date(now.getTime() + (campaign.offerValidDays + campaign.settlementLagDays) * DAY_MS),
    );
    const offerEnds = toDbTime(new Date(now.getTime() + campaign.offerValidDays * DAY_MS));
    for (const page of sqlDialect.chunks(ids, 2000)) {
        const members = page.map((id) => {
            const bucket = hashBucket(campaign.salt, id);
            return { id, bucket, test: bucket >= campaign.controlShareBp };
        });
        const test = members.filter((m) => m.test).map((m) => m.id);
        await refillInternals(refill).database.transaction(async (tx) => {
            for (const chunk of sqlDialect.chunks(members, 500))
                await tx.run(
                    `INSERT INTO refill_campaign_members (campaign_id, customer_id, group_name, bucket, segment, assigned_at, assignment_day, window_ends_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 8)}`,
                    chunk.flatMap((m) => [
                        campaign.id,
                        m.id,
                        m.test ? 'test' : 'control',
                        m.bucket,
                        'lapsed',
                        t,
                        day,
                        windowEnds,
                    ]),
                );
            for (const chunk of sqlDialect.chunks(test, 500)) {
                await tx.run(
                    `INSERT INTO refill_offers (customer_id, campaign_id, category_id, kind, multiplier, bonus_lifetime_days, starts_at, ends_at, status, created_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 10)}`,
                    chunk.flatMap((id) => [
                        id,
                        campaign.id,
                        campaign.categoryId,
                        campaign.offerKind,
                        campaign.multiplier,
                        campaign.offerBonusLifetimeDays,
                        t,
                        offerEnds,
                        'active',
                        t,
                    ]),
                );
                await tx.run(
                    `UPDATE refill_customers SET offers_until = ? WHERE id IN (${sqlDialect.inList(chunk.length)}) AND (offers_until IS NULL OR offers_until < ?)`,
                    [offerEnds, ...chunk, offerEnds],
                );
            }
        });
    }
    return ids.length;
}
