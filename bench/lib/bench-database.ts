import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { createRefill } from '../../plugin/index.js';
import type { BenchEngine } from './options.js';
import { BENCH_CATEGORIES, BENCH_STORE, cardNumber } from './workload.js';
import { refillInternals } from '../../plugin/testing.js';

/** A fresh, empty database the benchmark owns. */
export interface BenchDatabase {
    engine: BenchEngine;
    /** A Refill database URL. */
    url: string;
    /** The database name (MariaDB) or file (SQLite). */
    label: string;
    drop(): Promise<void>;
}

/**
 * Creates an empty database: `<name>` on the MariaDB server (dropped first
 * if a crashed run left it), or `<name>.sqlite` in a new temporary directory.
 */
export async function createBenchDatabase(
    engine: BenchEngine,
    name: string,
    mysqlUrl: string,
): Promise<BenchDatabase> {
    if (engine === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'refill-bench-'));
        const file = join(dir, `${name}.sqlite`);
        return {
            engine,
            url: `sqlite:${file}`,
            label: file,
            async drop() {
                rmSync(dir, { recursive: true, force: true });
            },
        };
    }
    const admin = await mysql.createConnection(mysqlUrl);
    try {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
        await admin.end();
    }
    const url = new URL(mysqlUrl);
    url.pathname = `/${name}`;
    return {
        engine,
        url: url.toString(),
        label: name,
        async drop() {
            const c = await mysql.createConnection(mysqlUrl);
            try {
                await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
            } finally {
                await c.end();
            }
        },
    };
}

/** What a prepared database holds, for the load and the raw baseline. */
export interface PreparedDatabase {
    /** A POS key of the bench store. */
    posKey: string;
    storeId: number;
    /** Category ids, in {@link BENCH_CATEGORIES} order. */
    categoryIds: number[];
}

const SEED_BATCH = 2000;

/**
 * Applies Refill's migrations and creates the store, a POS key, the
 * categories and their products through Refill's own services; then seeds
 * `customers` customers with hand-written multi-row INSERTs (setup is not
 * what is measured). Customer i gets id i and card {@link cardNumber}(i).
 */
export async function prepareDatabase(
    url: string,
    customers: number,
    onProgress: (done: number) => void = () => undefined,
): Promise<PreparedDatabase> {
    const refill = createRefill({ databaseUrl: url, logLevel: 'silent' });
    try {
        await refill.start();
        const { stores, posKeys, catalog } = refillInternals(refill).services;
        const store = await stores.upsert(BENCH_STORE.code, BENCH_STORE.name, null, 'bench');
        const { key } = await posKeys.create(BENCH_STORE.code, 'bench till', 'bench');
        const categoryIds = await catalog.upsertCategories(
            BENCH_CATEGORIES.map((c) => ({
                code: c.code,
                name: c.name,
                atcPrefixes: [c.atcPrefix],
                chronic: true,
                refillIntervalDays: 30,
                lapseAfterDays: 60,
                minPurchases: 3,
            })),
        );
        await catalog.upsertProducts(
            BENCH_CATEGORIES.flatMap((c) =>
                c.products.map((p) => ({
                    sku: p.sku,
                    name: p.name,
                    atc: p.atc,
                    accrualRateBp: null,
                    excludedFromAccrual: false,
                    excludedFromRedemption: false,
                    prescriptionOnly: true,
                })),
            ),
        );

        const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
        const db = refillInternals(refill).database;
        for (let from = 1; from <= customers; from += SEED_BATCH) {
            const to = Math.min(customers, from + SEED_BATCH - 1);
            const params: unknown[] = [];
            for (let i = from; i <= to; i++) params.push(i, cardNumber(i), store.id, now, now);
            await db.transaction((tx) =>
                tx.run(
                    `INSERT INTO refill_customers (id, card_number, home_store_id, enrolled_at, updated_at) VALUES ${new Array(to - from + 1).fill('(?, ?, ?, ?, ?)').join(', ')}`,
                    params,
                ),
            );
            onProgress(to);
        }
        return { posKey: key, storeId: store.id, categoryIds };
    } finally {
        await refill.stop();
    }
}
