import { createHmac, timingSafeEqual } from 'node:crypto';
import Joi from 'joi';
import type { Database } from '../../../kernel/db/database.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import { inEventTransaction } from '../../../kernel/events/event-transaction.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { validateOrThrow } from '../../../kernel/http/validate.js';
import type { Clock } from '../../../kernel/clock.js';
import type { ConsentRepository, CustomerRepository } from '../../customers/index.js';

/** The email events webhook's options (`messaging.emailEvents`). */
export interface EmailEventsOptions {
    /** The HMAC-SHA256 key the provider (or its adapter) signs with, 32+ characters. */
    secret: string;
    /** How old a signed timestamp may be, seconds. Default 300. */
    toleranceSeconds?: number;
}

/** The repository methods {@link EmailEventsService} calls. */
export interface EmailEventsPorts {
    customers: Pick<CustomerRepository, 'idsByEmail' | 'markUnreachable' | 'lockByIds'>;
    consents: Pick<ConsentRepository, 'record' | 'separateService'>;
}

/** What the webhook did with one event. */
export type EmailEventResult = { applied: boolean; customers: number };

const eventBody = Joi.object({
    id: Joi.string().min(1).max(128).required(),
    type: Joi.string().valid('bounce', 'complaint').required(),
    bounceType: Joi.string().valid('hard', 'soft').when('type', {
        is: 'bounce',
        then: Joi.required(),
        otherwise: Joi.forbidden(),
    }),
    email: Joi.string().email().max(254).required(),
    at: Joi.date().iso(),
}).unknown(true);

/**
 * The email provider's bounce and complaint events (`POST
 * /messaging/email-events`): signed with HMAC-SHA256 over
 * `<timestamp>.<raw body>` (`X-Refill-Signature: t=<unix seconds>,v1=<hex>`),
 * checked in constant time within a replay window (401 otherwise), applied
 * once per event id. A hard bounce marks the address undeliverable
 * (`refill_customers.email_undeliverable_at`, cleared when the address
 * changes) and moves the cascades waiting on an email of those customers on
 * to their next channel at the next tick; a complaint withdraws the
 * customers' marketing email consent (a consent event, source
 * `email_complaint`). Soft bounces are recorded and change nothing.
 */
export class EmailEventsService {
    constructor(
        private readonly db: Database,
        private readonly repos: EmailEventsPorts,
        private readonly options: EmailEventsOptions | undefined,
        private readonly clock: Clock,
        /** Where a complaint's withdrawal is said (`MarketingWithdrawn`, in its transaction). */
        private readonly events: EventBus | null = null,
    ) {}

    /** Verifies and applies one webhook call. */
    async handle(raw: string, signature: string | undefined): Promise<EmailEventResult> {
        if (!this.options) throw new RefillError('REFILL_NOT_FOUND', 'Email events are not configured');
        const now = this.clock();
        this.verify(raw, signature, now);
        let parsed: unknown;
        try {
            parsed = JSON.parse(raw);
        } catch {
            throw new RefillError('REFILL_VALIDATION', 'The body is not JSON', [
                { path: 'body', message: 'must be JSON' },
            ]);
        }
        const event = validateOrThrow(eventBody, parsed) as {
            id: string;
            type: 'bounce' | 'complaint';
            bounceType?: 'hard' | 'soft';
            email: string;
        };
        const kind = event.type === 'complaint' ? 'complaint' : `${event.bounceType}_bounce`;
        return inEventTransaction(this.db, this.events, async (tx, publish) => {
            const fresh = await tx.run(
                `${sqlDialect.insertIgnore(tx.dialect)} INTO refill_email_events (event_id, kind, received_at) VALUES (?, ?, ?)`,
                [event.id, kind, toDbTime(now)],
            );
            if (!fresh.affected) return { applied: false, customers: 0 };
            const ids = await this.repos.customers.idsByEmail(tx, event.email);
            if (!ids.length || kind === 'soft_bounce') return { applied: true, customers: ids.length };
            // Customer rows first, as every write path does (one lock order).
            await this.repos.customers.lockByIds(tx, ids);
            if (kind === 'hard_bounce') {
                await this.repos.customers.markUnreachable(tx, ids, 'email', now);
                // Waiting on an email that will never arrive: the next tick moves on to the next channel.
                await tx.run(
                    `UPDATE refill_cascades SET next_at = ?, updated_at = ? WHERE status = 'waiting' AND channel = 'email' AND customer_id IN (${sqlDialect.inList(ids.length)})`,
                    [toDbTime(now), toDbTime(now), ...ids],
                );
            } else {
                // Service consent followed marketing until now: it keeps what it was.
                await this.repos.consents.separateService(tx, ids, ['email']);
                await this.repos.consents.record(
                    tx,
                    ids.map((customerId) => ({
                        customerId,
                        channel: 'email',
                        granted: false,
                        changedAt: now,
                        source: 'email-complaint',
                    })),
                    now,
                    'marketing',
                );
                await publish('MarketingWithdrawn', {
                    customerIds: ids,
                    channel: 'email',
                    source: 'email-complaint',
                    withdrawnAt: now,
                });
            }
            return { applied: true, customers: ids.length };
        });
    }

    /** A valid signature of this body, made within the replay window; 401 otherwise. */
    private verify(raw: string, header: string | undefined, now: Date): void {
        const parts = new Map(
            (header ?? '').split(',').map((p) => {
                const [k, ...v] = p.trim().split('=');
                return [k, v.join('=')] as const;
            }),
        );
        const t = Number(parts.get('t'));
        const given = parts.get('v1') ?? '';
        const tolerance = (this.options!.toleranceSeconds ?? 300) * 1000;
        const unauthorized = () =>
            new RefillError('REFILL_UNAUTHORIZED', 'The email event is not signed, or not recently');
        if (
            !Number.isInteger(t) ||
            Math.abs(now.getTime() - t * 1000) > tolerance ||
            !/^[0-9a-f]{64}$/i.test(given)
        )
            throw unauthorized();
        const expected = createHmac('sha256', this.options!.secret).update(`${t}.${raw}`).digest();
        if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw unauthorized();
    }
}
