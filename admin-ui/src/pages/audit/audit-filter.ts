import type { AuditFilter } from '../../api/contract';
import { offsetMinutes } from '../../format/format';

/** The audit page's filters as the URL keeps them: `from` and `to` are days `YYYY-MM-DD`, both inclusive. */
export const AUDIT_URL_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** The audit page's URL filters. */
export type AuditUrlFilters = Record<(typeof AUDIT_URL_KEYS)[number], string>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The moment a calendar day starts in `timeZone`, as an ISO string; `undefined` for a malformed day. */
export function dayStart(day: string, timeZone: string): string | undefined {
    const match = DAY.exec(day);
    if (!match) return undefined;
    const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (Number.isNaN(utcMidnight)) return undefined;
    // The zone's offset near that midnight, then again at the corrected moment (a DST change that day).
    const first = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
    return new Date(utcMidnight - offsetMinutes(new Date(first), timeZone) * 60_000).toISOString();
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
    const match = DAY.exec(day);
    if (!match) return day;
    const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
    return next.toISOString().slice(0, 10);
}

/**
 * The API filter for the URL's: days become moments in the chain's
 * timezone (`from` at the day's start, `to` at the start of the day after,
 * since the API's `to` is exclusive).
 */
export function apiFilter(url: AuditUrlFilters, timeZone: string): AuditFilter {
    return {
        actor: url.actor.trim() || undefined,
        action: url.action || undefined,
        entityType: url.entityType || undefined,
        entityId: url.entityId.trim() || undefined,
        from: url.from ? dayStart(url.from, timeZone) : undefined,
        to: url.to ? dayStart(nextDay(url.to), timeZone) : undefined,
    };
}
