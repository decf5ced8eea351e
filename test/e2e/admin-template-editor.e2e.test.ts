import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * What the template editor calls beyond save and revert: the history of
 * saved versions (written with every save, restore and revert), restoring
 * one, the variables of a kind, previews on a customer's data with both SMS
 * variants, and refused templates with the line of their error.
 */

const PREFIX = '/loyalty';
const at = (path: string) => `${PREFIX}/admin/v1${path}`;
/** 2 UCS-2 segments as it is, 1 GSM-7 segment transliterated. */
const LONG_RU =
    '{{customer.name}}, на вашей карте есть бонусы. Успейте потратить их до конца месяца в любой аптеке сети!';

describe.each(engines)('the template editor’s API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let admin: string;
    let analyst: string;
    const clock = new TestClock(new Date('2026-02-01T08:00:00.000Z'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const sms = '/templates/welcome/sms/ru';
    /** The answer matches the admin OpenAPI document's schema of the operation. */
    const conforms = (path: string, body: unknown, method = 'get') => {
        const pointer = `/paths/${path.replace(/\//g, '~1')}/${method}/responses/200/content/application~1json/schema`;
        const validate = ajv.getSchema(`admin#${encodeURI(pointer)}`)!;
        expect(validate, pointer).toBeTruthy();
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };
    const versions = async () => {
        const res = await api.get(at(`${sms}/history`)).set(auth(analyst));
        expect(res.status, res.text).toBe(200);
        conforms('/templates/{kind}/{channel}/{locale}/history', res.body);
        return res.body.versions as {
            id: number;
            action: string;
            source: string | null;
            restoredFrom: number | null;
            savedBy: string;
            savedAt: string;
        }[];
    };
    const audits = () =>
        t.internals.database.all<{ action: string; actor: string; details: string }>(
            `SELECT action, actor, details FROM refill_audit_log WHERE entity_type = 'template' ORDER BY id`,
        );

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_template_editor', { clock: clock.fn });
        api = request(createApp(t.refill, PREFIX));
        const tokens = t.internals.services.adminTokens;
        marketer = await tokens.create('crm', 'marketer', 'test');
        admin = await tokens.create('ops', 'admin', 'test');
        analyst = await tokens.create('bi', 'analyst', 'test');
        const document = (await api.get(at('/openapi.json')).set(auth(admin)).expect(200)).body as object;
        ajv.addSchema({ ...document, $id: 'admin' });
        await t.refill.hooks.upsertCustomer('7700123', { name: 'Борис' } as never, 'S1');
    });
    afterAll(async () => t?.close());

    it('keeps every save, restore and revert in the history with who did it, each audited', async () => {
        expect(await versions()).toEqual([]);
        const first = 'Первая версия, {{customer.name}}';
        const second = 'Вторая версия, {{customer.name}}';
        expect((await api.put(at(sms)).set(auth(marketer)).send({ source: first })).status).toBe(200);
        clock.now = new Date(clock.now.getTime() + 60_000);
        expect((await api.put(at(sms)).set(auth(admin)).send({ source: second })).status).toBe(200);
        const [v2, v1] = await versions();
        expect(v1).toMatchObject({ action: 'save', source: first, savedBy: 'token:crm', restoredFrom: null });
        expect(v2).toMatchObject({ action: 'save', source: second, savedBy: 'token:ops' });
        expect(new Date(v2.savedAt).getTime() - new Date(v1.savedAt).getTime()).toBe(60_000);

        const restored = await api.post(at(`${sms}/history/${v1.id}/restore`)).set(auth(marketer));
        expect(restored.status, restored.text).toBe(200);
        conforms('/templates/{kind}/{channel}/{locale}/history/{id}/restore', restored.body, 'post');
        expect(restored.body.template).toMatchObject({
            origin: 'database',
            source: first,
            updatedBy: 'token:crm',
        });
        const [v3] = await versions();
        expect(v3).toMatchObject({
            action: 'restore',
            source: first,
            restoredFrom: v1.id,
            savedBy: 'token:crm',
        });

        expect((await api.delete(at(sms)).set(auth(marketer))).status).toBe(200);
        const [v4] = await versions();
        expect(v4).toMatchObject({ action: 'revert', source: null, savedBy: 'token:crm' });
        const entries = await audits();
        expect(entries.map((e) => e.action)).toEqual([
            'template.save',
            'template.save',
            'template.save',
            'template.remove',
        ]);
        expect(JSON.parse(entries[2].details)).toMatchObject({
            before: second,
            after: first,
            restoredFrom: v1.id,
        });

        const revert = await api.post(at(`${sms}/history/${v4.id}/restore`)).set(auth(marketer));
        expect(revert.status).toBe(422);
        expect(revert.body.error.code).toBe('REFILL_UNPROCESSABLE');
        const other = await api
            .post(at(`/templates/welcome/sms/en/history/${v1.id}/restore`))
            .set(auth(admin));
        expect(other.status).toBe(404);
        expect(other.body.error.code).toBe('REFILL_NOT_FOUND');
        expect((await audits()).length).toBe(4);
    });

    it('refuses a restore or history request with bad parameters, naming the field', async () => {
        const bad = async (res: request.Response, path: string) => {
            expect(res.status, res.text).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
        };
        await bad(await api.post(at(`${sms}/history/zero/restore`)).set(auth(marketer)), 'id');
        await bad(await api.post(at(`${sms}/history/0/restore`)).set(auth(marketer)), 'id');
        await bad(await api.get(at('/templates/welcome/fax/ru/history')).set(auth(analyst)), 'channel');
        await bad(await api.get(at('/templates/variables')).set(auth(analyst)), 'kind');
        await bad(
            await api.get(at('/templates/variables?kind=welcome&locale=de')).set(auth(analyst)),
            'locale',
        );
        await bad(
            await api
                .post(at('/templates/preview'))
                .set(auth(marketer))
                .send({ kind: 'welcome', channel: 'sms', locale: 'ru', cardNumber: 'not a card!' }),
            'cardNumber',
        );
        const restore = await api.post(at(`${sms}/history/1/restore`)).set(auth(analyst));
        expect(restore.status).toBe(403);
    });

    it('lists the variables of a kind with sample values, the unsubscribe link only for marketing', async () => {
        const res = await api.get(at('/templates/variables?kind=bonus-expiry&locale=ru')).set(auth(analyst));
        expect(res.status).toBe(200);
        conforms('/templates/variables', res.body);
        const names = res.body.variables.map((v: { name: string }) => v.name);
        expect(names).toEqual([
            'customer.name',
            'customer.balance',
            'expiry.amount',
            'expiry.at',
            'chain.name',
            'chain.url',
        ]);
        const amount = res.body.variables.find((v: { name: string }) => v.name === 'expiry.amount');
        expect(amount).toMatchObject({ insert: '{{bonuses expiry.amount}}', sample: '15000' });
        expect(amount.example).toMatch(/^150 бонусов$/);
        const offer = await api.get(at('/templates/variables?kind=lapse-offer&locale=en')).set(auth(analyst));
        const offerNames = offer.body.variables.map((v: { name: string }) => v.name);
        expect(offerNames).toContain('offer.endsAt');
        expect(offerNames).toContain('unsubscribeUrl');
        expect(offerNames).not.toContain('expiry.amount');
    });

    it('previews on a chosen customer’s data, and says what stayed sampled', async () => {
        const res = await api.post(at('/templates/preview')).set(auth(marketer)).send({
            kind: 'welcome',
            channel: 'sms',
            locale: 'ru',
            source: 'Привет, {{customer.name}}!',
            cardNumber: '7700123',
        });
        expect(res.status, res.text).toBe(200);
        conforms('/templates/preview', res.body, 'post');
        expect(res.body.preview.message.text).toBe('Привет, Борис!');
        expect(res.body.preview.customer).toEqual({ cardNumber: '7700123', name: 'Борис' });
        expect(res.body.preview.sampled).toEqual([]);
        const stored = await api
            .get(at('/templates/lapse-offer/sms/ru/preview?cardNumber=7700123'))
            .set(auth(analyst));
        expect(stored.status, stored.text).toBe(200);
        conforms('/templates/{kind}/{channel}/{locale}/preview', stored.body);
        expect(stored.body.preview.message.text).toMatch(/^Борис/);
        expect(stored.body.preview.sampled).toEqual(['offer', 'category', 'unsubscribeUrl']);
        const unknown = await api
            .get(at('/templates/welcome/sms/ru/preview?cardNumber=9999999'))
            .set(auth(analyst));
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('REFILL_CUSTOMER_NOT_FOUND');
    });

    it('counts an SMS as it is and transliterated, whether or not the template opted in', async () => {
        const preview = (source: string) =>
            api
                .post(at('/templates/preview'))
                .set(auth(marketer))
                .send({ kind: 'welcome', channel: 'sms', locale: 'ru', source });
        const plain = (await preview(LONG_RU)).body.preview.sms;
        expect(plain).toMatchObject({ segments: 2, transliterated: false, scheme: null });
        expect(plain.variants.asIs).toMatchObject({ segments: 2, encoding: 'UCS-2' });
        expect(plain.variants.transliterated).toMatchObject({
            segments: 1,
            encoding: 'GSM-7',
            scheme: 'icao_doc_9303',
        });
        const opted = (await preview(`{{!-- transliterate: wikipedia --}}${LONG_RU}`)).body.preview.sms;
        expect(opted).toMatchObject({ segments: 1, transliterated: true, scheme: 'wikipedia' });
        expect(opted.variants.transliterated.scheme).toBe('wikipedia');
        expect(opted.text).toBe(opted.variants.transliterated.text);
    });

    it('refuses a template with a Handlebars error with a coded error at its line and column', async () => {
        const refusal = async (path: string, source: string) => {
            const res = await api.put(at(path)).set(auth(marketer)).send({ source });
            expect(res.status, res.text).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            const [detail] = res.body.error.details;
            expect(detail.path).toBe('source');
            return detail as { rule: string; line?: number; column?: number };
        };
        expect(await refusal(sms, 'Привет!\n{{#if customer.name}}без конца')).toMatchObject({
            rule: 'syntax',
            line: 2,
        });
        expect(await refusal(sms, 'Привет!\n\nСкидка {{shout customer.name}}')).toEqual(
            expect.objectContaining({ rule: 'unknown-helper', line: 3, column: 8 }),
        );
        const email = 'subject: Hi {{customer.name}}\n---\n<p>ok</p>\n<p>{{#if x}}{{/each}}</p>';
        expect(await refusal('/templates/welcome/email/en', email)).toMatchObject({
            rule: 'syntax',
            line: 4,
        });
        expect(await refusal(sms, 'Hi\n{{!-- transliterate: klingon --}}')).toMatchObject({
            rule: 'transliteration',
            line: 2,
        });
        expect(await refusal(sms, '{{!-- nothing --}}')).toMatchObject({ rule: 'empty' });
        const preview = await api
            .post(at('/templates/preview'))
            .set(auth(marketer))
            .send({ kind: 'welcome', channel: 'sms', locale: 'ru', source: 'a\nb {{/if}}' });
        expect(preview.status).toBe(400);
        expect(preview.body.error.details[0]).toMatchObject({ path: 'source', rule: 'syntax', line: 2 });
    });
});
