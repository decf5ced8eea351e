import { TableColumn, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/*
 * Send states that say what happened to a message, so a crash loses nothing
 * and a retry reuses its key.
 *
 * - `refill_messages.claim_token` and `lease_until`: the dispatcher run that
 *   holds a message (`claimed`, then `sending` once it is handed to the
 *   provider) and until when; after that another run may take it over. The
 *   claim token used to live in `provider`.
 * - `refill_messages.attempts` and `handed_at`: how many times the message
 *   was handed to a provider (the 3-try retry limit counts these, never
 *   policy holds), and when last.
 * - `refill_cascades.claim_token`: the run that is deciding a due cascade; its
 *   `next_at` holds the claim's lease meanwhile.
 *
 * Schema only (existing rows keep NULL and 0). Never import entities or
 * services here, and never edit it once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;
const token = (name: string): Col => ({ name, type: 'varchar', length: '32', isNullable: true });
const time = (name: string): Col => ({ name, type: 'datetime', precision: 3, isNullable: true });

const ADDED: Record<string, Col[]> = {
    refill_messages: [
        token('claim_token'),
        time('lease_until'),
        { name: 'attempts', type: 'int', isNullable: false, default: '0' },
        time('handed_at'),
    ],
    refill_cascades: [token('claim_token')],
};

/** Claim tokens, leases and hand-over counts on messages; claim tokens on cascades. */
export class MessageSendStates1768003200000 implements MigrationInterface {
    name = 'MessageSendStates1768003200000';

    async up(qr: QueryRunner): Promise<void> {
        for (const [table, columns] of Object.entries(ADDED)) {
            const existing = await qr.getTable(table);
            const missing = columns.filter((c) => !existing?.findColumnByName(c.name));
            if (missing.length)
                await qr.addColumns(
                    table,
                    missing.map((c) => new TableColumn(c)),
                );
        }
    }

    async down(qr: QueryRunner): Promise<void> {
        for (const [table, columns] of Object.entries(ADDED)) {
            const existing = await qr.getTable(table);
            const present = columns.filter((c) => existing?.findColumnByName(c.name));
            if (present.length)
                await qr.dropColumns(
                    table,
                    present.map((c) => new TableColumn(c)),
                );
        }
    }
}
