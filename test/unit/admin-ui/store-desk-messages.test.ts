import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
    JSON.parse(
        readFileSync(new URL(`../../../admin-ui/src/i18n/${locale}.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
const ru = load('ru');

/** The Russian message `id` with `values`, spaces normalised (ICU groups with a no-break space). */
function say(id: string, values: Record<string, number | string>): string {
    return String(new IntlMessageFormat(ru[id], 'ru').format(values)).replace(/\s/g, ' ');
}

describe('store desk messages in Russian', () => {
    it('every plural has the one, few and many forms', () => {
        const lacking = Object.entries(ru)
            .filter(([, text]) => text.includes(', plural,'))
            .filter(([, text]) => !/one \{/.test(text) || !/few \{/.test(text) || !/many \{/.test(text))
            .map(([id]) => id);
        expect(lacking).toEqual([]);
    });

    it('says how many rows a list shows', () => {
        expect([1, 3, 5, 21].map((count) => say('list.shownAll', { count }))).toEqual([
            '1 строка, это всё',
            '3 строки, это всё',
            '5 строк, это всё',
            '21 строка, это всё',
        ]);
    });

    it('names the manager’s limit with the right form', () => {
        expect(say('desk.error.adjustmentLimit', { limit: 1000 })).toContain('ваш лимит — 1 000 бонусов.');
        expect(say('desk.error.adjustmentLimit', { limit: 2 })).toContain('ваш лимит — 2 бонуса.');
        expect(say('desk.error.adjustmentLimit', { limit: 21 })).toContain('ваш лимит — 21 бонус.');
    });

    it('counts lots and minutes', () => {
        expect([0, 1, 4, 11].map((count) => say('lots.summary', { count }))).toEqual([
            'Нет действующих или ожидающих партий',
            '1 действующая или ожидающая партия',
            '4 действующие или ожидающие партии',
            '11 действующих или ожидающих партий',
        ]);
        expect(say('verdict.hold.min_gap', { minutes: 22 })).toBe('22 минуты между рекламными сообщениями');
    });
});
