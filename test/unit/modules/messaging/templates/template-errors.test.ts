import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
    compileRule,
    handlebarsPosition,
    lineOf,
    templateRefused,
} from '../../../../../plugin/modules/messaging/templates/template-errors.js';

/** The error Handlebars throws compiling `source` with only `if` known. */
function errorOf(source: string): unknown {
    try {
        Handlebars.create().precompile(source, { knownHelpers: { if: true }, knownHelpersOnly: true });
    } catch (error) {
        return error;
    }
    throw new Error(`compiled: ${source}`);
}

describe('template error positions', () => {
    it('take the line of a parse error from its message (the parser gives no column)', () => {
        const error = errorOf('one\ntwo\n{{#if a}}three');
        expect(handlebarsPosition(error)).toEqual({ line: 3 });
        expect(compileRule(error)).toBe('syntax');
    });

    it('take line and 1-based column from an exception', () => {
        const error = errorOf('one\n  {{shout a}}');
        expect(handlebarsPosition(error)).toEqual({ line: 2, column: 3 });
        expect(compileRule(error)).toBe('unknown-helper');
        // The column of the block's helper name: `{{#` is three characters.
        expect(handlebarsPosition(errorOf('{{#if a}}x{{/each}}'))).toEqual({ line: 1, column: 4 });
    });

    it('shift a part’s position by where the part starts in the whole source', () => {
        const error = errorOf('{{shout a}}');
        expect(handlebarsPosition(error, { lines: 0, columns: 8 })).toEqual({ line: 1, column: 9 });
        expect(handlebarsPosition(errorOf('x\n{{shout a}}'), { lines: 2, columns: 8 })).toEqual({
            line: 4,
            column: 1,
        });
    });

    it('know no position for an error without one', () => {
        expect(handlebarsPosition(new Error('boom'))).toBeNull();
        expect(lineOf('a\nb\nc', /c/)).toEqual({ line: 3 });
        expect(lineOf('a', /z/)).toBeNull();
    });

    it('answer a coded validation error with the rule and position on the source detail', () => {
        const error = templateRefused('welcome', 'sms', 'bad\nthing\n1\n2\n3', 'syntax', { line: 2, column: 4 });
        expect(error.code).toBe('REFILL_VALIDATION');
        expect(error.details).toEqual([
            { path: 'source', message: 'bad thing 1 2', rule: 'syntax', line: 2, column: 4 },
            { path: 'template', message: 'welcome/sms' },
        ]);
    });
});
