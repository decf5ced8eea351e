import type { Database } from '../../plugin/kernel/db/database.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';

/** Customers per seeding statement. */
const CHUNK = 100_000;

/**
 * Loads `customers` synthetic customers straight into `refill_customers`
 * (setup, not measured): purchase counts 0–12 and last purchases spread
 * over the 400 days before `now`, drawn from the customer's number by
 * integer hashing so both engines get the same rows. MariaDB generates the
 * numbers with its sequence engine, SQLite with a recursive CTE.
 */
export async function seedLifecycleCustomers(db: Database, customers: number, now: Date): Promise<number> {
    const at = toDbTime(now);
    for (let lo = 0; lo < customers; lo += CHUNK) {
        const hi = Math.min(customers, lo + CHUNK);
        // count = n·7919 mod 13 (a customer with 0 has no last purchase); last = now − (n·104729 mod 34,560,000) s.
        if (db.dialect === 'mysql')
            await db.run(
                `INSERT INTO refill_customers (card_number, purchase_count, first_purchase_at, last_purchase_at, enrolled_at, updated_at)
                 SELECT CONCAT('LC', LPAD(seq, 10, '0')),
                        (seq * 7919) % 13,
                        IF((seq * 7919) % 13 = 0, NULL, TIMESTAMPADD(SECOND, -((seq * 104729) % 34560000) - 86400, ?)),
                        IF((seq * 7919) % 13 = 0, NULL, TIMESTAMPADD(SECOND, -((seq * 104729) % 34560000), ?)),
                        ?, ?
                   FROM seq_${lo + 1}_to_${hi}`,
                [at, at, at, at],
            );
        else
            await db.run(
                `WITH RECURSIVE n(seq) AS (SELECT ? UNION ALL SELECT seq + 1 FROM n WHERE seq < ?)
                 INSERT INTO refill_customers (card_number, purchase_count, first_purchase_at, last_purchase_at, enrolled_at, updated_at)
                 SELECT 'LC' || substr('0000000000' || seq, -10),
                        (seq * 7919) % 13,
                        CASE WHEN (seq * 7919) % 13 = 0 THEN NULL
                             ELSE strftime('%Y-%m-%d %H:%M:%f', ?, '-' || ((seq * 104729) % 34560000 + 86400) || ' seconds') END,
                        CASE WHEN (seq * 7919) % 13 = 0 THEN NULL
                             ELSE strftime('%Y-%m-%d %H:%M:%f', ?, '-' || ((seq * 104729) % 34560000) || ' seconds') END,
                        ?, ?
                   FROM n`,
                [lo + 1, hi, at, at, at, at],
            );
    }
    const [row] = await db.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM refill_customers');
    return Number(row.n);
}

/** Forgets every classification (between the sides). */
export async function resetLifecycle(db: Database): Promise<void> {
    for (const table of ['refill_customer_lifecycle', 'refill_lifecycle_transitions', 'refill_segment_sizes'])
        await db.run(db.dialect === 'mysql' ? `TRUNCATE TABLE ${table}` : `DELETE FROM ${table}`);
    await db.run(`DELETE FROM refill_settings WHERE name = 'segments.lifecycle.run'`);
}

/** What a side left: customers per segment and transitions per (from, to), as one comparable string. */
export async function lifecycleFingerprint(db: Database): Promise<string> {
    const segments = await db.all<{ segment: string; n: unknown }>(
        'SELECT segment, COUNT(*) AS n FROM refill_customer_lifecycle GROUP BY segment ORDER BY segment',
    );
    const moves = await db.all<{ f: string | null; t: string; d: string; n: unknown }>(
        `SELECT from_segment AS f, to_segment AS t, day AS d, COUNT(*) AS n FROM refill_lifecycle_transitions
          GROUP BY from_segment, to_segment, day ORDER BY day, from_segment, to_segment`,
    );
    const sizes = await db.all<{ day: string; k: string; size: unknown }>(
        'SELECT day, segment_key AS k, size FROM refill_segment_sizes ORDER BY day, segment_key',
    );
    return JSON.stringify({
        segments: segments.map((s) => [s.segment, Number(s.n)]),
        moves: moves.map((m) => [m.d, m.f, m.t, Number(m.n)]),
        sizes: sizes.map((s) => [s.day, s.k, Number(s.size)]),
    });
}
