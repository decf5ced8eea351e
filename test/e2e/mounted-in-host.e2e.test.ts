import express from 'express';
import request from 'supertest';
import { DataSource, EntitySchema, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createRefill, refillEntities, refillMigrations } from '../../plugin/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/test-database.js';

/** The host's own entity: an order of its web shop. */
interface HostOrder {
    id: number;
    cardNumber: string;
    total: number;
}
const HostOrderEntity = new EntitySchema<HostOrder>({
    name: 'HostOrder',
    tableName: 'host_orders',
    columns: {
        id: { type: 'int', primary: true, generated: 'increment' },
        cardNumber: { type: 'varchar', length: 64, name: 'card_number' },
        total: { type: 'int' },
    },
});

class CreateHostOrders1700000000000 implements MigrationInterface {
    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: 'host_orders',
                columns: [
                    {
                        name: 'id',
                        type: qr.connection.options.type === 'better-sqlite3' ? 'integer' : 'int',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'card_number', type: 'varchar', length: '64' },
                    { name: 'total', type: 'int' },
                ],
            }),
        );
    }
    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('host_orders');
    }
}

function hostDataSource(db: TestDatabase): DataSource {
    const common = {
        entities: [HostOrderEntity, ...refillEntities],
        migrations: [CreateHostOrders1700000000000],
    };
    if (db.engine === 'sqlite')
        return new DataSource({
            type: 'better-sqlite3',
            database: db.url.slice('sqlite:'.length),
            ...common,
        });
    return new DataSource({
        type: db.url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
        url: db.url.replace(/^mariadb:/, 'mysql:'),
        timezone: 'Z',
        ...common,
    });
}

describe.each(engines)('Refill mounted in a host app on %s', (engine) => {
    let db: TestDatabase;
    afterAll(async () => db?.drop());

    it('shares the host DataSource, keeps its own migrations table, records sales both ways, never closes it', async () => {
        db = await createTestDatabase(engine, 'host');
        const dataSource = hostDataSource(db);
        await dataSource.initialize();
        expect(await dataSource.runMigrations()).toHaveLength(1);

        const refill = createRefill({
            dataSource,
            logLevel: 'silent',
            migrationsRun: false,
            jobs: { process: false },
        });
        expect(await refill.migrate()).toEqual(
            refillMigrations.map((m) => m.name).sort((a, b) => a.slice(-13).localeCompare(b.slice(-13))),
        );
        await refill.start();
        const hostMigrations = await dataSource.query(`SELECT name FROM migrations`);
        expect(hostMigrations.map((r: { name: string }) => r.name)).toEqual([
            'CreateHostOrders1700000000000',
        ]);

        await refill.admin.addStore({ code: 'WEB', name: 'Web shop' });
        const { key } = await refill.admin.createPosKey({ storeCode: 'WEB', label: 'checkout' });

        const app = express();
        app.use(express.json());
        app.post('/orders', async (req, res) => {
            const order = await dataSource
                .getRepository(HostOrderEntity)
                .save({ cardNumber: req.body.card, total: req.body.total });
            const sale = await refill.hooks.commitPurchase({
                receiptId: `WEB-${order.id}`,
                cardNumber: order.cardNumber,
                storeCode: 'WEB',
                purchasedAt: new Date(),
                lines: [{ sku: 'SKU-1', name: 'Item', quantity: 1, amount: order.total }],
            });
            res.json({ order, earned: sale.earned });
        });
        app.use('/loyalty', refill.router);

        const viaRouter = await request(app)
            .post('/loyalty/pos/v1/receipts')
            .set({ Authorization: `Bearer ${key}` })
            .send({
                receiptId: 'TILL-1',
                cardNumber: '5000001',
                storeCode: 'WEB',
                purchasedAt: new Date().toISOString(),
                lines: [{ sku: 'SKU-1', name: 'Item', quantity: 1, amount: 10_000 }],
            });
        expect(viaRouter.status).toBe(201);
        expect(viaRouter.body.earned).toBe(300);

        const viaHook = await request(app).post('/orders').send({ card: '5000001', total: 20_000 });
        expect(viaHook.status).toBe(200);
        expect(viaHook.body.earned).toBe(600);

        const balance = await request(app)
            .get('/loyalty/pos/v1/customers/5000001/balance')
            .set({ Authorization: `Bearer ${key}` });
        expect(balance.body.available).toBe(900);
        expect(await refill.hooks.balance('5000001')).toMatchObject({ available: 900 });

        await refill.stop();
        await refill.stop();
        expect(dataSource.isInitialized).toBe(true);
        expect(await dataSource.getRepository(HostOrderEntity).count()).toBe(1);
        await dataSource.destroy();
    });

    it('fails at start-up with a coded error naming a bad option', () => {
        expect(() =>
            createRefill({ databaseUrl: 'sqlite::memory:', accrual: { baseRateBp: -1 } }),
        ).toThrowError(
            expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field: 'accrual.baseRateBp' }),
        );
        expect(() => createRefill({})).toThrowError(
            expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field: 'dataSource' }),
        );
        expect(() => createRefill({ databaseUrl: 'postgres://x' })).toThrowError(
            expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field: 'databaseUrl' }),
        );
        expect(() => createRefill({ databaseUrl: 'sqlite::memory:', timezone: 'Moon/Base' })).toThrowError(
            expect.objectContaining({ field: 'timezone' }),
        );
    });
});
