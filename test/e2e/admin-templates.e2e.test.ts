import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

const LONG_RU =
    '{{customer.name}}, на вашей карте есть бонусы. Успейте потратить их до конца месяца в любой аптеке сети!';

describe.each(engines)('admin template API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let manager: string;
    let admin: string;
    const clock = new TestClock(new Date('2026-02-01T08:00:00.000Z'));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const url = '/loyalty/admin/v1/templates';
    const stored = async () => {
        const [row] = await t.internals.database.all<{ n: unknown }>(
            'SELECT COUNT(*) AS n FROM refill_templates',
        );
        return Number(row.n);
    };
    const audit = (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            `SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? ORDER BY id`,
            [action],
        );

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_templates', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        const tokens = t.internals.services.adminTokens;
        marketer = await tokens.create('crm', 'marketer', 'test');
        manager = await tokens.create('store-manager', 'manager', 'test');
        admin = await tokens.create('ops', 'admin', 'test');
    });
    afterAll(async () => t?.close());

    it('lists every kind, channel and locale with where its template comes from', async () => {
        const res = await api.get(url).set(auth(manager));
        expect(res.status).toBe(200);
        expect(res.body.templates).toHaveLength(8 * 7 * 2);
        const find = (kind: string, channel: string, locale: string) =>
            res.body.templates.find(
                (x: { kind: string; channel: string; locale: string }) =>
                    x.kind === kind && x.channel === channel && x.locale === locale,
            );
        expect(find('welcome', 'sms', 'ru')).toEqual({
            kind: 'welcome',
            channel: 'sms',
            locale: 'ru',
            origin: 'file',
            updatedBy: null,
            updatedAt: null,
        });
        expect(find('lapse-offer', 'email', 'en').origin).toBe('file');
        expect(find('welcome', 'telegram', 'en').origin).toBe('fallback:text.en');
        const one = await api.get(`${url}/balance/push/ru`).set(auth(manager));
        expect(one.body.template).toMatchObject({ origin: 'fallback:text.ru' });
        expect(one.body.template.source.length).toBeGreaterThan(10);
    });

    it('saves an override that the renderer uses at once; audited', async () => {
        const source = 'Привет, {{customer.name}}! Ваши бонусы ждут вас.';
        const put = await api.put(`${url}/welcome/sms/ru`).set(auth(marketer)).send({ source });
        expect(put.status).toBe(200);
        expect(put.body.template).toMatchObject({ origin: 'database', source, updatedBy: 'token:crm' });
        expect(new Date(put.body.template.updatedAt).toISOString()).toBe('2026-02-01T08:00:00.000Z');
        const get = await api.get(`${url}/welcome/sms/ru`).set(auth(manager));
        expect(get.body.template).toMatchObject({ origin: 'database', source });
        const renderer = t.internals.services.renderer;
        expect(await renderer.render('welcome', 'sms', 'ru', { customer: { name: 'Анна' } })).toEqual({
            text: 'Привет, Анна! Ваши бонусы ждут вас.',
        });
        const [entry] = await audit('template.save');
        expect(entry).toMatchObject({ actor: 'token:crm', entity_id: 'welcome/sms.ru' });
        expect(JSON.parse(entry.details)).toEqual({ before: null, after: source });

        // A saved Russian `text` template serves Telegram in Russian; English keeps the shipped file.
        const text = await api
            .put(`${url}/welcome/text/ru`)
            .set(auth(admin))
            .send({ source: 'Телеграм: {{customer.name}}' });
        expect(text.status).toBe(200);
        expect(await renderer.render('welcome', 'telegram', 'ru', { customer: { name: 'Анна' } })).toEqual({
            text: 'Телеграм: Анна',
        });
        const en = await renderer.render('welcome', 'telegram', 'en', { customer: { name: 'B' } });
        expect(en.text).not.toMatch(/Телеграм/);
        const tg = await api.get(`${url}/welcome/telegram/ru`).set(auth(manager));
        expect(tg.body.template).toMatchObject({ origin: 'fallback:text.ru', updatedBy: 'token:ops' });
    });

    it('refuses a template that would fail at send time, with the reason, and stores nothing', async () => {
        const before = await stored();
        const refused = async (path: string, source: string) => {
            const res = await api.put(`${url}/${path}`).set(auth(marketer)).send({ source });
            expect(res.status, source).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details[0].path).toBe('source');
            return res.body.error.details[0].message as string;
        };
        await refused('welcome/sms/en', 'Hi {{#if customer.name}}unclosed');
        await refused(
            'lapse-offer/email/ru',
            'subject: x\n---\n<p>{{customer.name}}, no unsubscribe link</p>',
        );
        expect(await refused('welcome/sms/en', 'Hi {{shout customer.name}}')).toMatch(/shout/);
        expect(await refused('welcome/sms/en', '{{!-- transliterate: klingon --}}Hi')).toMatch(/klingon/);
        await refused('welcome/sms/en', '');

        const kind = await api.put(`${url}/nope/sms/ru`).set(auth(marketer)).send({ source: 'x' });
        expect(kind.status).toBe(400);
        expect(kind.body.error.details[0].path).toBe('kind');
        const loc = await api.get(`${url}/welcome/sms/de`).set(auth(marketer));
        expect(loc.status).toBe(400);
        expect(loc.body.error.details[0].path).toBe('locale');
        expect(await stored()).toBe(before);
        const en = await api.get(`${url}/welcome/sms/en`).set(auth(manager));
        expect(en.body.template.origin).toBe('file');
    });

    it('lets only admins and marketers change templates', async () => {
        const put = await api.put(`${url}/welcome/sms/en`).set(auth(manager)).send({ source: 'Hi' });
        expect(put.status).toBe(403);
        expect(put.body.error.code).toBe('REFILL_FORBIDDEN');
        expect((await api.delete(`${url}/welcome/sms/ru`).set(auth(manager))).status).toBe(403);
    });

    it('previews an unsaved SMS with its segments, and the cheaper Latin variant when opted in', async () => {
        const before = await stored();
        const plain = await api.post(`${url}/preview`).set(auth(manager)).send({
            kind: 'welcome',
            channel: 'sms',
            locale: 'ru',
            source: '{{customer.name}}, добро пожаловать!',
        });
        expect(plain.status).toBe(200);
        expect(plain.body.preview.message).toEqual({ text: 'Анна, добро пожаловать!' });
        expect(plain.body.preview.sms).toMatchObject({
            text: 'Анна, добро пожаловать!',
            segments: 1,
            encoding: 'UCS-2',
            transliterated: false,
            candidate: null,
        });

        const cyrillic = await api
            .post(`${url}/preview`)
            .set(auth(manager))
            .send({ kind: 'welcome', channel: 'sms', locale: 'ru', source: LONG_RU });
        expect(cyrillic.body.preview.sms).toMatchObject({ segments: 2, transliterated: false });
        const latin = await api
            .post(`${url}/preview`)
            .set(auth(marketer))
            .send({
                kind: 'welcome',
                channel: 'sms',
                locale: 'ru',
                source: `{{!-- transliterate: icao_doc_9303 --}}\n${LONG_RU}`,
            });
        expect(latin.status).toBe(200);
        const sms = latin.body.preview.sms;
        expect(sms.characters).toBeGreaterThan(70);
        expect(sms).toMatchObject({
            transliterated: true,
            scheme: 'icao_doc_9303',
            encoding: 'GSM-7',
            segments: 1,
            original: { segments: 2, encoding: 'UCS-2' },
        });
        expect(sms.text).toMatch(/^Anna, na vashei karte/);
        expect(sms.candidate.text).toBe(sms.text);

        const email = await api
            .post(`${url}/preview`)
            .set(auth(manager))
            .send({ kind: 'lapse-offer', channel: 'email', locale: 'en' });
        expect(email.body.preview.message.subject).toMatch(/Anna/);
        expect(email.body.preview.sms).toBeUndefined();
        const broken = await api
            .post(`${url}/preview`)
            .set(auth(manager))
            .send({ kind: 'welcome', channel: 'sms', locale: 'ru', source: '{{#each}}' });
        expect(broken.status).toBe(400);
        expect(broken.body.error.details[0].path).toBe('source');
        expect(await stored()).toBe(before);
    });

    it('reverts to the file on DELETE, audited; a second DELETE finds nothing', async () => {
        const del = await api.delete(`${url}/welcome/sms/ru`).set(auth(marketer));
        expect(del.status).toBe(200);
        expect(del.body.template).toMatchObject({ origin: 'file', updatedBy: null });
        const out = await t.internals.services.renderer.render('welcome', 'sms', 'ru', {
            chain: { name: 'Аптека' },
        });
        expect(out.text).toMatch(/^Добро пожаловать в Аптека/);
        const [entry] = await audit('template.remove');
        expect(entry).toMatchObject({ actor: 'token:crm', entity_id: 'welcome/sms.ru' });
        expect(JSON.parse(entry.details).before).toMatch(/^Привет/);
        const again = await api.delete(`${url}/welcome/sms/ru`).set(auth(marketer));
        expect(again.status).toBe(404);
        expect(again.body.error.code).toBe('REFILL_NOT_FOUND');
    });
});
