/*
 * Benchmark worker, baseline side: the same claim statements as the SQL
 * backend (claimStatements), hand-written on the raw drivers (mysql2 pool,
 * better-sqlite3) without Agenda or TypeORM; each claimed job is completed by
 * one UPDATE. On MariaDB ten loops claim and complete side by side (one per
 * pooled connection, as many as the Agenda worker's pool); better-sqlite3 is
 * synchronous, so one loop there.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { claimStatements } from '../../plugin/kernel/jobs/sql-backend/index.js';
import { WorkerChannel } from './jobs-worker.channel.js';

const channel = new WorkerChannel();
const { url, name, jobName } = channel.config;
const sql = claimStatements('refill_jobs');
const COMPLETE =
    'UPDATE refill_jobs SET locked_at = NULL, last_run_at = ?, last_finished_at = ?, next_run_at = NULL WHERE id = ?';
const nextScan = () => toDbTime(new Date(Date.now() + 100));
const deadline = () => toDbTime(new Date(Date.now() - 600_000));
let running = true;
/** Connections per worker, as the Agenda worker's DataSource pool. */
const POOL_SIZE = 10;
let finished: Promise<void> = Promise.resolve();

if (url.startsWith('sqlite:')) {
    const db = new BetterSqlite3(url.slice('sqlite:'.length), { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const claim = db.prepare(sql.sqlite);
    const complete = db.prepare(COMPLETE);
    const loop = async () => {
        for (let n = 0; running; n++) {
            const now = toDbTime(new Date());
            const row = await channel.timedClaim(async () =>
                claim.get(now, name, jobName, deadline(), jobName, nextScan()),
            );
            if (!row) break;
            const done = toDbTime(new Date());
            complete.run(done, done, (row as { id: string }).id);
            channel.completed++;
            if (n % 50 === 0) await yieldToEvents();
        }
    };
    channel.serve({
        start: () => {
            finished = loop();
        },
        async stop() {
            running = false;
            await finished;
            db.close();
        },
    });
} else {
    const pool = mysql.createPool({
        uri: url.replace(/^mariadb:/, 'mysql:'),
        connectionLimit: POOL_SIZE,
        timezone: 'Z',
    });
    const claimOne = async (): Promise<{ id: string } | undefined> => {
        const conn = await pool.getConnection();
        try {
            await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
            await conn.query('START TRANSACTION');
            const [stale] = (await conn.query(sql.stale, [jobName, deadline()])) as unknown as [
                Array<{ id: string }>,
            ];
            const [ready] =
                stale.length > 0
                    ? [stale]
                    : ((await conn.query(sql.ready, [jobName, nextScan()])) as unknown as [
                          Array<{ id: string }>,
                      ]);
            const row = ready[0];
            if (row) {
                await conn.query(sql.lock, [toDbTime(new Date()), name, row.id]);
                await conn.query(sql.row, [row.id]);
            }
            await conn.query('COMMIT');
            return row;
        } catch (error) {
            await conn.query('ROLLBACK').catch(() => undefined);
            throw error;
        } finally {
            conn.release();
        }
    };
    // As many claim loops as the pool has connections: the raw limit of this worker.
    const loop = async () => {
        while (running) {
            const row = await channel.timedClaim(claimOne);
            if (!row) break;
            const done = toDbTime(new Date());
            await pool.query(COMPLETE, [done, done, row.id]);
            channel.completed++;
        }
    };
    const loops = () => Promise.all(Array.from({ length: POOL_SIZE }, loop)).then(() => undefined);
    channel.serve({
        start: () => {
            finished = loops();
        },
        async stop() {
            running = false;
            await finished;
            await pool.end();
        },
    });
}
