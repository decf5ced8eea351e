import {
    Table,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Trigger chains (issue 15):
 *
 * - `refill_chains`: one row per chain, the design's scalar fields as columns
 *   and its trigger, steps, stop events and re-entry rule as JSON text.
 * - `refill_chain_runs`: one customer's run of one chain: its group (test or
 *   holdout, write-once at entry), the step it is on and when it acts next.
 *   `entry_key` is unique, so a retried entry enters once.
 * - `refill_chain_step_log`: one row per executed step, keyed (run, seq), so
 *   a step happens exactly once whatever retries or crashes.
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;
const str = (name: string, length: number, isNullable = false): Col => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
});
const int = (name: string, isNullable = false, dflt?: string): Col => ({
    name,
    type: 'int',
    isNullable,
    default: dflt,
});
const big = (name: string, isNullable = false): Col => ({ name, type: 'bigint', isNullable });
const time = (name: string, isNullable = false): Col => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable,
});
const text = (name: string, isNullable = true): Col => ({ name, type: 'text', isNullable });
const idx = (name: string, columnNames: string[], isUnique = false) =>
    new TableIndex({ name, columnNames, isUnique });

const CHAINS = 'refill_chains';
const RUNS = 'refill_chain_runs';
const STEP_LOG = 'refill_chain_step_log';

/** Creates the chain, chain run and step log tables. */
export class ChainTables1769040000000 implements MigrationInterface {
    name = 'ChainTables1769040000000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const id = (type: 'int' | 'bigint'): Col => ({
            name: 'id',
            // SQLite autoincrements an INTEGER PRIMARY KEY only.
            type: sqlite ? 'integer' : type,
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
        });
        await qr.createTable(
            new Table({
                name: CHAINS,
                columns: [
                    id('int'),
                    str('chain_key', 64),
                    str('name', 200),
                    str('status', 12),
                    text('trigger_json', false),
                    text('steps_json', false),
                    str('goal', 16, true),
                    int('goal_window_days', false, '30'),
                    text('stop_on_json', false),
                    text('reentry_json', false),
                    int('priority', false, '100'),
                    int('holdout_bp', false, '1000'),
                    int('budget_cap', true),
                    time('budget_reached_at', true),
                    int('version', false, '1'),
                    time('created_at'),
                    time('updated_at'),
                    time('activated_at', true),
                ],
                indices: [
                    idx('UQ_refill_chains_key', ['chain_key'], true),
                    idx('IDX_refill_chains_status', ['status', 'priority']),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: RUNS,
                columns: [
                    id('bigint'),
                    int('chain_id'),
                    big('customer_id'),
                    str('entry_key', 96),
                    str('grp', 8),
                    str('status', 12),
                    str('step_id', 40, true),
                    int('step_seq', false, '0'),
                    time('next_at', true),
                    str('waiting_for', 16, true),
                    time('step_started_at', true),
                    time('deadline_at', true),
                    time('entered_at'),
                    time('ended_at', true),
                    str('end_reason', 24, true),
                    time('goal_at', true),
                    str('claim_token', 36, true),
                    time('updated_at'),
                ],
                indices: [
                    idx('UQ_refill_chain_runs_entry', ['entry_key'], true),
                    idx('IDX_refill_chain_runs_due', ['status', 'next_at']),
                    idx('IDX_refill_chain_runs_chain', ['chain_id', 'grp', 'status']),
                    idx('IDX_refill_chain_runs_customer', ['customer_id', 'status']),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: STEP_LOG,
                columns: [
                    { ...big('run_id'), isPrimary: true },
                    { ...int('seq'), isPrimary: true },
                    int('chain_id'),
                    str('step_id', 40),
                    str('step_type', 8),
                    str('result', 16),
                    text('detail'),
                    int('cost', false, '0'),
                    time('executed_at'),
                ],
                indices: [idx('IDX_refill_chain_step_log_chain', ['chain_id', 'step_id'])],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable(STEP_LOG, true);
        await qr.dropTable(RUNS, true);
        await qr.dropTable(CHAINS, true);
    }
}
