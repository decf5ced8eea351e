import {
    Table,
    TableForeignKey,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Refill's core schema: stores and POS keys, customers with consents, the
 * catalogue and categories, purchases with lines and returns, bonus lots and
 * the append-only ledger, personal offers, per-customer category statistics,
 * the audit log and import checkpoints. Written with the QueryRunner schema
 * API so the same migration runs on MySQL/MariaDB and SQLite. Never edit it
 * after it has landed: add a new migration instead.
 */

type Col = TableColumnOptions;

function id(sqlite: boolean, big: boolean): Col {
    // SQLite only auto-increments an INTEGER PRIMARY KEY (which is 64-bit there).
    return {
        name: 'id',
        type: sqlite ? 'integer' : big ? 'bigint' : 'int',
        isPrimary: true,
        isGenerated: true,
        generationStrategy: 'increment',
    };
}
const str = (name: string, length: number, nullable = false): Col => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
});
const int = (name: string, nullable = false, dflt?: string): Col => ({
    name,
    type: 'int',
    isNullable: nullable,
    default: dflt,
});
const big = (name: string, nullable = false, dflt?: string): Col => ({
    name,
    type: 'bigint',
    isNullable: nullable,
    default: dflt,
});
const bool = (name: string, dflt = '0'): Col => ({ name, type: 'boolean', default: dflt });
const time = (name: string, nullable = false): Col => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
});
const text = (name: string, nullable = true): Col => ({ name, type: 'text', isNullable: nullable });

