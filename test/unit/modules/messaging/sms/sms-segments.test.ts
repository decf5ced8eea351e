import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import smsSegments from 'sms-segments-calculator';
import { countSegments } from '../../../../../plugin/modules/messaging/sms/sms-segments.js';
import {
    cheaperVariant,
    smsCost,
    transliterate,
} from '../../../../../plugin/modules/messaging/sms/sms-transliteration.js';

describe('countSegments', () => {
    it('counts GSM-7 at 160 per single and 153 per concatenated segment', () => {
        expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(countSegments('a'.repeat(161)).segments).toBe(2);
        expect(countSegments('a'.repeat(306)).segments).toBe(2);
        expect(countSegments('a'.repeat(307)).segments).toBe(3);
    });

    it('counts UCS-2 (Cyrillic) at 70 and 67', () => {
        expect(countSegments('я'.repeat(70))).toMatchObject({
            encoding: 'UCS-2',
            segments: 1,
            characters: 70,
        });
        expect(countSegments('я'.repeat(71)).segments).toBe(2);
        expect(countSegments('я'.repeat(134)).segments).toBe(2);
        expect(countSegments('я'.repeat(135)).segments).toBe(3);
        expect(countSegments('Бонусы: 150').unicodeCharacters).toEqual(['Б', 'о', 'н', 'у', 'с', 'ы']);
    });

    it('counts GSM extension characters twice', () => {
        expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(countSegments('€'.repeat(81)).segments).toBe(2);
        expect(countSegments('{'.repeat(81)).segments).toBe(2);
    });

    it('is zero segments for an empty text and never fewer segments for a longer text', () => {
        expect(countSegments('').segments).toBe(0);
        fc.assert(
            fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 50 }), (a, b) => {
                expect(countSegments(a + b).segments).toBeGreaterThanOrEqual(countSegments(a).segments);
            }),
        );
    });
});

describe('cheaperVariant', () => {
    const text = 'Ваши бонусы сгорают 25.11. Персональное предложение ждёт вас в аптеке до пятницы!';

    it('keeps Cyrillic unless the template opted in', () => {
        const v = cheaperVariant(text);
        expect(v).toMatchObject({ transliterated: false, encoding: 'UCS-2', segments: 2, candidate: null });
    });

    it('sends the transliterated text when it needs fewer segments', () => {
        const v = cheaperVariant(text, { transliterate: true, scheme: 'icao_doc_9303' });
        expect(v.transliterated).toBe(true);
        expect(v.encoding).toBe('GSM-7');
        expect(v.segments).toBe(1);
        expect(v.original.segments).toBe(2);
        expect(v.text).toMatch(/^Vashi bonusy sgoraiut 25\.11\./);
    });

    it('keeps the original on a tie', () => {
        const v = cheaperVariant('Бонусы: 150', { transliterate: true });
        expect(v.transliterated).toBe(false);
        expect(v.candidate?.segments).toBe(1);
    });

    it('transliterates by named schemes', () => {
        expect(transliterate('Щука, ёлка', 'gost_52535')).toBe('Shchuka, elka');
        expect(transliterate('Щука, ёлка', 'mvd_782')).toBe('Shchuka, yolka');
    });

    it('prices segments in minor units', () => {
        expect(smsCost(3, 250)).toBe(750);
    });
});

describe('countSegments fast path', () => {
    const alphabet = [
        ...'abcXYZ019 .,!?@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ',
        ...'€[]{}\\^~|',
        ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЯ',
        ...'«»—–…№',
        '\n',
        '\r',
        '\r\n',
        '👍',
        '🇷🇺',
        'е\u0301',
        '\u200d',
        '한',
        '\u1100\u1161',
    ];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }).map((parts) => parts.join(''));

    it('agrees with the library on every text', () => {
        fc.assert(
            fc.property(text, (t) => {
                const lib = new smsSegments.SegmentedMessage(t, 'auto', false);
                const ours = countSegments(t);
                expect(ours.segments).toBe(t.length === 0 ? 0 : lib.segmentsCount);
                expect(ours.encoding).toBe(lib.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2');
                expect(ours.characters).toBe([...t].length);
                expect(ours.unicodeCharacters.length).toBe(lib.getNonGsmCharacters().length);
            }),
            { numRuns: 3000 },
        );
    });

    it('counts the boundaries exactly', () => {
        for (const [t, segments] of [
            ['a'.repeat(160), 1],
            ['a'.repeat(161), 2],
            ['a'.repeat(306), 2],
            ['a'.repeat(307), 3],
            ['я'.repeat(70), 1],
            ['я'.repeat(71), 2],
            ['я'.repeat(134), 2],
            ['я'.repeat(135), 3],
        ] as const)
            expect(countSegments(t).segments).toBe(segments);
    });
});
