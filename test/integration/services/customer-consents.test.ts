import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../../../plugin/modules/messaging/link-signer.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * Marketing and service consents at the till and through the customer's own
 * opt-outs: each purpose follows the consent rules on its own, and a STOP
 * reply or an unsubscribe link withdraws marketing only.
 */
describe.each(engines)('marketing and service consents on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    const till = { source: 'S1', storeId: null };
    const states = async (card: string) => {
        const view = await t.internals.services.customers.get(card);
        return { marketing: view.consents.sms?.granted, service: view.serviceConsents.sms?.granted };
    };
    const stop = async (phone: string) => {
        const { inbound } = t.internals.services;
        const token = (await inbound.endpoints())['inbound:sms'].split('/').at(-1)!;
        return inbound.inboundSms(token, phone, 'СТОП');
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'customer-consents', { clock: clock.fn });
    });
    afterAll(async () => {
        await t?.close();
    });

    it('a till’s consent covers both purposes; serviceConsents sets service alone', async () => {
        const { customers } = t.internals.services;
        const created = await customers.upsert(
            '6700001',
            { phone: '+79006700001', consents: { sms: { granted: true } } },
            till,
        );
        expect(created.customer.consents.sms).toMatchObject({ granted: true });
        expect(created.customer.serviceConsents.sms).toMatchObject({ granted: true });
        await customers.upsert('6700001', { serviceConsents: { sms: { granted: false } } }, till);
        expect(await states('6700001')).toEqual({ marketing: true, service: false });
        // In one request, the channel's serviceConsents wins for service.
        await customers.upsert(
            '6700001',
            { consents: { sms: { granted: false } }, serviceConsents: { sms: { granted: true } } },
            till,
        );
        expect(await states('6700001')).toEqual({ marketing: false, service: true });
        // A withdrawal at the till without serviceConsents withdraws both.
        await customers.upsert('6700001', { consents: { sms: { granted: true, at: clock.fn() } } }, till);
        await customers.upsert('6700001', { consents: { sms: { granted: false } } }, till);
        expect(await states('6700001')).toEqual({ marketing: false, service: false });
    });

    it('a STOP withdraws marketing only, and a till restating its grant without `at` never undoes it', async () => {
        const { customers } = t.internals.services;
        await customers.upsert(
            '6700002',
            { phone: '+79006700002', consents: { sms: { granted: true } } },
            till,
        );
        expect(await stop('+79006700002')).toEqual({ unsubscribed: 1 });
        expect(await states('6700002')).toEqual({ marketing: false, service: true });
        clock.now = new Date(clock.now.getTime() + 60_000);
        await customers.upsert('6700002', { consents: { sms: { granted: true } } }, till);
        expect(await states('6700002')).toEqual({ marketing: false, service: true });
        // A new consent given at the till, with its time, does.
        await customers.upsert('6700002', { consents: { sms: { granted: true, at: clock.fn() } } }, till);
        expect(await states('6700002')).toEqual({ marketing: true, service: true });
    });

    it('a withdrawal of service consent always takes effect; a timeless grant restores only what a till withdrew', async () => {
        const { customers } = t.internals.services;
        // A till whose clock ran ahead granted service consent "in the future".
        const ahead = new Date(clock.now.getTime() + 4 * 60_000);
        await customers.upsert(
            '6700003',
            { phone: '+79006700003', serviceConsents: { sms: { granted: true, at: ahead } } },
            till,
        );
        expect(await states('6700003')).toEqual({ marketing: undefined, service: true });
        await customers.upsert('6700003', { serviceConsents: { sms: { granted: false } } }, till);
        expect(await states('6700003')).toEqual({ marketing: undefined, service: false });
        // The till withdrew it, so the till's timeless grant is a new act and restores it.
        await customers.upsert('6700003', { serviceConsents: { sms: { granted: true } } }, till);
        expect(await states('6700003')).toEqual({ marketing: undefined, service: true });
        // The history keeps each purpose's acts.
        const events = await t.internals.database.all<{ purpose: string; granted: unknown }>(
            `SELECT purpose, granted FROM refill_consent_events WHERE customer_id = (SELECT id FROM refill_customers WHERE card_number = ?) ORDER BY id`,
            ['6700003'],
        );
        expect(events.map((e) => [e.purpose, Number(e.granted)])).toEqual([
            ['service', 1],
            ['service', 0],
            ['service', 1],
        ]);
    });

    it('an unsubscribe link withdraws marketing email only', async () => {
        const { customers, inbound } = t.internals.services;
        await customers.upsert(
            '6700004',
            { email: 'anna@example.com', consents: { email: { granted: true } } },
            till,
        );
        const id = (await t.internals.repositories.customers.findByCard(t.internals.database, '6700004'))!.id;
        const signer = new LinkSigner(t.internals.repositories.settings, undefined, clock.fn);
        await inbound.unsubscribe(await signer.unsubscribeToken({ customerId: id, channel: 'email' }));
        const view = await customers.get('6700004');
        expect(view.consents.email).toMatchObject({ granted: false });
        expect(view.serviceConsents.email).toMatchObject({ granted: true });
    });
});
