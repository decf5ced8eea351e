import { EntitySchema } from 'typeorm';
import type { Category } from '../../catalog/index.js';
import { bigInt, bool, int, intId, str, text, time } from '../../../kernel/db/entity-columns.js';

/** A campaign's lifecycle: draft → scheduled → active ⇄ paused → finished. */
export type CampaignStatus = 'draft' | 'scheduled' | 'active' | 'paused' | 'finished';

/**
 * A chronic-lapse campaign: which category it wins back, whom it selects
 * daily, how it splits them into test and control (frozen salt and share),
 * the offer the test group gets, and the economics its report uses.
 */
export interface Campaign {
    id: number;
    code: string;
    name: string;
    categoryId: number;
    status: CampaignStatus;
    /** `lapsed`, or `lapsed+regular` to add active customers who never buy the category. */
    audience: string;
    /** k × the customer's median interval, in percent (150 = 1.5). */
    lapseKPct: number;
    /** Control share in basis points (1000 = 10%). */
    controlShareBp: number;
    allowZeroControl: boolean;
    salt: string;
    hashVersion: number;
    offerKind: 'multiplier' | 'gift';
    multiplier: number | null;
    giftAmount: number | null;
    giftMinAmount: number | null;
    offerValidDays: number;
    offerBonusLifetimeDays: number;
    settlementLagDays: number;
    cooldownDays: number;
    dailyCap: number | null;
    /** Comma-separated channels (sms, email, telegram, push, viber, whatsapp). */
    channels: string;
    /** JSON of the reminder cascade: explicit steps and segments left out of messages; null = the defaults. */
    cascade: string | null;
    /** JSON list of card numbers: while set, the campaign's messages go only to these cards (test mode). */
    testCards: string | null;
    /** Kill switch: no message of the campaign is sent while set. */
    sendsKilled: boolean;
    /** Who launched it: a large send batch needs another admin's approval. */
    launchedBy: string | null;
    /** JSON of the economic filters and the regular-segment rule. */
    filters: string | null;
    marginBp: number;
    redemptionBp: number;
    expectedConversionBp: number | null;
    expectedUpliftBp: number | null;
    expectedDailySize: number | null;
    /** Local hour (chain timezone) of the daily selection. */
    runHour: number;
    startsAt: Date | null;
    endsAt: Date | null;
    launchedAt: Date | null;
    finishedAt: Date | null;
    createdBy: string;
    createdAt: Date;
    updatedAt: Date;
    /** Spend (its messages' cost, minor units) at which sending stops; null = no cap. */
    budgetCap?: number | null;
    /** When the dispatcher stopped sending at the cap (null while under it). */
    budgetReachedAt?: Date | null;
    /** The sender name its messages carry (SMS alpha name, email From); null: the provider's per traffic type. */
    senderName?: string | null;
    /** The related row, when loaded through TypeORM relations. */
    category?: Category;
}

/** TypeORM schema of {@link Campaign}. */
export const CampaignEntity = new EntitySchema<Campaign>({
    name: 'RefillCampaign',
    tableName: 'refill_campaigns',
    columns: {
        id: intId(),
        code: str('code', 64),
        name: str('name', 255),
        categoryId: int('category_id'),
        status: str('status', 12),
        audience: str('audience', 16),
        lapseKPct: int('lapse_k_pct'),
        controlShareBp: int('control_share_bp'),
        allowZeroControl: bool('allow_zero_control'),
        salt: str('salt', 64),
        hashVersion: int('hash_version'),
        offerKind: str('offer_kind', 12),
        multiplier: int('multiplier', true),
        giftAmount: int('gift_amount', true),
        giftMinAmount: int('gift_min_amount', true),
        offerValidDays: int('offer_valid_days'),
        offerBonusLifetimeDays: int('offer_bonus_lifetime_days'),
        settlementLagDays: int('settlement_lag_days'),
        cooldownDays: int('cooldown_days'),
        dailyCap: int('daily_cap', true),
        channels: str('channels', 128),
        filters: text('filters'),
        cascade: text('cascade_design'),
        testCards: text('test_cards'),
        sendsKilled: bool('sends_killed'),
        launchedBy: str('launched_by', 128, true),
        marginBp: int('margin_bp'),
        redemptionBp: int('redemption_bp'),
        expectedConversionBp: int('expected_conversion_bp', true),
        expectedUpliftBp: int('expected_uplift_bp', true),
        expectedDailySize: int('expected_daily_size', true),
        runHour: int('run_hour'),
        startsAt: time('starts_at', true),
        endsAt: time('ends_at', true),
        launchedAt: time('launched_at', true),
        finishedAt: time('finished_at', true),
        createdBy: str('created_by', 128),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
        budgetCap: bigInt('budget_cap', true),
        budgetReachedAt: time('budget_reached_at', true),
        senderName: str('sender_name', 64, true),
    },
    relations: {
        category: {
            type: 'many-to-one',
            target: 'RefillCategory',
            joinColumn: { name: 'category_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'UQ_refill_campaigns_code', columns: ['code'], unique: true },
        { name: 'IDX_refill_campaigns_status', columns: ['status'] },
    ],
});
