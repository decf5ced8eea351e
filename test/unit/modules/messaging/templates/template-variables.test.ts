import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS } from '../../../../../plugin/kernel/vocabulary/message-kinds.js';
import { sampleData } from '../../../../../plugin/modules/messaging/templates/template-samples.js';
import {
    kindGroups,
    leaves,
    templateVariables,
    variableInfo,
} from '../../../../../plugin/modules/messaging/templates/template-variables.js';

const dir = join(process.cwd(), 'templates');
/** A variable path inside a mustache of a shipped template. */
const USED = /\b(?:customer|offer|category|expiry|purchase|chain)\.[A-Za-z]+|\bunsubscribeUrl\b/g;

describe('template variables', () => {
    it('describe every field of the sample data, and nothing else', () => {
        const paths = leaves(sampleData('ru')).map(([path]) => path);
        for (const path of paths) expect(variableInfo(path), path).toBeDefined();
        const listed = new Set(MESSAGE_KINDS.flatMap((k) => templateVariables(k, 'ru').map((v) => v.name)));
        expect([...listed].sort()).toEqual([...paths].sort());
    });

    it('give each kind its own groups; the unsubscribe link only to marketing', () => {
        expect(kindGroups('welcome')).toEqual(['customer', 'chain']);
        expect(kindGroups('balance')).toEqual(['customer', 'purchase', 'chain']);
        expect(kindGroups('lapse-offer')).toEqual(['customer', 'offer', 'category', 'chain', 'unsubscribeUrl']);
    });

    it('insert amounts and dates through their helpers, with sample values in the locale', () => {
        const en = templateVariables('offer-expiry', 'en');
        expect(en.find((v) => v.name === 'offer.endsAt')?.insert).toBe('{{date offer.endsAt}}');
        expect(en.find((v) => v.name === 'offer.giftAmount')?.insert).toBe('{{bonuses offer.giftAmount}}');
        expect(en.find((v) => v.name === 'customer.name')).toMatchObject({ insert: '{{customer.name}}', sample: 'Anna' });
        expect(templateVariables('balance', 'ru').find((v) => v.name === 'purchase.total')?.insert).toBe(
            '{{money purchase.total}}',
        );
    });

    it('cover every variable the shipped templates of a kind use', () => {
        for (const kind of MESSAGE_KINDS) {
            const names = new Set(templateVariables(kind, 'ru').map((v) => v.name));
            for (const file of ['sms.ru.hbs', 'text.en.hbs', 'email.ru.hbs']) {
                const source = readFileSync(join(dir, kind, file), 'utf8');
                for (const used of source.match(USED) ?? []) expect(names.has(used), `${kind}/${file}: ${used}`).toBe(true);
            }
        }
    });
});
