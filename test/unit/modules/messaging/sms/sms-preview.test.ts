import { describe, expect, it } from 'vitest';
import {
    DEFAULT_TRANSLIT_SCHEME,
    smsPreview,
} from '../../../../../plugin/modules/messaging/sms/sms-preview.js';

const LONG_RU = 'Анна, на вашей карте есть бонусы. Успейте потратить их до конца месяца в любой аптеке сети!';

describe('the SMS preview', () => {
    it('counts both variants when the template did not opt in, and sends the text as it is', () => {
        const p = smsPreview(LONG_RU, undefined);
        expect(p).toMatchObject({
            text: LONG_RU,
            segments: 2,
            transliterated: false,
            scheme: null,
            candidate: null,
        });
        expect(p.variants.asIs).toMatchObject({ text: LONG_RU, segments: 2, encoding: 'UCS-2' });
        expect(p.variants.transliterated).toMatchObject({
            segments: 1,
            encoding: 'GSM-7',
            scheme: DEFAULT_TRANSLIT_SCHEME,
        });
        expect(p.variants.transliterated.text).toMatch(/^Anna, na vashei karte/);
    });

    it('sends the cheaper transliterated text when the template opted in', () => {
        const p = smsPreview(LONG_RU, 'wikipedia');
        expect(p).toMatchObject({
            segments: 1,
            encoding: 'GSM-7',
            transliterated: true,
            scheme: 'wikipedia',
        });
        expect(p.text).toBe(p.variants.transliterated.text);
        expect(p.original).toEqual({ segments: 2, encoding: 'UCS-2' });
    });

    it('keeps the original on a tie', () => {
        const p = smsPreview('Привет', 'icao_doc_9303');
        expect(p).toMatchObject({ text: 'Привет', transliterated: false, segments: 1 });
        expect(p.variants.transliterated).toMatchObject({ text: 'Privet', segments: 1, encoding: 'GSM-7' });
    });
});
