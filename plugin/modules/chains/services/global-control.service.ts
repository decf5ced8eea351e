import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { basisPointsToFraction } from '../../../kernel/units/shares.js';
import type { AuditRepository } from '../../admin/index.js';
import {
    compareMeans,
    GLOBAL_CONTROL_MAX_BP,
    GLOBAL_CONTROL_SETTING,
    inGlobalControl,
    parseGlobalControl,
    srmCheck,
    type GlobalControl,
    type Interval,
    type SrmResult,
    type UpliftResult,
} from '../../campaigns/index.js';
import type { ProgramRevenueQuery } from '../repositories/chain-report-program.query.js';

/** The global control group as the API shows it (never its seed). */
export interface GlobalControlView {
    /** Share of all customers held out of every marketing, basis points (0: off). */
    shareBp: number;
    /** The largest share allowed, basis points. */
    maxBp: number;
}

/** Revenue per customer of the global control group against everyone else, and what the program adds. */
export interface GlobalControlReport {
    generatedAt: string;
    range: { from: string; to: string };
    shareBp: number;
    /** Regular cards enrolled before `to`, per side. */
    sample: { control: number; others: number };
    /** The observed split against the configured share. */
    srm: SrmResult;
    /** Revenue per customer in the range, everyone else (`test`) against the control group; null while a side is empty. */
    revenuePerCustomer: UpliftResult | null;
    /** (mean of others − mean of control) × others, with the 95% interval: the program's incremental revenue. */
    incrementalRevenue: Interval | null;
    /** The unit of every figure, by JSON path. */
    units: Record<string, string>;
}

/** What the service reads and writes through. */
export interface GlobalControlPorts {
    audit: Pick<AuditRepository, 'append'>;
    settings: Pick<SettingRepository, 'get' | 'getOrCreate' | 'set'>;
    revenue: ProgramRevenueQuery;
}

/** Customers read per page of the report. */
const PAGE = 2000;

/**
 * The program's global control group: its share (audited; the seed is made
 * once, on first use, and kept, so raising the share only moves more
 * customers in) and its report: revenue per customer of the control group
 * against everyone else over a period, with the 95% interval, scaled to the
 * program's incremental revenue.
 */
export class GlobalControlService {
    constructor(
        private readonly db: Database,
        private readonly repos: GlobalControlPorts,
        private readonly clock: Clock,
    ) {}

    /** The current share (0 when never set). */
    async get(): Promise<GlobalControlView> {
        const control = parseGlobalControl(await this.repos.settings.get(GLOBAL_CONTROL_SETTING));
        return { shareBp: control?.shareBp ?? 0, maxBp: GLOBAL_CONTROL_MAX_BP };
    }

    /** Sets the share (0 turns it off); the seed is kept, or made the first time. */
    async set(shareBp: number, actor: string): Promise<GlobalControlView> {
        if (!Number.isInteger(shareBp) || shareBp < 0 || shareBp > GLOBAL_CONTROL_MAX_BP)
            throw new RangeError(
                `shareBp must be an integer in [0, ${GLOBAL_CONTROL_MAX_BP}], got ${shareBp}`,
            );
        // First use: the seed row, committed on its own (first writer wins), so racing
        // first settings lock one existing row instead of deadlocking on its gap.
        const off: GlobalControl = { seed: newSeed(), shareBp: 0 };
        await this.repos.settings.getOrCreate(GLOBAL_CONTROL_SETTING, JSON.stringify(off), this.clock());
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            const current = await lockedControl(tx);
            const next: GlobalControl = { seed: current.seed, shareBp };
            await this.repos.settings.set(GLOBAL_CONTROL_SETTING, JSON.stringify(next), now, tx);
            await this.repos.audit.append(
                tx,
                {
                    actor,
                    action: 'program.global_control',
                    entityType: 'program',
                    entityId: 'global_control',
                    details: { from: current.shareBp, to: shareBp },
                },
                now,
            );
        });
        return this.get();
    }

    /** Revenue per customer in [`from`, `to`): the control group against everyone else. */
    async report(from: Date, to: Date): Promise<GlobalControlReport> {
        const control = parseGlobalControl(await this.repos.settings.get(GLOBAL_CONTROL_SETTING));
        const sums = { control: { n: 0, sum: 0, sumSquares: 0 }, others: { n: 0, sum: 0, sumSquares: 0 } };
        for (let after = 0; ;) {
            const page = await this.repos.revenue.page(after, PAGE, to, from, to);
            for (const c of page) {
                const side = inGlobalControl(control, c.customerId) ? sums.control : sums.others;
                side.n++;
                side.sum += c.revenue;
                side.sumSquares += c.revenue * c.revenue;
            }
            if (page.length < PAGE) break;
            after = page[page.length - 1].customerId;
        }
        const shareBp = control?.shareBp ?? 0;
        const comparable = sums.control.n > 0 && sums.others.n > 0;
        const revenuePerCustomer = comparable ? compareMeans(sums.others, sums.control) : null;
        const abs = revenuePerCustomer?.absolute;
        const n = sums.others.n;
        return {
            generatedAt: this.clock().toISOString(),
            range: { from: from.toISOString(), to: to.toISOString() },
            shareBp,
            sample: { control: sums.control.n, others: n },
            srm: srmCheck({ test: n, control: sums.control.n }, basisPointsToFraction(shareBp)),
            revenuePerCustomer,
            incrementalRevenue: abs
                ? {
                      estimate: abs.estimate * n,
                      ciLow: abs.ciLow === null ? null : abs.ciLow * n,
                      ciHigh: abs.ciHigh === null ? null : abs.ciHigh * n,
                  }
                : null,
            units: {
                'sample.*': 'customers',
                'revenuePerCustomer.*.mean': 'minor currency units per customer',
                'revenuePerCustomer.absolute.*': 'minor currency units per customer',
                'revenuePerCustomer.relative.*': 'ratio (0.5 = +50%)',
                'incrementalRevenue.*': 'minor currency units (integer cents/kopecks; 100 = 1.00)',
                shareBp: 'basis points (100 = 1%)',
            },
        };
    }
}

/** The stored control, locked for the change (the row exists: {@link GlobalControlService.set} made it). */
async function lockedControl(tx: SqlExecutor): Promise<GlobalControl> {
    const [row] = await tx.all<{ value: string }>(
        `SELECT value FROM refill_settings WHERE name = ?${sqlDialect.forUpdate(tx.dialect)}`,
        [GLOBAL_CONTROL_SETTING],
    );
    return parseGlobalControl(row?.value ?? null) ?? { seed: newSeed(), shareBp: 0 };
}

/** A fresh seed for the group's hash. */
function newSeed(): string {
    return randomBytes(12).toString('hex');
}
