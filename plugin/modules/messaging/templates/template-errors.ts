import { RefillError } from '../../../kernel/errors/refill-error.js';

/**
 * Why a template was refused, for an editor to explain it in its own words:
 * `syntax` (Handlebars cannot parse it), `unknown-helper`, `render` (it
 * failed with the sample data), `empty` (a part renders to nothing),
 * `email-shape` (no `subject:` line and `---`), `unsubscribe` (a marketing
 * email without the link), `transliteration` (an unknown scheme).
 */
export type TemplateRule =
    | 'syntax'
    | 'unknown-helper'
    | 'render'
    | 'empty'
    | 'email-shape'
    | 'unsubscribe'
    | 'transliteration';

/** Where in the template source a problem is: 1-based line, and column when known. */
export interface SourcePosition {
    line: number;
    column?: number;
}

/** Where one compiled part (an email's subject or body) starts in the whole source. */
export interface PartOffset {
    /** Lines before the part's first line. */
    lines: number;
    /** Characters before the part on its first line. */
    columns: number;
}

/** The start of a source: no offset. */
export const NO_OFFSET: PartOffset = { lines: 0, columns: 0 };

/**
 * The position Handlebars gives for a compile error, in the whole source:
 * its exceptions carry `lineNumber` and a 0-based `column` (an unknown
 * helper, a mismatched block); the parser's errors only say
 * `Parse error on line N`. Null when it says neither.
 */
export function handlebarsPosition(error: unknown, offset: PartOffset = NO_OFFSET): SourcePosition | null {
    const e = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
    let line: number | undefined;
    let column: number | undefined;
    if (typeof e.lineNumber === 'number') {
        line = e.lineNumber;
        if (typeof e.column === 'number') column = e.column + 1;
    } else {
        const parsed = /Parse error on line (\d+)/.exec(String(e.message ?? ''));
        if (parsed) line = Number(parsed[1]);
    }
    if (line === undefined) return null;
    const at: SourcePosition = { line: line + offset.lines };
    if (column !== undefined) at.column = column + (line === 1 ? offset.columns : 0);
    return at;
}

/** What a Handlebars compile error is about: an unknown (or removed) helper, else the syntax. */
export function compileRule(error: unknown): TemplateRule {
    return /unknown helper/i.test(String((error as Error).message)) ? 'unknown-helper' : 'syntax';
}

/** The 1-based line of the first match of `pattern` in `source`, if any. */
export function lineOf(source: string, pattern: RegExp): SourcePosition | null {
    const match = pattern.exec(source);
    if (!match) return null;
    return { line: source.slice(0, match.index).split('\n').length };
}

/**
 * The coded error of a refused template: `REFILL_VALIDATION` with a
 * `source` detail carrying the reason (first lines of it), the rule and,
 * when known, the line and column, then the template it is about.
 */
export function templateRefused(
    kind: string,
    channel: string,
    message: string,
    rule: TemplateRule,
    at: SourcePosition | null = null,
): RefillError {
    return new RefillError('REFILL_VALIDATION', 'The template cannot be used', [
        { path: 'source', message: message.split('\n').slice(0, 4).join(' '), rule, ...at },
        { path: 'template', message: `${kind}/${channel}` },
    ]);
}
