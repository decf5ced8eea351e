import { stringify } from 'csv-stringify/sync';
import Joi from 'joi';
import { decodeCursor, toPage, type Page, type PageRequest } from '../../../kernel/http/page.js';
import { canonicalAuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import { canonicalAuditEntityType } from '../../../kernel/vocabulary/audit-entity-types.js';
import type { AuditEntry } from '../entities/audit-entry.entity.js';
import type { AuditFilter, AuditLogQuery } from '../repositories/audit-log.query.js';

/** An audit entry as the admin API shows it: today's spellings, details as an object. */
export interface AuditView {
    id: number;
    actor: string;
    action: string;
    entityType: string;
    entityId: string | null;
    details: Record<string, unknown> | null;
    createdAt: Date;
}

/** The CSV export's columns, in order. */
export const AUDIT_CSV_HEADER = ['id', 'createdAt', 'actor', 'action', 'entityType', 'entityId', 'details'];

/** How many entries the export reads at a time. */
const EXPORT_BATCH = 1000;

/**
 * Reads the audit log for people: filtered pages, newest first, and the
 * same filter as a streamed CSV. Stored rows keep the spelling they were
 * written with; filters match older spellings and answers show today's.
 */
export class AuditLogService {
    constructor(private readonly query: AuditLogQuery) {}

    /** A page of entries matching `filter`, newest first. */
    async page(filter: AuditFilter, request: PageRequest): Promise<Page<AuditView>> {
        const beforeId = decodeCursor(request.cursor, Joi.number().integer().min(1));
        const rows = await this.query.page(filter, beforeId, request.limit + 1);
        return toPage(rows, request.limit, (e) => e.id, view);
    }

    /** Every entry matching `filter`, newest first, as CSV chunks (a header first); formulas escaped. */
    async *csv(filter: AuditFilter): AsyncGenerator<string> {
        yield stringify([AUDIT_CSV_HEADER]);
        let beforeId: number | undefined;
        for (;;) {
            const rows = await this.query.page(filter, beforeId, EXPORT_BATCH);
            if (rows.length === 0) return;
            yield stringify(
                rows.map((e) => {
                    const v = view(e);
                    return [
                        v.id,
                        v.createdAt.toISOString(),
                        v.actor,
                        v.action,
                        v.entityType,
                        v.entityId ?? '',
                        v.details ? JSON.stringify(v.details) : '',
                    ];
                }),
                { escape_formulas: true },
            );
            if (rows.length < EXPORT_BATCH) return;
            beforeId = rows[rows.length - 1].id;
        }
    }
}

/** The API view of a stored entry. */
function view(entry: AuditEntry): AuditView {
    return {
        id: entry.id,
        actor: entry.actor,
        action: canonicalAuditAction(entry.action),
        entityType: canonicalAuditEntityType(entry.entityType),
        entityId: entry.entityId,
        details: parseDetails(entry.details),
        createdAt: entry.createdAt,
    };
}

/** Stored details as an object (a non-object or unreadable value is wrapped, never dropped). */
function parseDetails(stored: string | null): Record<string, unknown> | null {
    if (stored === null || stored === '') return null;
    try {
        const parsed: unknown = JSON.parse(stored);
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? (parsed as Record<string, unknown>)
            : { value: parsed };
    } catch {
        return { raw: stored };
    }
}
