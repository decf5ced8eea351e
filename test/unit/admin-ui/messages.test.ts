import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const I18N = new URL('../../../admin-ui/src/i18n/', import.meta.url);
const read = (file: string) =>
    JSON.parse(readFileSync(new URL(file, I18N), 'utf8')) as Record<string, string>;
/** The shell's pair and each area's pair under pages/, merged as messages.ts merges them. */
const AREAS = readdirSync(new URL('pages/', I18N))
    .filter((f) => f.endsWith('.en.json'))
    .map((f) => f.slice(0, -'.en.json'.length));
const load = (locale: string) =>
    Object.assign(
        read(`${locale}.json`),
        ...AREAS.map((area) => read(`pages/${area}.${locale}.json`)),
    ) as Record<string, string>;
const ru = load('ru');
const en = load('en');

describe('admin UI messages', () => {
    it('ru and en have the same ids', () => {
        expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    });

    it.each(AREAS)('the %s area has the same ids in both languages, each prefixed with its area', (area) => {
        const areaEn = read(`pages/${area}.en.json`);
        expect(Object.keys(read(`pages/${area}.ru.json`)).sort()).toEqual(Object.keys(areaEn).sort());
        for (const id of Object.keys(areaEn)) expect(id.startsWith(`${area}.`), id).toBe(true);
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
