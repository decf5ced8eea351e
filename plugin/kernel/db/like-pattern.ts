/**
 * A `LIKE … ESCAPE '!'` pattern matching values that contain `text`
 * (lower-cased; compare with `LOWER(column)`), its wildcards escaped with `!` (the
 * one escape character both engines accept the same way).
 */
export function likeContains(text: string): string {
    return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
