import { isGsm7Char } from './sms-segments.js';

/**
 * Typographic characters with their GSM-7 stand-ins, for the characters a
 * Unicode category rule would get wrong or cannot reach: the numero sign,
 * ellipsis, primes, bullets, a few maths signs, single quotation marks, the
 * letters of Ukrainian and Belarusian that Russian schemes do not know, and
 * every currency sign outside GSM-7 (its ISO 4217 code where it has one).
 */
const TABLE: Readonly<Record<string, string>> = {
    '\u2116': 'No', // №
    '\u2026': '...',
    '\u2025': '..',
    '\u2024': '.',
    '\u00b7': '.', // middle dot
    '\u2022': '-', // bullet
    '\u2023': '-',
    '\u2043': '-',
    '\u2032': "'", // prime
    '\u2033': '"',
    '\u2035': "'",
    '\u2036': '"',
    '\u2212': '-', // minus sign
    '\u00d7': 'x',
    '\u00f7': '/',
    '\u00b1': '+/-',
    '\u2264': '<=',
    '\u2265': '>=',
    '\u2260': '!=',
    '\u2248': '~',
    '\u2030': '%o',
    '\u00b0': ' deg',
    '\u2044': '/', // fraction slash
    '\u2215': '/',
    '\u00b4': "'",
    '\u0060': "'",
    '\u02bc': "'",
    '\u02b9': "'",
    '\u02ba': '"',
    // Single quotation marks are apostrophes, double ones (and guillemets) quotes.
    '\u2018': "'",
    '\u2019': "'",
    '\u201a': "'",
    '\u201b': "'",
    '\u2039': "'",
    '\u203a': "'",
    '\u201e': '"',
    '\u301d': '"',
    '\u301e': '"',
    '\u301f': '"',
    '\u2e02': "'",
    '\u2e03': "'",
    '\u2e04': "'",
    '\u2e05': "'",
    '\u2e09': "'",
    '\u2e0a': "'",
    '\u2e0c': "'",
    '\u2e0d': "'",
    '\u2e1c': "'",
    '\u2e1d': "'",
    '\u2e20': "'",
    '\u2e21': "'",
    // Cyrillic letters outside Russian (names, addresses): і ї є ґ ў.
    '\u0456': 'i',
    '\u0406': 'I',
    '\u0457': 'yi',
    '\u0407': 'Yi',
    '\u0454': 'ye',
    '\u0404': 'Ye',
    '\u0491': 'g',
    '\u0490': 'G',
    '\u045e': 'u',
    '\u040e': 'U',
    // Currency signs: ₽ → RUB, the rest by ISO code or name; ¤ (GSM-7) for none.
    '\u20bd': 'RUB',
    '\u00a2': 'c',
    '\u058f': 'AMD',
    '\u060b': 'AFN',
    '\u07fe': 'GNF',
    '\u07ff': 'GNF',
    '\u09f2': 'Rs',
    '\u09f3': 'BDT',
    '\u09fb': 'ganda',
    '\u0af1': 'INR',
    '\u0bf9': 'INR',
    '\u0e3f': 'THB',
    '\u17db': 'KHR',
    '\u20a0': 'ECU',
    '\u20a1': 'CRC',
    '\u20a2': 'Cr',
    '\u20a3': 'FRF',
    '\u20a4': 'ITL',
    '\u20a5': 'mill',
    '\u20a6': 'NGN',
    '\u20a7': 'Pts',
    '\u20a8': 'Rs',
    '\u20a9': 'KRW',
    '\u20aa': 'ILS',
    '\u20ab': 'VND',
    '\u20ad': 'LAK',
    '\u20ae': 'MNT',
    '\u20af': 'GRD',
    '\u20b0': 'Pf',
    '\u20b1': 'PHP',
    '\u20b2': 'PYG',
    '\u20b3': 'ARA',
    '\u20b4': 'UAH',
    '\u20b5': 'GHS',
    '\u20b6': 'lt',
    '\u20b7': 'Spm',
    '\u20b8': 'KZT',
    '\u20b9': 'INR',
    '\u20ba': 'TRY',
    '\u20bb': 'NM',
    '\u20bc': 'AZN',
    '\u20be': 'GEL',
    '\u20bf': 'BTC',
    '\u20c0': 'KGS',
    '\u20c1': 'SAR',
    '\ua838': 'Rs',
    '\ufdfc': 'IRR',
    '\uffe0': 'c',
    '\uffe6': 'KRW',
};

/** Marks a decomposed letter carries (`é` = `e` + U+0301). */
const MARKS = /\p{M}/gu;

/** The GSM-7 stand-in of one character (a code point), or the character itself when there is none. */
function foldChar(ch: string): string {
    if (isGsm7Char(ch)) return ch;
    const listed = TABLE[ch];
    if (listed !== undefined) return listed;
    // By category: spaces, line and paragraph separators, dashes, quotes, invisible format characters.
    if (/\p{Zs}/u.test(ch)) return ' ';
    if (/[\p{Zl}\p{Zp}]/u.test(ch)) return '\n';
    if (/\p{Pd}/u.test(ch)) return '-';
    if (/[\p{Pi}\p{Pf}]/u.test(ch)) return '"';
    if (/[\p{Cf}\p{M}]/u.test(ch)) return '';
    // Compatibility forms (fullwidth letters, ligatures, superscripts) and accented letters: their
    // decomposition without the marks, when every part of it is GSM-7 (so `й` stays `й`, never `и`).
    const plain = ch.normalize('NFKD').replace(MARKS, '');
    if (plain && plain !== ch) {
        const parts = [...plain].map((c) => (isGsm7Char(c) ? c : (TABLE[c] ?? null)));
        if (parts.every((p) => p !== null)) return parts.join('');
    }
    if (/\p{Sc}/u.test(ch)) return '\u00a4';
    return ch;
}

/**
 * Replaces the typographic characters of a text with their GSM-7
 * equivalents, so a transliterated SMS travels as GSM-7 (160 characters a
 * segment) instead of UCS-2 (70): every Unicode space (the no-break space
 * of `1 200`, thin and narrow ones) becomes a space, every dash and the
 * minus sign `-`, quotes and guillemets `"` or `'`, `…` `...`, `№` `No`,
 * `₽` `RUB` (other currency signs their ISO code), format characters
 * (soft hyphen, zero-width spaces, direction marks) and stray combining
 * marks nothing, fullwidth and accented letters their plain form. Letters of other scripts (Cyrillic
 * included: transliterate it first) and emoji are left as they are.
 */
export function foldToGsm7(text: string): string {
    let out = '';
    // Composed first, so a letter typed with a combining accent is one character (`e` + U+0301 = `é`).
    for (const ch of text.normalize('NFC')) out += foldChar(ch);
    return out;
}
