import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

/*
 * Issue 10, through the admin API: templates the renderer's checks refuse are
 * a 400 on save and on preview, and nothing is stored or audited.
 */
describe.each(engines)('template checks through the admin API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    const auth = () => ({ Authorization: `Bearer ${marketer}` });
    const count = async (sql: string) => Number((await t.internals.database.all<{ n: unknown }>(sql))[0].n);
    const stored = () => count('SELECT COUNT(*) AS n FROM refill_templates');
    const audited = () => count(`SELECT COUNT(*) AS n FROM refill_audit_log WHERE action = 'template.save'`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_template_checks');
        api = request(createApp(t.refill));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
    });
    afterAll(async () => t?.close());

    it.each([
        [
            'a marketing email whose unsubscribe link is only in a comment',
            'lapse-offer/email/ru',
            'subject: Предложение\n---\n<p>x5</p>{{!-- {{unsubscribeUrl}} --}}',
        ],
        ['an empty SMS template (whitespace only)', 'welcome/sms/ru', '  \n '],
        [
            'an SMS template that renders to nothing',
            'welcome/sms/ru',
            '{{!-- transliterate: icao_doc_9303 --}}',
        ],
        ['a template with {{log @root}}', 'welcome/sms/ru', 'Привет! {{log @root}}'],
    ])('%s is refused with a 400 on save and preview, nothing stored', async (_name, path, source) => {
        const before = { stored: await stored(), audited: await audited() };
        const saved = await api.put(`/admin/v1/templates/${path}`).set(auth()).send({ source });
        expect(saved.status, saved.text).toBe(400);
        expect(saved.body.error.code).toBe('REFILL_VALIDATION');
        const [kind, channel, locale] = path.split('/');
        const preview = await api
            .post('/admin/v1/templates/preview')
            .set(auth())
            .send({ kind, channel, locale, source });
        expect(preview.status, preview.text).toBe(400);
        expect({ stored: await stored(), audited: await audited() }).toEqual(before);
    });
});
