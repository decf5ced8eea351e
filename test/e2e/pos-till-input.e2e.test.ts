import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, tableCounts } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * What a till sends that a careless server would take at face value: dates
 * that do not exist or lie far away, consents from a till whose clock is
 * wrong or that restates old state, a preview made from the receipt body.
 */

const NOW = new Date('2026-03-01T10:00:00.000Z');
const losartan = { sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 1, amount: 40_000 };

describe.each(engines)('what a till sends, on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    const clock = new TestClock(new Date(NOW));
    const auth = () => ({ Authorization: `Bearer ${t.key}` });
    const sale = (receiptId: string, purchasedAt: string, extra: Record<string, unknown> = {}) =>
        request(app)
            .post('/pos/v1/receipts')
            .set(auth())
            .send({
                receiptId,
                cardNumber: 'CARD-T1',
                storeCode: 'S1',
                purchasedAt,
                lines: [losartan],
                ...extra,
            });
    const paths = (res: request.Response) =>
        (res.body.error?.details ?? []).map((d: { path: string }) => d.path);
    const consents = (card: string, body: Record<string, unknown>) =>
        request(app).put(`/pos/v1/customers/${card}`).set(auth()).send({ consents: body });

    beforeAll(async () => {
        t = await startTestRefill(engine, 'till_input', { clock: clock.fn });
        app = createApp(t.refill);
    });
    afterAll(async () => t?.close());

    describe('dates', () => {
        it('impossible calendar dates and times without an offset are a 400 that writes nothing', async () => {
            const before = await tableCounts(t.refill);
            for (const at of [
                '2026-02-30T10:00:00Z',
                '2026-02-29T10:00:00Z', // 2026 is not a leap year
                '2026-13-01T10:00:00Z',
                '2026-02-28T24:30:00Z',
                '2026-02-28T10:00:00', // no offset: its meaning would depend on the server's zone
                'yesterday',
            ]) {
                const res = await sale(`BAD-DATE-${at}`.slice(0, 60).replace(/[^A-Za-z0-9-]/g, '-'), at);
                expect(res.status, at).toBe(400);
                expect(paths(res)).toEqual(['purchasedAt']);
            }
            expect(await tableCounts(t.refill)).toEqual(before);
        });

        it('sales dated in year 0001, 1000 or 1900, older than pos.maxBackdateDays or ahead of the clock skew are refused', async () => {
            const before = await tableCounts(t.refill);
            for (const at of [
                '0001-01-01T00:00:00Z',
                '1000-06-15T12:00:00Z',
                '1900-01-01T00:00:00Z',
                '2026-01-29T09:59:00Z', // 31 days back: the default bound is 30
                '2026-03-01T10:06:00Z', // 6 minutes ahead: the default skew is 5
                '2099-01-01T00:00:00Z',
            ]) {
                const res = await sale('OLD-1', at);
                expect(res.status, at).toBe(400);
                expect(res.body.error.code).toBe('REFILL_VALIDATION');
                expect(paths(res)).toEqual(['purchasedAt']);
            }
            expect(await tableCounts(t.refill)).toEqual(before);
            expect((await sale('EDGE-PAST', '2026-01-30T10:01:00Z')).status).toBe(201);
            expect((await sale('EDGE-FUTURE', '2026-03-01T13:04:00+03:00')).status).toBe(201);
        });

        it('a return dated in 2099 or before its sale is refused; one between is recorded', async () => {
            expect((await sale('RET-DATES', '2026-02-20T10:00:00Z')).status).toBe(201);
            const give = (returnId: string, returnedAt?: string) =>
                request(app)
                    .post('/pos/v1/receipts/RET-DATES/returns')
                    .set(auth())
                    .send({ returnId, returnedAt, lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            for (const at of ['2099-01-01T00:00:00Z', '2026-02-20T09:59:59Z', '2026-02-31T10:00:00Z']) {
                const res = await give('R-BAD', at);
                expect(res.status, at).toBe(400);
                expect(paths(res)).toEqual(['returnedAt']);
            }
            expect((await give('R-OK', '2026-02-25T10:00:00Z')).status).toBe(201);
        });

        it('the bonus lifetime of a back-dated sale counts from purchasedAt, as the slip says', async () => {
            const res = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({
                    receiptId: 'BACKDATED',
                    cardNumber: 'CARD-LIFE',
                    storeCode: 'S1',
                    purchasedAt: '2026-02-11T10:00:00Z',
                    lines: [losartan],
                });
            expect(res.status).toBe(201);
            const balance = await request(app).get('/pos/v1/customers/CARD-LIFE/balance').set(auth());
            // 365 days from the sale on 11 February 2026 (chain time), not from the commit on 1 March.
            expect(balance.body.expiries).toEqual([{ date: '2027-02-11', amount: res.body.earned }]);
        });
    });

    describe('consents from a till with a wrong clock', () => {
        it('a consent dated beyond the clock skew (2099) is a 400 and changes nothing', async () => {
            const res = await consents('CARD-C1', { sms: { granted: true, at: '2099-01-01T00:00:00Z' } });
            expect(res.status).toBe(400);
            expect(paths(res)).toEqual(['consents.sms.at']);
            expect(
                await t.internals.repositories.customers.findByCard(t.internals.database, 'CARD-C1'),
            ).toBeNull();
        });

        it('service consents follow the same bounds at their own path, and the customer shows both purposes', async () => {
            const bad = await request(app)
                .put('/pos/v1/customers/CARD-C5')
                .set(auth())
                .send({ serviceConsents: { sms: { granted: true, at: '2099-01-01T00:00:00Z' } } });
            expect(bad.status).toBe(400);
            expect(paths(bad)).toEqual(['serviceConsents.sms.at']);
            const res = await request(app)
                .put('/pos/v1/customers/CARD-C5')
                .set(auth())
                .send({
                    consents: { sms: { granted: true } },
                    serviceConsents: { email: { granted: true } },
                });
            expect(res.status).toBe(201);
            expect(res.body.consents).toEqual({ sms: { granted: true, changedAt: expect.any(String) } });
            expect(res.body.serviceConsents).toEqual({
                sms: { granted: true, changedAt: expect.any(String) },
                email: { granted: true, changedAt: expect.any(String) },
            });
        });

        it('a withdrawal takes effect even after a grant stored with a far-future time', async () => {
            expect((await consents('CARD-C2', { sms: { granted: true } })).status).toBe(201);
            // A grant recorded before times were bounded, by a till whose clock ran 73 years ahead.
            const customer = await t.internals.repositories.customers.findByCard(
                t.internals.database,
                'CARD-C2',
            );
            await t.internals.database.transaction((tx) =>
                t.internals.repositories.consents.record(
                    tx,
                    [
                        {
                            customerId: customer!.id,
                            channel: 'sms',
                            granted: true,
                            changedAt: new Date('2099-01-01T00:00:00Z'),
                            source: 'store:S1',
                        },
                    ],
                    clock.fn(),
                ),
            );
            const withdrawn = await consents('CARD-C2', { sms: { granted: false } });
            expect(withdrawn.status).toBe(200);
            expect(withdrawn.body.consents.sms.granted).toBe(false);
            const read = await request(app).get('/pos/v1/customers/CARD-C2').set(auth());
            expect(read.body.consents.sms.granted).toBe(false);
        });

        it('a till re-sending consents without `at` does not re-subscribe a customer who replied STOP', async () => {
            await request(app)
                .put('/pos/v1/customers/CARD-C3')
                .set(auth())
                .send({
                    phone: '+7 916 555-01-03',
                    consents: { sms: { granted: true }, email: { granted: true } },
                });
            const endpoints = await t.internals.services.inbound.endpoints();
            const inbound = new URL(
                Object.entries(endpoints).find(([name]) => /inbound/i.test(name))![1],
                'http://x',
            );
            clock.now = new Date(clock.now.getTime() + 60_000);
            const stop = await request(app)
                .post(inbound.pathname)
                .send({ from: '+79165550103', text: 'STOP' });
            expect(stop.status).toBe(200);
            expect(stop.body.unsubscribed).toBe(1);

            // The till restates what it holds, as it does on every profile update: nothing changes.
            clock.now = new Date(clock.now.getTime() + 60_000);
            const resent = await request(app)
                .put('/pos/v1/customers/CARD-C3')
                .set(auth())
                .send({ name: 'Boris', consents: { sms: { granted: true }, email: { granted: true } } });
            expect(resent.status).toBe(200);
            expect(resent.body.consents.sms.granted).toBe(false);
            expect(resent.body.consents.email.granted).toBe(true);
            // A grant dated before the STOP is older than the latest act: ignored too.
            const older = await consents('CARD-C3', { sms: { granted: true, at: '2026-03-01T09:00:00Z' } });
            expect(older.body.consents.sms.granted).toBe(false);
            // A new consent given at the till, with its time, is the latest explicit act: it counts.
            const fresh = await consents('CARD-C3', { sms: { granted: true, at: clock.now.toISOString() } });
            expect(fresh.body.consents.sms.granted).toBe(true);
        });

        it('a till that withdrew and grants again without `at` re-subscribes (a changed state is a new act)', async () => {
            await consents('CARD-C4', { email: { granted: true } });
            expect(
                (await consents('CARD-C4', { email: { granted: false } })).body.consents.email.granted,
            ).toBe(false);
            expect(
                (await consents('CARD-C4', { email: { granted: true } })).body.consents.email.granted,
            ).toBe(true);
        });
    });

    describe('preview', () => {
        it('a preview sent the commit body accepts and ignores receiptId, storeCode and purchasedAt', async () => {
            const before = await tableCounts(t.refill);
            const res = await request(app)
                .post('/pos/v1/receipts/preview')
                .set(auth())
                .send({
                    receiptId: 'PREVIEW-1',
                    cardNumber: 'CARD-T1',
                    storeCode: 'S1',
                    purchasedAt: NOW.toISOString(),
                    lines: [losartan],
                });
            expect(res.status).toBe(200);
            expect(res.body.receiptId).toBeUndefined();
            expect(res.body.total).toBe(40_000);
            expect(await tableCounts(t.refill)).toEqual(before);
        });

        it('a preview caps redeem where the commit would answer 422, and says so and why', async () => {
            await t.internals.services.adjustments.adjust({
                cardNumber: 'CARD-T1',
                amount: 50_000 - (await t.refill.hooks.balance('CARD-T1')).available,
                reason: 'setup',
                author: 'test',
            });
            const preview = (redeem: number, lines = [losartan]) =>
                request(app)
                    .post('/pos/v1/receipts/preview')
                    .set(auth())
                    .send({ cardNumber: 'CARD-T1', lines, redeem });
            const fits = await preview(10_000);
            expect(fits.body).toMatchObject({ redeem: 10_000, requestedRedeem: 10_000, redeemCapped: false });
            expect(fits.body.redeemCapReason).toBeNull();
            // 50% of 40,000 is the share cap; the balance (50,000) is larger.
            const share = await preview(30_000);
            expect(share.body).toMatchObject({
                redeem: 20_000,
                requestedRedeem: 30_000,
                redeemCapped: true,
                redeemCapReason: 'share-cap',
            });
            const balance = await preview(60_000, [{ ...losartan, amount: 200_000 }]);
            expect(balance.body).toMatchObject({
                redeem: 50_000,
                redeemCapped: true,
                redeemCapReason: 'balance',
            });
            const none = await preview(100, [
                { sku: 'REG-1', name: 'Regulated', quantity: 1, amount: 9_000 },
            ]);
            expect(none.body).toMatchObject({
                redeem: 0,
                redeemCapped: true,
                redeemCapReason: 'no-eligible-lines',
            });
            // The commit of the capped request is the 422 the flag announced.
            const commit = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({
                    receiptId: 'CAPPED',
                    cardNumber: 'CARD-T1',
                    storeCode: 'S1',
                    purchasedAt: clock.now.toISOString(),
                    lines: [losartan],
                    redeem: 30_000,
                });
            expect(commit.status).toBe(422);
            expect(commit.body.error.details.maxRedeemable).toBe(share.body.redeem);
        });
    });
});
