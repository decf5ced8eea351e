import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { Row, SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Campaign, CampaignStatus } from '../entities/campaign.entity.js';
import { bool, numOrNull } from '../../../kernel/db/row-mappers.js';

/** A campaign's fields that can be written (id and timestamps are Refill's). */
export type CampaignFields = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt' | 'category'>;

/** Property → column, in one place for the insert, the update and the mapper. */
const COLUMN_OF: Record<keyof CampaignFields, string> = {
    code: 'code',
    name: 'name',
    categoryId: 'category_id',
    status: 'status',
    audience: 'audience',
    lapseKPct: 'lapse_k_pct',
    controlShareBp: 'control_share_bp',
    allowZeroControl: 'allow_zero_control',
    salt: 'salt',
    hashVersion: 'hash_version',
    offerKind: 'offer_kind',
    multiplier: 'multiplier',
    giftAmount: 'gift_amount',
    giftMinAmount: 'gift_min_amount',
    offerValidDays: 'offer_valid_days',
    offerBonusLifetimeDays: 'offer_bonus_lifetime_days',
    settlementLagDays: 'settlement_lag_days',
    cooldownDays: 'cooldown_days',
    dailyCap: 'daily_cap',
    channels: 'channels',
    filters: 'filters',
    cascade: 'cascade_design',
    testCards: 'test_cards',
    sendsKilled: 'sends_killed',
    launchedBy: 'launched_by',
    marginBp: 'margin_bp',
    redemptionBp: 'redemption_bp',
    expectedConversionBp: 'expected_conversion_bp',
    expectedUpliftBp: 'expected_uplift_bp',
    expectedDailySize: 'expected_daily_size',
    runHour: 'run_hour',
    startsAt: 'starts_at',
    endsAt: 'ends_at',
    launchedAt: 'launched_at',
    finishedAt: 'finished_at',
    createdBy: 'created_by',
};
const TIME_FIELDS = new Set(['startsAt', 'endsAt', 'launchedAt', 'finishedAt']);
const NULLABLE_NUMBERS = new Set([
    'multiplier',
    'giftAmount',
    'giftMinAmount',
    'dailyCap',
    'expectedConversionBp',
    'expectedUpliftBp',
    'expectedDailySize',
]);
const NUMBERS = new Set([
    'categoryId',
    'lapseKPct',
    'controlShareBp',
    'hashVersion',
    'offerValidDays',
    'offerBonusLifetimeDays',
    'settlementLagDays',
    'cooldownDays',
    'marginBp',
    'redemptionBp',
    'runHour',
]);
const FIELDS = Object.keys(COLUMN_OF) as Array<keyof CampaignFields>;
const SELECT = `SELECT id, ${FIELDS.map((f) => COLUMN_OF[f]).join(', ')}, created_at, updated_at FROM refill_campaigns`;

function param(field: keyof CampaignFields, value: unknown): unknown {
    if (TIME_FIELDS.has(field)) return value ? toDbTime(value as Date) : null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value ?? null;
}

/** Reads and writes `refill_campaigns`. */
export class CampaignRepository {
    constructor(private readonly db: Database) {}

    /** Inserts a campaign; returns its id. */
    async insert(tx: SqlExecutor, fields: CampaignFields, now: Date): Promise<number> {
        const cols = FIELDS.map((f) => COLUMN_OF[f]);
        const result = await tx.run(
            `INSERT INTO refill_campaigns (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`,
            [...FIELDS.map((f) => param(f, fields[f])), toDbTime(now), toDbTime(now)],
        );
        return result.insertId;
    }

    /** Updates the given fields. */
    async update(tx: SqlExecutor, id: number, patch: Partial<CampaignFields>, now: Date): Promise<void> {
        const fields = FIELDS.filter((f) => f in patch);
        await tx.run(
            `UPDATE refill_campaigns SET ${fields.map((f) => `${COLUMN_OF[f]} = ?, `).join('')}updated_at = ? WHERE id = ?`,
            [...fields.map((f) => param(f, patch[f])), toDbTime(now), id],
        );
    }

    /** One campaign, locked for update inside a transaction when `lock` is set (MySQL). */
    async find(exec: SqlExecutor | Database, id: number, lock = false): Promise<Campaign | null> {
        const forUpdate = lock && exec.dialect === 'mysql' ? ' FOR UPDATE' : '';
        const [row] = await exec.all(`${SELECT} WHERE id = ?${forUpdate}`, [id]);
        return row ? this.map(row) : null;
    }

    /** Whether a code is taken. */
    async codeTaken(exec: SqlExecutor | Database, code: string): Promise<boolean> {
        return (await exec.all(`SELECT id FROM refill_campaigns WHERE code = ?`, [code])).length > 0;
    }

    /** Every campaign (or those in the given states), newest first. */
    async list(exec: SqlExecutor | Database, statuses?: readonly CampaignStatus[]): Promise<Campaign[]> {
        const where = statuses?.length ? ` WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
        const rows = await exec.all(`${SELECT}${where} ORDER BY id DESC`, statuses ?? []);
        return rows.map((r) => this.map(r));
    }

    private map(r: Row): Campaign {
        const out: Record<string, unknown> = {
            id: Number(r.id),
            createdAt: this.db.time(r.created_at),
            updatedAt: this.db.time(r.updated_at),
        };
        for (const f of FIELDS) {
            const v = r[COLUMN_OF[f]];
            if (TIME_FIELDS.has(f)) out[f] = this.db.timeOrNull(v);
            else if (NULLABLE_NUMBERS.has(f)) out[f] = numOrNull(v);
            else if (f === 'allowZeroControl' || f === 'sendsKilled') out[f] = bool(v);
            else if (NUMBERS.has(f)) out[f] = Number(v);
            else out[f] = v ?? null;
        }
        return out as unknown as Campaign;
    }
}
