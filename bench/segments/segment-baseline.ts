import type { Database } from '../../plugin/kernel/db/database.js';
import { LIFECYCLE_SEGMENTS } from '../../plugin/kernel/vocabulary/lifecycle-segments.js';
import type { LifecycleThresholds } from '../../plugin/modules/segments/rules/lifecycle.rules.js';

/**
 * The daily classification as hand-written SQL, the benchmark's baseline:
 * one INSERT … SELECT of the day's transitions, one INSERT … SELECT … upsert
 * of every customer's segment (a CASE over the same rules), both in one
 * transaction, then the sizes from one GROUP BY. The chain's zone must have
 * a fixed offset (`offsetHours`): the local day of a purchase is the date of
 * its UTC time plus the offset.
 */
export async function baselineClassify(
    db: Database,
    day: string,
    t: LifecycleThresholds,
    offsetHours: number,
): Promise<void> {
    const mysql = db.dialect === 'mysql';
    // d: days since the last purchase, chain-local.
    const d = mysql
        ? `DATEDIFF('${day}', DATE(c.last_purchase_at + INTERVAL ${offsetHours} HOUR))`
        : `CAST(julianday('${day}') - julianday(date(c.last_purchase_at, '+${offsetHours} hours')) AS INTEGER)`;
    const sinceDays = mysql
        ? `DATEDIFF('${day}', l.since_day)`
        : `CAST(julianday('${day}') - julianday(l.since_day) AS INTEGER)`;
    const segment = `CASE
        WHEN c.purchase_count <= 0 OR c.last_purchase_at IS NULL THEN 'enrolled'
        WHEN ${d} >= ${t.churnedAfterDays} THEN 'churned'
        WHEN ${d} >= ${t.sleepingAfterDays} THEN 'sleeping'
        WHEN l.segment IN ('sleeping', 'churned') THEN 'won_back'
        WHEN l.segment = 'won_back' AND ${sinceDays} < ${t.wonBackDays} THEN 'won_back'
        WHEN c.purchase_count = 1 THEN 'new'
        WHEN c.purchase_count >= 4 AND ${d} <= ${t.regularWithinDays} THEN 'regular'
        ELSE 'developing' END`;
    const from = `FROM refill_customers c LEFT JOIN refill_customer_lifecycle l ON l.customer_id = c.id
        WHERE (l.classified_day IS NULL OR l.classified_day < '${day}')`;
    const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
    await db.transaction(async (tx) => {
        await tx.run(
            `INSERT INTO refill_lifecycle_transitions (customer_id, from_segment, to_segment, day)
             SELECT id, old, seg, '${day}' FROM (
                 SELECT c.id, l.segment AS old, ${segment} AS seg ${from}
             ) x WHERE old IS NULL OR old <> seg`,
        );
        await tx.run(
            `INSERT INTO refill_customer_lifecycle (customer_id, segment, since_day, classified_day, updated_at)
             SELECT id, seg, '${day}', '${day}', '${now}' FROM (SELECT c.id, ${segment} AS seg ${from}) x WHERE 1 = 1` +
                (mysql
                    ? ` ON DUPLICATE KEY UPDATE
                        since_day = IF(segment = VALUES(segment), since_day, VALUES(since_day)),
                        segment = VALUES(segment), classified_day = VALUES(classified_day), updated_at = VALUES(updated_at)`
                    : ` ON CONFLICT (customer_id) DO UPDATE SET
                        since_day = CASE WHEN segment = excluded.segment THEN since_day ELSE excluded.since_day END,
                        segment = excluded.segment, classified_day = excluded.classified_day, updated_at = excluded.updated_at`),
        );
    });
    const counts = await db.all<{ segment: string; n: unknown }>(
        'SELECT segment, COUNT(*) AS n FROM refill_customer_lifecycle GROUP BY segment',
    );
    const size = new Map(counts.map((c) => [c.segment, Number(c.n)]));
    await db.transaction(async (tx) => {
        for (const s of LIFECYCLE_SEGMENTS)
            await tx.run(
                `INSERT INTO refill_segment_sizes (day, segment_key, size) VALUES (?, ?, ?)` +
                    (mysql
                        ? ' ON DUPLICATE KEY UPDATE size = VALUES(size)'
                        : ' ON CONFLICT (day, segment_key) DO UPDATE SET size = excluded.size'),
                [day, s, size.get(s) ?? 0],
            );
    });
}
