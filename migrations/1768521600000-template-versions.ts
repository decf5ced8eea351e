import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * `refill_template_versions`: every version of a message template saved,
 * restored or reverted through the admin API, with who did it and when,
 * written in the same transaction as the change to `refill_templates`. A
 * revert to the shipped file keeps no source (the file is the version).
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed.
 */

const TABLE = 'refill_template_versions';

/** The history of saved template versions. */
export class TemplateVersions1768521600000 implements MigrationInterface {
    name = 'TemplateVersions1768521600000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        await qr.createTable(
            new Table({
                name: TABLE,
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'bigint',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'kind', type: 'varchar', length: '24' },
                    { name: 'channel', type: 'varchar', length: '16' },
                    { name: 'locale', type: 'varchar', length: '8' },
                    { name: 'action', type: 'varchar', length: '12' },
                    { name: 'source', type: 'text', isNullable: true },
                    { name: 'restored_from', type: 'bigint', isNullable: true },
                    { name: 'saved_by', type: 'varchar', length: '128' },
                    { name: 'saved_at', type: 'datetime', precision: 3 },
                ],
                indices: [
                    new TableIndex({
                        name: 'IDX_refill_template_versions_key',
                        columnNames: ['kind', 'channel', 'locale', 'id'],
                    }),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable(TABLE, true);
    }
}
