import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * Distinct excluded customers of a campaign: one row per (campaign, customer,
 * reason) the daily selection excluded at least once, with the first day it
 * did. The run rows keep the per-day counts (customer-days); this table lets
 * the report count customers, so a customer excluded on five days counts once.
 * Runs made before this migration have per-day counts only.
 * QueryRunner schema API only, so it runs on MySQL/MariaDB and SQLite; never
 * edit it once landed.
 */

/** Creates `refill_campaign_exclusions`. */
export class CampaignExclusions1767960000000 implements MigrationInterface {
    name = 'CampaignExclusions1767960000000';

    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: 'refill_campaign_exclusions',
                columns: [
                    { name: 'campaign_id', type: 'int', isPrimary: true },
                    { name: 'customer_id', type: 'bigint', isPrimary: true },
                    { name: 'reason', type: 'varchar', length: '24', isPrimary: true },
                    { name: 'first_day', type: 'varchar', length: '10' },
                ],
                foreignKeys: [
                    new TableForeignKey({
                        columnNames: ['campaign_id'],
                        referencedTableName: 'refill_campaigns',
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                    new TableForeignKey({
                        columnNames: ['customer_id'],
                        referencedTableName: 'refill_customers',
                        referencedColumnNames: ['id'],
                        onDelete: 'RESTRICT',
                        onUpdate: 'NO ACTION',
                    }),
                ],
            }),
            true,
            true,
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('refill_campaign_exclusions', true, true, true);
    }
}
