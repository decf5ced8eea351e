/**
 * ATC prefixes as the category editor's autocomplete offers them. An ATC code
 * has five levels: anatomical group (`N`), therapeutic subgroup (`N06`),
 * pharmacological (`N06A`), chemical (`N06AB`) and substance (`N06AB06`).
 * Codes are stored upper-case letters and digits (the POS and import schemas
 * make them so).
 */

/** The lengths of the five ATC levels. */
export const ATC_LEVEL_LENGTHS = [1, 3, 4, 5, 7] as const;

/** The longest stored code the range below covers (the `atc` columns hold 16 characters). */
const MAX_CODE_LENGTH = 16;

/** The escape character of the LIKE patterns (the one both engines accept the same way). */
export const LIKE_ESCAPE = '!';

/** A bounded look-up of codes that start with a prefix. */
export interface AtcPrefixRange {
    /** `atc >= from`: the prefix itself. */
    from: string;
    /**
     * `atc <= to`: the prefix followed by `Z`s up to the column's length. Every
     * upper-case alphanumeric code starting with the prefix sorts between the
     * two in a binary (SQLite) and in a case-insensitive (MariaDB) collation
     * alike, so both engines read the range from the `atc` index.
     */
    to: string;
    /** `atc LIKE like ESCAPE '!'`: the exact test, its wildcards escaped. */
    like: string;
}

/** The typed text as a stored code's start: trimmed, upper-case. */
export function normalizeAtcPrefix(text: string): string {
    return text.trim().toUpperCase();
}

/** A `LIKE … ESCAPE '!'` pattern of values starting with `prefix` (its `%`, `_` and `!` escaped). */
export function likePrefix(prefix: string): string {
    return `${prefix.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

/** The index range and the LIKE pattern of the codes starting with `prefix` (already normalized). */
export function atcPrefixRange(prefix: string): AtcPrefixRange {
    return {
        from: prefix,
        to: prefix + 'Z'.repeat(Math.max(0, MAX_CODE_LENGTH - prefix.length)),
        like: likePrefix(prefix),
    };
}

/**
 * The ATC levels whose prefixes can start with a typed prefix of this length:
 * typing `N0` suggests `N06`, `N06A`, … but not `N`.
 */
export function suggestionLevels(prefixLength: number): number[] {
    return ATC_LEVEL_LENGTHS.filter((level) => level >= prefixLength);
}

/** One suggestion: a prefix, how many catalogue products it matches and how many buyers bought them. */
export interface AtcSuggestion {
    prefix: string;
    /** The ATC level (1–5) of the prefix. */
    level: number;
    /** Catalogue products whose ATC code starts with the prefix. */
    products: number;
    /** Customers who bought a line with such an ATC code in the last 365 days. */
    buyers: number;
}

/** The ATC level (1–5) of a prefix of one of the level lengths, else the next shorter one. */
export function atcLevel(prefix: string): number {
    let level = 0;
    for (const length of ATC_LEVEL_LENGTHS) if (prefix.length >= length) level++;
    return Math.max(1, level);
}
