import { isApiError } from '../../api/api-error';

/*
 * Pure helpers of the template editor: the transliteration opt-in a template
 * carries in its source, and where the server says a refused template is
 * wrong (its line and column) as a range of the editor's text.
 */

/** The scheme the editor's switch opts into (the server's default for previews too). */
export const DEFAULT_SCHEME = 'icao_doc_9303';

/** `{{!-- transliterate: <scheme> --}}` or `{{! transliterate: <scheme> }}`, as the server reads it. */
const DIRECTIVE = /\{\{!(?:--)?\s*transliterate\s*:\s*([^\s}]*?)\s*(?:--)?\}\}[ \t]*(?:\r?\n)?/;

/** The transliteration scheme the source opts into, or null. */
export function transliterationOf(source: string): string | null {
    return DIRECTIVE.exec(source)?.[1] ?? null;
}

/**
 * The source with transliteration switched on (the directive added on a
 * first line of its own, unless it has one) or off (every directive
 * removed, with its line break).
 */
export function withTransliteration(source: string, on: boolean, scheme = DEFAULT_SCHEME): string {
    if (on) return transliterationOf(source) === null ? `{{!-- transliterate: ${scheme} --}}\n${source}` : source;
    let out = source;
    while (DIRECTIVE.test(out)) out = out.replace(DIRECTIVE, '');
    return out;
}

/** Why the server refused a template, and where (1-based line and column, when it knows). */
export interface Refusal {
    message: string;
    rule: string | null;
    line: number | null;
    column: number | null;
}

/** The refusal in a `REFILL_VALIDATION` answer's `source` detail, or null for any other error. */
export function refusalOf(error: unknown): Refusal | null {
    if (!isApiError(error, 'REFILL_VALIDATION') || !Array.isArray(error.details)) return null;
    const detail = (error.details as Record<string, unknown>[]).find((d) => d?.path === 'source');
    if (!detail) return null;
    const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
    return {
        message: typeof detail.message === 'string' ? detail.message : '',
        rule: typeof detail.rule === 'string' ? detail.rule : null,
        line: num(detail.line),
        column: num(detail.column),
    };
}

/**
 * The character range to mark for a problem at `line` (and `column`) of
 * `text`: from the column (else the line's first non-blank character) to the
 * line's end; a line past the end marks the last line. At least one
 * character when the line has any.
 */
export function rangeAt(text: string, line: number, column: number | null): { from: number; to: number } {
    const lines = text.split('\n');
    const index = Math.min(Math.max(line, 1), lines.length) - 1;
    const start = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
    const content = lines[index];
    const offset = column !== null ? Math.min(column - 1, content.length) : content.length - content.trimStart().length;
    const from = start + offset;
    const to = start + content.length;
    return { from: Math.min(from, to), to: Math.max(to, Math.min(from + 1, start + content.length)) };
}
