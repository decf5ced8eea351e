import fc from 'fast-check';
import { format as backslashEscaping } from 'sql-escaper';
import { describe, expect, it } from 'vitest';
import { formatMysql, mysqlQueryFormat } from '../../../../plugin/kernel/db/mysql-format.js';
import { hostileString } from '../../../helpers/hostile-strings.js';

/**
 * How MySQL/MariaDB read one single-quoted literal starting at `at`, with
 * (`backslashEscapes`) or without (NO_BACKSLASH_ESCAPES) backslash escapes
 * (https://mariadb.com/kb/en/string-literals/). Returns the value and where
 * the literal ended.
 */
function readLiteral(sql: string, at: number, backslashEscapes: boolean): { value: string; end: number } {
    expect(sql[at]).toBe("'");
    const escapes: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };
    let value = '';
    for (let i = at + 1; i < sql.length; i++) {
        const c = sql[i];
        if (c === '\\' && backslashEscapes) {
            const next = sql[++i];
            value += next === '%' || next === '_' ? `\\${next}` : (escapes[next] ?? next);
        } else if (c === "'") {
            if (sql[i + 1] !== "'") return { value, end: i + 1 };
            value += "'";
            i++;
        } else value += c;
    }
    throw new Error('unterminated literal');
}

/**
 * Reads the one value `formatMysql('SELECT ?', [s])` wrote, as the server
 * would in either mode: a literal, or REPLACE(literal, literal, LEFT(literal, 1)).
 * Anything else in the text fails the test.
 */
function readValue(sql: string, backslashEscapes: boolean): string {
    const prefix = 'SELECT ';
    expect(sql.startsWith(prefix)).toBe(true);
    if (sql[prefix.length] === "'") {
        const { value, end } = readLiteral(sql, prefix.length, backslashEscapes);
        expect(end).toBe(sql.length);
        return value;
    }
    expect(sql.startsWith('REPLACE(', prefix.length)).toBe(true);
    const subject = readLiteral(sql, prefix.length + 'REPLACE('.length, backslashEscapes);
    expect(sql.startsWith(', ', subject.end)).toBe(true);
    const search = readLiteral(sql, subject.end + 2, backslashEscapes);
    expect(sql.startsWith(', LEFT(', search.end)).toBe(true);
    const left = readLiteral(sql, search.end + ', LEFT('.length, backslashEscapes);
    expect(sql.slice(left.end)).toBe(', 1))');
    return subject.value.split(search.value).join(left.value.slice(0, 1));
}

describe('formatMysql', () => {
    it('writes any string so that it reads back exactly with and without backslash escapes (SQL injection when the session has NO_BACKSLASH_ESCAPES)', () => {
        fc.assert(
            fc.property(hostileString, (s) => {
                const sql = formatMysql('SELECT ?', [s]);
                expect(readValue(sql, true)).toBe(s);
                expect(readValue(sql, false)).toBe(s);
                // Every backslash is followed by `%`: `\%` reads as those two characters in every mode.
                expect(sql.replace(/\\%/g, '')).not.toMatch(/\\/);
            }),
            { numRuns: 2000 },
        );
    });

    it("mysql2's backslash-escaping formatter is what the injection exploited: its text reads differently without backslash escapes", () => {
        const name = "x'; CREATE TABLE t (x int); -- ";
        const sql = backslashEscaping('SELECT ?', [name]);
        expect(() => readValue(sql, false)).toThrow();
        expect(readValue(formatMysql('SELECT ?', [name]), false)).toBe(name);
    });

    it('writes numbers, NULL, booleans, UTC dates, buffers and lists as mode-free tokens', () => {
        const sql = formatMysql('SELECT ?, ?, ?, ?, ?, ?, ?, ?', [
            42,
            -1.5,
            null,
            undefined,
            true,
            new Date('2026-03-01T10:00:00.123Z'),
            Buffer.from([0, 39, 92]),
            [1, 'a'],
        ]);
        expect(sql).toBe("SELECT 42, -1.5, NULL, NULL, 1, '2026-03-01 10:00:00.123', X'00275c', 1, 'a'");
        expect(
            formatMysql('INSERT INTO t VALUES ?', [
                [
                    [1, "it's"],
                    [2, null],
                ],
            ]),
        ).toBe("INSERT INTO t VALUES (1, 'it''s'), (2, NULL)");
        expect(formatMysql("SELECT '?' AS q, ?", [1])).toBe("SELECT '?' AS q, 1");
    });

    it('refuses values it cannot write safely: objects, functions, non-finite numbers, invalid dates', () => {
        for (const bad of [{ a: 1 }, new Map(), () => 1, Number.NaN, Infinity, new Date('x'), Symbol('s')])
            expect(() => formatMysql('SELECT ?', [bad])).toThrow(TypeError);
        expect(() => formatMysql('SELECT ?', [{ toSqlString: () => '1; DROP TABLE t' }])).toThrow(TypeError);
    });

    it('is the pool formatter TypeORM goes through: text without values is left alone', () => {
        expect(mysqlQueryFormat("SELECT 'a\\\\b' AS x WHERE y = ?", [])).toBe(
            "SELECT 'a\\\\b' AS x WHERE y = ?",
        );
        expect(mysqlQueryFormat('SELECT ?', undefined)).toBe('SELECT ?');
        expect(mysqlQueryFormat('SELECT ?', ['a\\b'])).toBe("SELECT REPLACE('a\\%b', '\\%', LEFT('\\%', 1))");
    });
});
