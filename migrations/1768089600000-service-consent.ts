import {
    Table,
    TableColumn,
    TableForeignKey,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Service messages follow their own consent.
 *
 * - `refill_customer_service_consents`: a customer's consent to service
 *   messages (bonus expiry, balance, welcome) in one channel, shaped like
 *   `refill_customer_consents`, which keeps the marketing consents. A
 *   customer without a row here follows their marketing consent, as every
 *   customer did before: rows are written when the two purposes part (a STOP
 *   reply or an unsubscribe link withdraws marketing only; a till sets
 *   service consent on its own). So nothing is copied and nothing changes
 *   for anyone when this runs.
 * - `refill_consent_events.purpose`: `marketing` or `service` for new
 *   entries; NULL for those recorded before, which covered both.
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const SERVICE_CONSENTS = 'refill_customer_service_consents';
const PURPOSE: Col = { name: 'purpose', type: 'varchar', length: '12', isNullable: true };

/** Service consents apart from marketing ones; the purpose of each consent history entry. */
export class ServiceConsent1768089600000 implements MigrationInterface {
    name = 'ServiceConsent1768089600000';

    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: SERVICE_CONSENTS,
                columns: [
                    { name: 'customer_id', type: 'bigint', isPrimary: true },
                    { name: 'channel', type: 'varchar', length: '16', isPrimary: true },
                    { name: 'granted', type: 'boolean', default: '0' },
                    { name: 'changed_at', type: 'datetime', precision: 3 },
                    { name: 'source', type: 'varchar', length: '64', isNullable: true },
                ],
                foreignKeys: [
                    new TableForeignKey({
                        columnNames: ['customer_id'],
                        referencedTableName: 'refill_customers',
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        const events = await qr.getTable('refill_consent_events');
        if (!events?.findColumnByName(PURPOSE.name))
            await qr.addColumn('refill_consent_events', new TableColumn(PURPOSE));
    }

    async down(qr: QueryRunner): Promise<void> {
        const events = await qr.getTable('refill_consent_events');
        if (events?.findColumnByName(PURPOSE.name))
            await qr.dropColumn('refill_consent_events', new TableColumn(PURPOSE));
        await qr.dropTable(SERVICE_CONSENTS, true, true, true);
    }
}
