import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import {
    type ConversionInterval,
    readConversion,
} from '../../../admin-ui/src/pages/campaign/report/report-reading.js';

const I18N = new URL('../../../admin-ui/src/i18n/pages/', import.meta.url);
const messages = (locale: string) =>
    JSON.parse(readFileSync(new URL(`campaign.${locale}.json`, I18N), 'utf8')) as Record<string, string>;

/** A conversion uplift whose absolute interval is [low, high]. */
function uplift(low: number | null, high: number | null): ConversionInterval {
    return { absolute: { ciLow: low, ciHigh: high } };
}

/** The reading as the page words it. */
function say(locale: 'ru' | 'en', low: number | null, high: number | null): string {
    const r = readConversion(uplift(low, high));
    const format = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
    const text = new IntlMessageFormat(messages(locale)[`campaign.reading.${r.kind}`], locale).format({
        low: format(r.low),
        high: format(r.high),
        count: r.high,
        audience: 'lapsed',
    });
    return String(text).replace(/\s/g, ' ');
}

describe('the report’s plain-language reading', () => {
    it('reads the interval of the conversion uplift as buyers per 100 customers', () => {
        expect(readConversion(uplift(0.025, 0.095))).toEqual({ kind: 'gain', low: 2.5, high: 9.5 });
        expect(readConversion(uplift(-0.04, -0.011))).toEqual({ kind: 'loss', low: 1.1, high: 4 });
        expect(readConversion(uplift(-0.012, 0.034))).toEqual({ kind: 'unclear', low: -1.2, high: 3.4 });
        expect(readConversion(uplift(null, null)).kind).toBe('none');
        expect(readConversion(null).kind).toBe('none');
    });

    it('words it in English and Russian with the right plural', () => {
        expect(say('en', 0.025, 0.095)).toBe(
            'With 95% confidence the campaign added between 2.5 and 9.5 buyers per 100 lapsed customers.',
        );
        expect(say('ru', 0.025, 0.095)).toBe(
            'С уверенностью 95 % кампания добавила от 2,5 до 9,5 покупателя на каждые 100 ушедших клиентов.',
        );
        expect(say('ru', 0.02, 0.05)).toContain('от 2 до 5 покупателей');
        expect(say('ru', 0.001, 0.01)).toContain('от 0,1 до 1 покупателя');
        expect(say('ru', 0.01, 0.21)).toContain('до 21 покупателя');
        expect(say('en', 0.001, 0.01)).toContain('between 0.1 and 1 buyer per 100');
        expect(say('en', -0.04, -0.011)).toContain('cost between 1.1 and 4 buyers');
        expect(say('ru', -0.012, 0.034)).toContain('от -1,2 до 3,4');
    });
});
