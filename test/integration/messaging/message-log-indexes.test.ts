import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageLogPageSql } from '../../../plugin/modules/messaging/repositories/message-log.query.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

/**
 * The message log's filters read through an index in keyset order (newest
 * id first), never by sorting the table: the plans on both engines, over
 * enough rows that the planner has a real choice to make.
 */
describe.each(engines)('message log indexes on %s', (engine) => {
    let t: TestRefill;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'message_log_indexes');
        await t.internals.services.customers.upsert(
            '9990001',
            { phone: '+79009990001' },
            {
                source: 'test',
                storeId: null,
            },
        );
        const [{ id }] = await t.internals.database.all<{ id: number }>(
            `SELECT id FROM refill_customers WHERE card_number = '9990001'`,
        );
        const channels = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'];
        const statuses = ['sent', 'delivered', 'delivered', 'read', 'failed', 'dropped', 'held'];
        for (let batch = 0; batch < 4; batch++) {
            const values: unknown[] = [];
            for (let i = 0; i < 500; i++) {
                const n = batch * 500 + i;
                values.push(
                    `k:${n}:0`,
                    Number(id),
                    'welcome',
                    channels[n % channels.length],
                    'service',
                    statuses[n % statuses.length],
                    new Date(Date.UTC(2026, 2, 1) + n * 60_000),
                );
            }
            await t.internals.database.run(
                `INSERT INTO refill_messages (message_key, customer_id, kind, channel, traffic, status, created_at) VALUES ${Array(500).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
                values,
            );
        }
        if (engine === 'mysql') await t.internals.database.run('ANALYZE TABLE refill_messages');
        else await t.internals.database.run('ANALYZE');
    });
    afterAll(async () => t?.close());

    it.each([
        ['status', { status: 'held' }, 'IDX_refill_messages_log_status'],
        ['status, next page', { status: 'failed', beforeId: 1500 }, 'IDX_refill_messages_log_status'],
        ['channel', { channel: 'viber' }, 'IDX_refill_messages_log_channel'],
    ] as const)('reads a page by %s through its index, without a sort', async (_name, filter, index) => {
        const { sql, params } = messageLogPageSql(filter, 51);
        if (engine === 'mysql') {
            const [plan] = await t.internals.database.all<Record<string, unknown>>(`EXPLAIN ${sql}`, params);
            expect(plan.key).toBe(index);
            expect(String(plan.Extra ?? '')).not.toMatch(/filesort|temporary/i);
        } else {
            const plan = await t.internals.database.all<{ detail: string }>(
                `EXPLAIN QUERY PLAN ${sql}`,
                params,
            );
            const details = plan.map((p) => p.detail).join('\n');
            expect(details).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}`));
            expect(details).not.toMatch(/TEMP B-TREE/);
        }
    });

    it('answers the filtered page newest first', async () => {
        const { sql, params } = messageLogPageSql({ status: 'held', channel: 'sms' }, 5);
        const rows = await t.internals.database.all<{ id: number; status: string; channel: string }>(
            sql,
            params,
        );
        expect(rows).toHaveLength(5);
        expect(rows.every((r) => r.status === 'held' && r.channel === 'sms')).toBe(true);
        const ids = rows.map((r) => Number(r.id));
        expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    });
});
