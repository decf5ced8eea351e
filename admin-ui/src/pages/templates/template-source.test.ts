import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { rangeAt, refusalOf, transliterationOf, withTransliteration } from './template-source';

describe('the template editor’s source helpers', () => {
    it('switch transliteration on with a directive line, and off by removing it', () => {
        const on = withTransliteration('Привет', true);
        expect(on).toBe('{{!-- transliterate: icao_doc_9303 --}}\nПривет');
        expect(transliterationOf(on)).toBe('icao_doc_9303');
        expect(withTransliteration(on, true)).toBe(on);
        expect(withTransliteration(on, false)).toBe('Привет');
        expect(withTransliteration('a {{! transliterate: wikipedia }} b', false)).toBe('a b');
        expect(transliterationOf('Привет')).toBeNull();
    });

    it('read the line and column of a refused template, and nothing from other errors', () => {
        const refused = new ApiError(400, 'REFILL_VALIDATION', 'x', [
            { path: 'source', message: 'Parse error', rule: 'syntax', line: 2 },
            { path: 'template', message: 'welcome/sms' },
        ]);
        expect(refusalOf(refused)).toEqual({ message: 'Parse error', rule: 'syntax', line: 2, column: null });
        expect(refusalOf(new ApiError(404, 'REFILL_NOT_FOUND', 'x'))).toBeNull();
        expect(refusalOf(new Error('x'))).toBeNull();
    });

    it('mark from the column, else the first non-blank character, to the end of the line', () => {
        const text = 'one\n  two {{x}}\nthree';
        expect(rangeAt(text, 2, null)).toEqual({ from: 6, to: 15 });
        expect(rangeAt(text, 2, 7)).toEqual({ from: 10, to: 15 });
        expect(rangeAt(text, 9, null)).toEqual({ from: 16, to: 21 });
        expect(rangeAt('', 1, null)).toEqual({ from: 0, to: 0 });
    });
});
