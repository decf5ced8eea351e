import fc from 'fast-check';

/** Characters that mean something to a SQL lexer in some mode, mixed with any code point. */
const hostileUnit = fc.oneof(
    fc.constantFrom(
        "'",
        '\\',
        '"',
        '`',
        '\0',
        '%',
        '_',
        '\n',
        '\r',
        '\t',
        '\x1a',
        ';',
        '-',
        '#',
        '?',
        '*',
        '/',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Strings of up to 40 such characters: what SQL formatting must carry through unchanged. */
export const hostileString = fc.string({ unit: hostileUnit, maxLength: 40 });
