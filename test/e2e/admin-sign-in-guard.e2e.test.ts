import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRefill, type Refill } from '../../plugin/index.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';
import { refillInternals } from '../../plugin/testing.js';

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong password!!';

/** Forgets every sign-in counter, so each test starts from a clean slate (the table is Refill's own). */
async function forgetCounters(refill: Refill): Promise<void> {
    await refillInternals(refill)
        .database.run('DELETE FROM refill_sign_in_failures')
        .catch(() => undefined);
}

/**
 * Sign-in limits (issue 10, defect 1): usernames are normalised once, an
 * account locks after repeated failures from any IP with a doubling lock, an
 * IP is limited across usernames, the counters live in the database, and
 * `trustProxy` decides which client IP and scheme Refill sees.
 */
describe.each(engines)('admin sign-in guard on %s', (engine) => {
    describe('without trustProxy', () => {
        let t: TestRefill;
        beforeAll(async () => {
            t = await startTestRefill(engine, 'sign_in_guard', {
                admin: { signInAttempts: 3, signInAttemptsPerIp: 8 },
            });
            for (const name of ['alice', 'bob', 'carol'])
                await t.internals.services.adminAuth.createUser(name, PASSWORD, 'admin', 'test');
        });
        beforeEach(() => forgetCounters(t.refill));
        afterAll(async () => t?.close());

        const signIn = (refill: Refill, username: string, password = WRONG, forwardedFor?: string) => {
            const req = request(createApp(refill)).post('/admin/v1/session');
            if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
            return req.send({ username, password });
        };

        it('sign-in limits cannot be bypassed by retyping the username in capitals or with trailing spaces', async () => {
            for (let i = 0; i < 3; i++) expect((await signIn(t.refill, 'alice')).status).toBe(401);
            const retyped = await signIn(t.refill, 'ALICE   ');
            expect(retyped.status).toBe(429);
            expect(retyped.body.error.code).toBe('REFILL_RATE_LIMITED');
            expect(Number(retyped.headers['retry-after'])).toBeGreaterThan(0);
            // Locked means locked: even the right password waits, however it is typed.
            expect((await signIn(t.refill, ' Alice', PASSWORD)).status).toBe(429);
        });

        it('answers an unknown user exactly like a known one, locked or not (no user enumeration)', async () => {
            const known: request.Response[] = [];
            const unknown: request.Response[] = [];
            for (let i = 0; i < 4; i++) {
                known.push(await signIn(t.refill, 'bob'));
                unknown.push(await signIn(t.refill, 'nobody'));
            }
            expect(known.map((r) => r.status)).toEqual([401, 401, 401, 429]);
            expect(unknown.map((r) => r.status)).toEqual([401, 401, 401, 429]);
            for (let i = 0; i < 4; i++) expect(unknown[i].body).toEqual(known[i].body);
            expect(unknown[3].headers['retry-after']).toBe(known[3].headers['retry-after']);
        });

        it('limits password spraying per IP across usernames, and a forged X-Forwarded-For does not change the IP', async () => {
            const statuses: number[] = [];
            for (let i = 0; i < 9; i++)
                statuses.push((await signIn(t.refill, `user${i}`, WRONG, `198.51.100.${i + 1}`)).status);
            expect(statuses.slice(0, 8)).toEqual(new Array(8).fill(401));
            expect(statuses[8]).toBe(429);
            // The IP is blocked for every username, the real one too.
            const real = await signIn(t.refill, 'carol', PASSWORD, '192.0.2.77');
            expect(real.status).toBe(429);
            expect(real.body.error.code).toBe('REFILL_RATE_LIMITED');
        });

        it('keeps the counters in the database: a second instance on the same database sees the lock', async () => {
            const second = createRefill({
                databaseUrl: t.db.url,
                logLevel: 'silent',
                jobs: { process: false },
                admin: { signInAttempts: 3, signInAttemptsPerIp: 8 },
            });
            await second.start();
            try {
                for (let i = 0; i < 3; i++) expect((await signIn(t.refill, 'carol')).status).toBe(401);
                const elsewhere = await signIn(second, 'carol', PASSWORD);
                expect(elsewhere.status).toBe(429);
                expect(elsewhere.body.error.code).toBe('REFILL_RATE_LIMITED');
            } finally {
                await second.stop();
            }
        });

        it('normalises usernames once (NFKC, trimmed, lower case) when creating users and signing in', async () => {
            const { adminAuth } = t.internals.services;
            await adminAuth.createUser('  Ｇｒｅｔａ ', PASSWORD, 'manager', 'test');
            expect((await adminAuth.listUsers()).map((u) => u.username)).toContain('greta');
            await expect(adminAuth.createUser('GRETA', PASSWORD, 'admin', 'test')).rejects.toMatchObject({
                code: 'REFILL_CONFLICT',
            });
            const res = await signIn(t.refill, 'GRETA  ', PASSWORD);
            expect(res.status).toBe(201);
            expect(res.body.user.username).toBe('greta');
            const [audit] = await t.internals.database.all<{ actor: string }>(
                `SELECT actor FROM refill_audit_log WHERE action = 'admin.sign_in' ORDER BY id DESC LIMIT 1`,
            );
            expect(audit.actor).toBe('greta');
        });

        it('a host app that trusts its proxy makes the cookie Secure behind TLS; a forged header alone does not', async () => {
            const host = express();
            host.set('trust proxy', 'loopback');
            host.use(t.refill.router);
            const behindTls = await request(host)
                .post('/admin/v1/session')
                .set('X-Forwarded-Proto', 'https')
                .send({ username: 'alice', password: PASSWORD });
            expect(behindTls.status).toBe(201);
            expect(String(behindTls.headers['set-cookie'])).toMatch(/;\s*Secure/i);
            const forged = await request(createApp(t.refill))
                .post('/admin/v1/session')
                .set('X-Forwarded-Proto', 'https')
                .send({ username: 'alice', password: PASSWORD });
            expect(forged.status).toBe(201);
            expect(String(forged.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
        });

        it.runIf(engine === 'mysql')(
            'the username column compares exactly, so the database never disagrees with the code',
            async () => {
                const find = (name: string) =>
                    t.internals.database.all('SELECT id FROM refill_admin_users WHERE username = ?', [name]);
                expect(await find('alice')).toHaveLength(1);
                expect(await find('ALICE')).toHaveLength(0);
                expect(await find('alice   ')).toHaveLength(0);
            },
        );
    });

    describe('with trustProxy behind a TLS proxy', () => {
        let t: TestRefill;
        const clock = new TestClock(new Date('2026-03-01T10:00:00.000Z'));
        beforeAll(async () => {
            t = await startTestRefill(engine, 'sign_in_proxy', {
                clock: clock.fn,
                trustProxy: 'loopback',
                admin: {
                    signInAttempts: 3,
                    signInAttemptsPerIp: 50,
                    signInLockMinutes: 1,
                    signInMaxLockMinutes: 4,
                },
            });
            for (const name of ['dave', 'erin', 'frank'])
                await t.internals.services.adminAuth.createUser(name, PASSWORD, 'admin', 'test');
        });
        afterAll(async () => t?.close());

        const signIn = (username: string, ip: string, password = WRONG) =>
            request(createApp(t.refill))
                .post('/admin/v1/session')
                .set('X-Forwarded-For', ip)
                .set('X-Forwarded-Proto', 'https')
                .send({ username, password });
        const wait = (seconds: number) => {
            clock.now = new Date(clock.now.getTime() + seconds * 1000);
        };

        it('locks an account after repeated failures from any IP, doubling the lock up to the maximum', async () => {
            for (let i = 1; i <= 3; i++) expect((await signIn('dave', `203.0.113.${i}`)).status).toBe(401);
            const locked = await signIn('dave', '203.0.113.4', PASSWORD);
            expect(locked.status).toBe(429);
            expect(locked.headers['retry-after']).toBe('60');
            // Each failure after a lock doubles the next one: 2, then 4 minutes (the maximum).
            for (const lock of [120, 240, 240]) {
                wait(Number((await signIn('dave', '203.0.113.5')).headers['retry-after'] ?? 0) + 1);
                expect((await signIn('dave', '203.0.113.6')).status).toBe(401);
                const next = await signIn('dave', '203.0.113.7');
                expect(next.status).toBe(429);
                expect(next.headers['retry-after']).toBe(String(lock));
            }
            // Once the lock is over the right password gets in and resets the count.
            wait(241);
            expect((await signIn('dave', '203.0.113.8', PASSWORD)).status).toBe(201);
            for (let i = 0; i < 3; i++) expect((await signIn('dave', '203.0.113.9')).status).toBe(401);
            expect((await signIn('dave', '203.0.113.9')).status).toBe(429);
        });

        it('sets a Secure session cookie behind a TLS proxy when trustProxy is set', async () => {
            const res = await signIn('erin', '203.0.113.20', PASSWORD);
            expect(res.status).toBe(201);
            expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
            const plain = await request(createApp(t.refill))
                .post('/admin/v1/session')
                .send({ username: 'erin', password: PASSWORD });
            expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
        });

        it('counts parallel guesses before checking them, so no burst gets more than the limit', async () => {
            const results = await Promise.all(
                Array.from({ length: 10 }, (_, i) => signIn('frank', `203.0.113.${30 + i}`)),
            );
            const statuses = results.map((r) => r.status).sort();
            expect(statuses.filter((s) => s === 401)).toHaveLength(3);
            expect(statuses.filter((s) => s === 429)).toHaveLength(7);
        });
    });
});
