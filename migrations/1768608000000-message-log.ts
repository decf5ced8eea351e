import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * The admin message log filters `refill_messages` by status or by channel and
 * pages it newest first by id (keyset): an index on each filter with the id
 * behind it serves a page without a sort. Customer, campaign and date filters
 * use the indexes that exist. The run-time contact policy is a row of
 * `refill_settings` (`messaging.contact_policy`), which needs no schema.
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed. Safe to run twice.
 */

const TABLE = 'refill_messages';
const INDEXES = [
    { name: 'IDX_refill_messages_log_status', columnNames: ['status', 'id'] },
    { name: 'IDX_refill_messages_log_channel', columnNames: ['channel', 'id'] },
];

/** Indexes for the admin message log's status and channel filters. */
export class MessageLog1768608000000 implements MigrationInterface {
    name = 'MessageLog1768608000000';

    async up(qr: QueryRunner): Promise<void> {
        const table = await qr.getTable(TABLE);
        for (const index of INDEXES)
            if (table && !table.indices.some((i) => i.name === index.name))
                await qr.createIndex(TABLE, new TableIndex(index));
    }

    async down(qr: QueryRunner): Promise<void> {
        const table = await qr.getTable(TABLE);
        for (const index of INDEXES)
            if (table?.indices.some((i) => i.name === index.name)) await qr.dropIndex(TABLE, index.name);
    }
}
