import {
    Table,
    TableColumn,
    TableForeignKey,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Chronic-lapse campaigns: campaigns with their frozen design (category,
 * offer, control share, salt), their write-once members (test or control),
 * per-day selection runs with exclusion counts, admin API tokens, and the
 * columns campaigns need on existing tables (category activity, seasonal
 * months and margin; card kind of a customer; a gift offer's minimum amount).
 * QueryRunner schema API only, so it runs on MySQL/MariaDB and SQLite.
 */

type Col = TableColumnOptions;

const str = (name: string, length: number, isNullable = false, dflt?: string): Col => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
    default: dflt,
});
const int = (name: string, isNullable = false, dflt?: string): Col => ({
    name,
    type: 'int',
    isNullable,
    default: dflt,
});
const big = (name: string, isNullable = false): Col => ({ name, type: 'bigint', isNullable });
const bool = (name: string, dflt = '0'): Col => ({ name, type: 'boolean', default: dflt });
const time = (name: string, isNullable = false): Col => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable,
});
const text = (name: string): Col => ({ name, type: 'text', isNullable: true });
const idx = (name: string, columnNames: string[], isUnique = false) =>
    new TableIndex({ name, columnNames, isUnique });
const fk = (column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT') =>
    new TableForeignKey({
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete,
        onUpdate: 'NO ACTION',
    });

/** Columns added to existing tables, by table. */
const ADDED: Record<string, Col[]> = {
    refill_categories: [
        bool('active', '1'),
        str('seasonal_months', 40, false, "''"),
        int('margin_bp', true),
        str('public_label', 255, true),
    ],
    refill_customers: [str('card_kind', 12, false, "'regular'")],
    refill_offers: [int('min_amount', true)],
};

/** Creates the campaign tables and adds the columns campaigns need. */
export class CreateCampaignTables1767484800000 implements MigrationInterface {
    name = 'CreateCampaignTables1767484800000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const create = (table: Table) => qr.createTable(table, true, true, true);
        for (const [table, columns] of Object.entries(ADDED))
            await qr.addColumns(
                table,
                columns.map((c) => new TableColumn(c)),
            );
        await qr.createIndex('refill_offers', idx('IDX_refill_offers_campaign', ['campaign_id']));
        // The selection pages by (last_at, customer_id): carry customer_id in the index so SQLite needs no sort
        // (InnoDB's secondary index already ends with the primary key, so MySQL reads the same order).
        // New index first: MySQL keeps the category foreign key on an index that starts with category_id.
        await qr.createIndex(
            'refill_customer_category_stats',
            idx('IDX_refill_ccs_category_last_customer', ['category_id', 'last_at', 'customer_id']),
        );
        await qr.dropIndex('refill_customer_category_stats', 'IDX_refill_ccs_category_last');
        await create(
            new Table({
                name: 'refill_campaigns',
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'int',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    str('code', 64),
                    str('name', 255),
                    int('category_id'),
                    str('status', 12),
                    str('audience', 16),
                    int('lapse_k_pct'),
                    int('control_share_bp'),
                    bool('allow_zero_control'),
                    str('salt', 64),
                    int('hash_version'),
                    str('offer_kind', 12),
                    int('multiplier', true),
                    int('gift_amount', true),
                    int('gift_min_amount', true),
                    int('offer_valid_days'),
                    int('offer_bonus_lifetime_days'),
                    int('settlement_lag_days'),
                    int('cooldown_days'),
                    int('daily_cap', true),
                    str('channels', 128),
                    text('filters'),
                    int('margin_bp'),
                    int('redemption_bp'),
                    int('expected_conversion_bp', true),
                    int('expected_uplift_bp', true),
                    int('expected_daily_size', true),
                    int('run_hour'),
                    time('starts_at', true),
                    time('ends_at', true),
                    time('launched_at', true),
                    time('finished_at', true),
                    str('created_by', 128),
                    time('created_at'),
                    time('updated_at'),
                ],
                indices: [
                    idx('UQ_refill_campaigns_code', ['code'], true),
                    idx('IDX_refill_campaigns_status', ['status']),
                ],
                foreignKeys: [fk('category_id', 'refill_categories')],
            }),
        );
        await create(
            new Table({
                name: 'refill_campaign_members',
                columns: [
                    { ...int('campaign_id'), isPrimary: true },
                    { ...big('customer_id'), isPrimary: true },
                    str('group_name', 8),
                    int('bucket'),
                    str('segment', 8),
                    time('assigned_at'),
                    str('assignment_day', 10),
                    time('window_ends_at'),
                    int('days_since_last', true),
                    int('median_interval_days', true),
                ],
                indices: [
                    idx('IDX_refill_campaign_members_day', ['campaign_id', 'assignment_day']),
                    idx('IDX_refill_campaign_members_customer', ['customer_id']),
                ],
                foreignKeys: [
                    fk('campaign_id', 'refill_campaigns', 'CASCADE'),
                    fk('customer_id', 'refill_customers'),
                ],
            }),
        );
        await create(
            new Table({
                name: 'refill_campaign_runs',
                columns: [
                    { ...int('campaign_id'), isPrimary: true },
                    { ...str('day', 10), isPrimary: true },
                    { ...int('part'), isPrimary: true },
                    int('parts'),
                    str('status', 12),
                    int('candidates', false, '0'),
                    int('assigned_test', false, '0'),
                    int('assigned_control', false, '0'),
                    int('already_members', false, '0'),
                    text('exclusions'),
                    time('started_at'),
                    time('finished_at', true),
                ],
                foreignKeys: [fk('campaign_id', 'refill_campaigns', 'CASCADE')],
            }),
        );
        await create(
            new Table({
                name: 'refill_admin_tokens',
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'int',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    str('name', 128),
                    str('token_hash', 64),
                    str('role', 16),
                    str('created_by', 128),
                    time('created_at'),
                    time('last_used_at', true),
                    time('revoked_at', true),
                ],
                indices: [idx('UQ_refill_admin_tokens_hash', ['token_hash'], true)],
            }),
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        for (const table of [
            'refill_admin_tokens',
            'refill_campaign_runs',
            'refill_campaign_members',
            'refill_campaigns',
        ])
            await qr.dropTable(table, true);
        await qr.dropIndex('refill_offers', 'IDX_refill_offers_campaign');
        await qr.createIndex(
            'refill_customer_category_stats',
            idx('IDX_refill_ccs_category_last', ['category_id', 'last_at']),
        );
        await qr.dropIndex('refill_customer_category_stats', 'IDX_refill_ccs_category_last_customer');
        for (const [table, columns] of Object.entries(ADDED))
            for (const c of columns) await qr.dropColumn(table, c.name);
    }
}
