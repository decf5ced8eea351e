import { describe, expect, it } from 'vitest';
import {
    atcLevel,
    atcPrefixRange,
    likePrefix,
    normalizeAtcPrefix,
    suggestionLevels,
} from '../../../../../plugin/modules/catalog/rules/atc-prefix.rules.js';

/** What SQL's `LIKE pattern ESCAPE '!'` (case-sensitive here) says of `value`. */
function likeMatches(value: string, pattern: string): boolean {
    let regex = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '!') regex += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        else if (c === '%') regex += '.*';
        else if (c === '_') regex += '.';
        else regex += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${regex}$`, 's').test(value);
}

describe('ATC prefixes for the autocomplete', () => {
    it('normalizes typed text to a stored code’s start', () => {
        expect(normalizeAtcPrefix('  n06a ')).toBe('N06A');
    });

    it('escapes LIKE wildcards and the escape character, so they match only themselves', () => {
        expect(likePrefix('N06')).toBe('N06%');
        expect(likePrefix('a%b_c!')).toBe('a!%b!_c!!%');
        expect(likeMatches('a%b_c!X', likePrefix('a%b_c!'))).toBe(true);
        expect(likeMatches('aXbYc!', likePrefix('a%b_c!'))).toBe(false);
        expect(likeMatches('N06AB06', likePrefix('N06'))).toBe(true);
        expect(likeMatches('N05AB06', likePrefix('N06'))).toBe(false);
    });

    it('bounds every code starting with the prefix, and none that does not, by the index range', () => {
        const range = atcPrefixRange('N06');
        const inRange = (code: string) => code >= range.from && code <= range.to;
        for (const code of ['N06', 'N06A', 'N06AB', 'N06AB06', 'N06ZZ99', 'N069999999999999'])
            expect(inRange(code), code).toBe(true);
        for (const code of ['N05BA01', 'N07AA01', 'N0', 'N', 'M06AB01'])
            expect(inRange(code), code).toBe(false);
        expect(range.to).toHaveLength(16);
    });

    it('suggests the ATC levels at least as long as the typed text', () => {
        expect(suggestionLevels(1)).toEqual([1, 3, 4, 5, 7]);
        expect(suggestionLevels(2)).toEqual([3, 4, 5, 7]);
        expect(suggestionLevels(5)).toEqual([5, 7]);
        expect(suggestionLevels(7)).toEqual([7]);
        expect(suggestionLevels(8)).toEqual([]);
    });

    it('names each prefix’s ATC level', () => {
        expect(['N', 'N06', 'N06A', 'N06AB', 'N06AB06'].map(atcLevel)).toEqual([1, 2, 3, 4, 5]);
        expect(atcLevel('N0')).toBe(1);
    });
});
