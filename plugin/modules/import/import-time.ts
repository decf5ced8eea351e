import { DateTime } from 'luxon';

const ISO_TIME = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d)(:\d\d(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/i;

/**
 * Reads an ISO 8601 date or date-time from an import file as a UTC moment.
 * Accepts `2026-03-01`, `2026-03-01T10:15`, `2026-03-01 10:15:30.250` and
 * the same with `Z` or an offset (`+03:00`, `+0300`, `+03`); text without an
 * offset is UTC, never the machine's local time. Anything else gives an
 * invalid Date, which the record validation reports.
 */
export function parseUtcTime(text: string): Date {
    const m = ISO_TIME.exec(text.trim());
    if (!m) return new Date(Number.NaN);
    const [, date, hm, rest, zone] = m;
    const [y, mo, d] = date.split('-').map(Number);
    // Date would roll 2026-02-30 over to March; a calendar date that does not exist is invalid.
    if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d || mo < 1 || mo > 12) return new Date(Number.NaN);
    // Milliseconds are the finest unit kept: `:SS.mmm` at most.
    const seconds = rest ? rest.slice(0, 7) : ':00';
    let offset = 'Z';
    if (zone && zone.toUpperCase() !== 'Z') {
        const digits = zone.slice(1).replace(':', '');
        offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
    }
    return new Date(`${date}T${hm ?? '00:00'}${seconds}${offset}`);
}

/** Turns a date-like value of a parsed file (ISO text or a Date) into a Date; leaves other values for validation to reject. */
export function toUtcTime(value: unknown): unknown {
    return typeof value === 'string' ? parseUtcTime(value) : value;
}

const knownZones = new Map<string, boolean>();

/** Whether `zone` is an IANA timezone luxon knows (remembered per name: the check is not cheap). */
export function isIanaZone(zone: string): boolean {
    let valid = knownZones.get(zone);
    if (valid === undefined) {
        valid = DateTime.now().setZone(zone).isValid;
        if (knownZones.size < 1000) knownZones.set(zone, valid);
    }
    return valid;
}
