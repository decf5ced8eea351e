import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
    JSON.parse(
        readFileSync(new URL(`../../../admin-ui/src/i18n/${locale}.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
const ru = load('ru');
const en = load('en');

describe('admin UI messages', () => {
    it('ru and en have the same ids', () => {
        expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    });

    it.each(Object.keys(en))('%s is valid ICU in both languages', (id) => {
        expect(() => new IntlMessageFormat(ru[id], 'ru')).not.toThrow();
        expect(() => new IntlMessageFormat(en[id], 'en')).not.toThrow();
    });

    it('bonuses take the Russian plural forms', () => {
        const bonuses = new IntlMessageFormat(ru['units.bonuses'], 'ru');
        const say = (count: number) => String(bonuses.format({ count })).replace(/\s/g, ' ');
        expect([1, 2, 5, 21, 1.5].map(say)).toEqual([
            '1 бонус',
            '2 бонуса',
            '5 бонусов',
            '21 бонус',
            '1,5 бонуса',
        ]);
    });
});