const fk = (column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT') =>
    new TableForeignKey({
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete,
        onUpdate: 'NO ACTION',
    });
const idx = (name: string, columnNames: string[], isUnique = false) =>
    new TableIndex({ name, columnNames, isUnique });

/** Creates the core `refill_` tables. */
export class CreateCoreTables1767225600000 implements MigrationInterface {
    name = 'CreateCoreTables1767225600000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const create = (table: Table) => qr.createTable(table, true, true, true);

        await create(
            new Table({
                name: 'refill_stores',
                columns: [
                    id(sqlite, false),
                    str('code', 64),
                    str('name', 255),
                    str('timezone', 64, true),
                    time('created_at'),
                ],
                indices: [idx('UQ_refill_stores_code', ['code'], true)],
            }),
        );
        await create(
            new Table({
                name: 'refill_pos_keys',
                columns: [
                    id(sqlite, false),
                    int('store_id'),
                    str('key_hash', 64),
                    str('key_hint', 16),
                    str('label', 255, true),
                    time('created_at'),
                    time('revoked_at', true),
                ],
                indices: [
                    idx('UQ_refill_pos_keys_hash', ['key_hash'], true),
                    idx('IDX_refill_pos_keys_store', ['store_id']),
                ],
                foreignKeys: [fk('store_id', 'refill_stores')],
            }),
        );
        await create(
            new Table({
                name: 'refill_customers',
                columns: [
                    id(sqlite, true),
                    str('card_number', 64),
                    str('phone', 20, true),
                    str('email', 254, true),
                    str('name', 255, true),
                    str('timezone', 64, true),
                    int('home_store_id', true),
                    int('balance', false, '0'),
                    int('pending', false, '0'),
                    int('debt', false, '0'),
                    int('purchase_count', false, '0'),
                    big('purchase_total', false, '0'),
                    time('first_purchase_at', true),
                    time('last_purchase_at', true),
                    time('lots_due_at', true),
                    time('offers_until', true),
                    time('enrolled_at'),
                    time('updated_at'),
                ],
                indices: [
                    idx('UQ_refill_customers_card', ['card_number'], true),
                    idx('IDX_refill_customers_phone', ['phone']),
                    idx('IDX_refill_customers_email', ['email']),
                ],
                foreignKeys: [fk('home_store_id', 'refill_stores')],
            }),
        );
        await create(
            new Table({
                name: 'refill_customer_consents',
                columns: [
                    { ...big('customer_id'), isPrimary: true },
                    { ...str('channel', 16), isPrimary: true },
                    bool('granted'),
                    time('changed_at'),
                    str('source', 64, true),
                ],
                foreignKeys: [fk('customer_id', 'refill_customers', 'CASCADE')],
            }),
        );
        await create(
            new Table({
                name: 'refill_consent_events',
                columns: [
                    id(sqlite, true),
                    big('customer_id'),
                    str('channel', 16),
                    bool('granted'),
                    time('changed_at'),
                    str('source', 64, true),
                    time('recorded_at'),
                ],
                indices: [idx('IDX_refill_consent_events_customer', ['customer_id', 'channel'])],
                foreignKeys: [fk('customer_id', 'refill_customers', 'CASCADE')],
            }),
        );
        await create(
            new Table({
                name: 'refill_categories',
                columns: [
                    id(sqlite, false),
                    str('code', 64),
                    str('name', 255),
                    int('accrual_rate_bp', true),
                    bool('excluded_from_accrual'),
                    bool('excluded_from_redemption'),
                    bool('chronic'),
                    bool('seasonal'),
                    int('refill_interval_days', true),
                    int('lapse_after_days', true),
                    int('min_purchases', true),
                    time('created_at'),
                    time('updated_at'),
                ],
                indices: [idx('UQ_refill_categories_code', ['code'], true)],
            }),
        );
        await create(
            new Table({
                name: 'refill_category_rules',
                columns: [id(sqlite, false), int('category_id'), str('kind', 8), str('value', 64)],
                indices: [
                    idx('UQ_refill_category_rules_kind_value', ['kind', 'value'], true),
                    idx('IDX_refill_category_rules_category', ['category_id']),
                ],
                foreignKeys: [fk('category_id', 'refill_categories', 'CASCADE')],
            }),
        );
        await create(
            new Table({
                name: 'refill_products',
                columns: [
                    id(sqlite, false),
                    str('sku', 64),
                    str('name', 255),
                    str('atc', 16, true),
                    int('accrual_rate_bp', true),
                    bool('excluded_from_accrual'),
                    bool('excluded_from_redemption'),
                    bool('prescription_only'),
                    time('created_at'),
                    time('updated_at'),
                ],
                indices: [idx('UQ_refill_products_sku', ['sku'], true)],
            }),
        );
        await create(
            new Table({
                name: 'refill_purchases',
                columns: [
                    id(sqlite, true),
                    str('receipt_id', 64),
                    big('customer_id'),
                    int('store_id'),
                    time('purchased_at'),
                    int('total_amount'),
                    int('redeemed', false, '0'),
                    int('earned', false, '0'),
                    str('source', 8),
                    str('request_hash', 64, true),
                    text('response'),
                    time('created_at'),
                ],
                indices: [
                    idx('UQ_refill_purchases_receipt', ['receipt_id'], true),
                    idx('IDX_refill_purchases_customer', ['customer_id', 'purchased_at']),
                    idx('IDX_refill_purchases_store', ['store_id', 'purchased_at']),
                ],
                foreignKeys: [fk('customer_id', 'refill_customers'), fk('store_id', 'refill_stores')],
            }),
        );
        await create(
            new Table({
                name: 'refill_purchase_lines',
                columns: [
                    id(sqlite, true),
                    big('purchase_id'),
                    int('line_no'),
                    str('sku', 64),
                    str('name', 255),
                    str('atc', 16, true),
                    int('category_id', true),
                    int('quantity_milli'),
                    int('amount'),
                    int('redeemed', false, '0'),
                    int('earned', false, '0'),
                    int('offer_earned', false, '0'),
                    int('returned_quantity_milli', false, '0'),
                    int('returned_amount', false, '0'),
                    int('reversed_earned', false, '0'),
                    int('refunded_redeemed', false, '0'),
                ],
                indices: [idx('UQ_refill_purchase_lines_line', ['purchase_id', 'line_no'], true)],
                foreignKeys: [fk('purchase_id', 'refill_purchases', 'CASCADE')],
            }),
        );
        await create(
            new Table({
                name: 'refill_returns',
                columns: [
                    id(sqlite, true),
                    str('return_id', 64),
                    big('purchase_id'),
                    int('store_id'),
                    time('returned_at'),
                    int('amount'),
                    int('reversed', false, '0'),
                    int('refunded', false, '0'),
                    int('shortfall', false, '0'),
                    str('request_hash', 64),
                    text('response'),
                    time('created_at'),
                ],
                indices: [
                    idx('UQ_refill_returns_return', ['return_id'], true),
                    idx('IDX_refill_returns_purchase', ['purchase_id']),
                ],
                foreignKeys: [fk('purchase_id', 'refill_purchases'), fk('store_id', 'refill_stores')],
            }),
        );
        await create(
            new Table({
                name: 'refill_offers',
                columns: [
                    id(sqlite, true),
                    big('customer_id'),
                    big('campaign_id', true),
                    int('category_id'),
                    str('kind', 12),
                    int('multiplier', true),
                    int('gift_amount', true),
                    int('bonus_lifetime_days'),
                    time('starts_at'),
                    time('ends_at'),
                    str('status', 12),
                    big('redeemed_purchase_id', true),
                    time('created_at'),
                ],
                indices: [
                    idx('IDX_refill_offers_customer', ['customer_id', 'status', 'ends_at']),
                    idx('IDX_refill_offers_status_ends', ['status', 'ends_at']),
                ],
                foreignKeys: [fk('customer_id', 'refill_customers'), fk('category_id', 'refill_categories')],
            }),
        );
        await create(
            new Table({
                name: 'refill_bonus_lots',
                columns: [
                    id(sqlite, true),
                    big('customer_id'),
                    str('kind', 16),
                    int('amount'),
                    int('remaining'),
                    str('state', 8),
                    time('active_from'),
                    time('expires_at'),
                    big('purchase_id', true),
                    big('return_id', true),
                    big('offer_id', true),
                    time('created_at'),
                ],
                indices: [
                    idx('IDX_refill_bonus_lots_customer', ['customer_id', 'state', 'expires_at']),
                    idx('IDX_refill_bonus_lots_expiry', ['state', 'expires_at']),
                    idx('IDX_refill_bonus_lots_activation', ['state', 'active_from']),
                    idx('IDX_refill_bonus_lots_purchase', ['purchase_id']),
                ],
                foreignKeys: [fk('customer_id', 'refill_customers')],
            }),
        );
        await create(
            new Table({
                name: 'refill_ledger_entries',
                columns: [
                    id(sqlite, true),
                    big('customer_id'),
                    str('kind', 24),
                    int('amount'),
                    int('debt_change', false, '0'),
                    big('lot_id', true),
                    big('purchase_id', true),
                    big('return_id', true),
                    big('offer_id', true),
                    str('reason', 255, true),
                    str('author', 128, true),
                    str('idempotency_key', 128, true),
                    time('created_at'),
                ],
                indices: [
                    idx('IDX_refill_ledger_customer', ['customer_id', 'id']),
                    idx('IDX_refill_ledger_purchase', ['purchase_id']),
                    idx('UQ_refill_ledger_idempotency', ['idempotency_key'], true),
                ],
                foreignKeys: [fk('customer_id', 'refill_customers')],
            }),
        );
        await create(
            new Table({
                name: 'refill_customer_category_stats',
                columns: [
                    { ...big('customer_id'), isPrimary: true },
                    { ...int('category_id'), isPrimary: true },
                    time('first_at'),
                    time('last_at'),
                    int('purchase_count'),
                    big('total_amount'),
                    str('recent_days', 255),
                ],
                indices: [idx('IDX_refill_ccs_category_last', ['category_id', 'last_at'])],
                foreignKeys: [
                    fk('customer_id', 'refill_customers'),
                    fk('category_id', 'refill_categories', 'CASCADE'),
                ],
            }),
        );
        await create(
            new Table({
                name: 'refill_audit_log',
                columns: [
                    id(sqlite, true),
                    str('actor', 128),
                    str('action', 64),
                    str('entity_type', 32),
                    str('entity_id', 64, true),
                    text('details'),
                    time('created_at'),
                ],
                indices: [
                    idx('IDX_refill_audit_entity', ['entity_type', 'entity_id']),
                    idx('IDX_refill_audit_created', ['created_at']),
                ],
            }),
        );
        await create(
            new Table({
                name: 'refill_import_checkpoints',
                columns: [
                    { ...str('source_key', 64), isPrimary: true },
                    str('file_name', 255),
                    big('lines_done', false, '0'),
                    big('receipts_imported', false, '0'),
                    big('customers_imported', false, '0'),
                    time('updated_at'),
                    time('completed_at', true),
                ],
            }),
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        for (const table of [
            'refill_import_checkpoints',
            'refill_audit_log',
            'refill_customer_category_stats',
            'refill_ledger_entries',
            'refill_bonus_lots',
            'refill_offers',
            'refill_returns',
            'refill_purchase_lines',
            'refill_purchases',
            'refill_products',
            'refill_category_rules',
            'refill_categories',
            'refill_consent_events',
            'refill_customer_consents',
            'refill_customers',
            'refill_pos_keys',
            'refill_stores',
        ]) {
            await qr.dropTable(table, true);
        }
    }
}
