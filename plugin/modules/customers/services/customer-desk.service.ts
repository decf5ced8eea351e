import type { AuditRepository } from '../../admin/index.js';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Clock } from '../../../kernel/clock.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { TransactionRunner } from '../../../kernel/events/event-bus.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import type { ConsentChannel } from '../../../kernel/vocabulary/channels.js';
import type { Customer } from '../entities/customer.entity.js';
import type { ConsentRepository } from '../repositories/consent.repository.js';
import type { CustomerRepository } from '../repositories/customer.repository.js';
import type { ConsentPurpose } from '../rules/consent.rules.js';
import { type ContactChanges, contactProfile } from './contact-profile.js';
import { deskView, lockDeskCustomer, type DeskCustomerView } from './desk-customer.view.js';

/** Contacts the desk may change. Absent fields stay as they are; null clears. */
export type DeskContacts = Pick<
    ContactChanges,
    'name' | 'phone' | 'email' | 'timezone' | 'locale' | 'birthDate'
>;

/** The repository methods the desk uses. */
export interface CustomerDeskPorts {
    customers: Pick<
        CustomerRepository,
        'lockByCard' | 'isReplacedCard' | 'findById' | 'updateProfile' | 'setBlock'
    >;
    consents: Pick<ConsentRepository, 'findForCustomer' | 'separateService' | 'record'>;
    audit: Pick<AuditRepository, 'append'>;
}

/** Like the ledger's write paths: the customer's lock orders writers; each read sees what committed before it. */
const READ_COMMITTED = { readCommitted: true };

/** The source consent entries changed at the store desk carry. */
const DESK_SOURCE = 'admin';

/**
 * What a store manager does to a customer at the store desk: contacts,
 * consents, blocking and unblocking. Each action row-locks the customer
 * first, is audited with its actor and reason (never contacts or full card
 * numbers), and is safe to retry: an action that changes nothing writes
 * nothing. Each answers the customer's desk view.
 */
export class CustomerDeskService {
    constructor(
        private readonly db: TransactionRunner & SqlExecutor,
        private readonly repos: CustomerDeskPorts,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /** Changes contacts; the phone is stored as E.164 (an invalid one is a 400 on `phone`). */
    async updateContacts(
        cardNumber: string,
        contacts: DeskContacts,
        reason: string,
        actor: string,
    ): Promise<DeskCustomerView> {
        const profile = contactProfile(contacts, this.config.defaultCountry);
        return this.act(cardNumber, actor, async (tx, customer, now) => {
            const fields = (Object.keys(profile) as Array<keyof DeskContacts>).filter(
                (f) => profile[f] !== customer[f],
            );
            if (!fields.length) return false;
            await this.repos.customers.updateProfile(
                tx,
                customer.id,
                Object.fromEntries(fields.map((f) => [f, profile[f]])),
                now,
            );
            return { action: 'customer.contacts', details: { fields, reason } };
        });
    }

    /** Grants or withdraws a consent of one purpose in one channel; the history names the actor and reason. */
    async setConsent(
        cardNumber: string,
        channel: ConsentChannel,
        kind: ConsentPurpose,
        granted: boolean,
        reason: string,
        actor: string,
    ): Promise<DeskCustomerView> {
        return this.act(cardNumber, actor, async (tx, customer, now) => {
            // Service consent follows marketing until they part: give it its own row before either changes.
            await this.repos.consents.separateService(tx, [customer.id], [channel]);
            const current = (await this.repos.consents.findForCustomer(tx, customer.id, kind)).find(
                (c) => c.channel === channel,
            );
            if (current?.granted === granted) return false;
            await this.repos.consents.record(
                tx,
                [{ customerId: customer.id, channel, granted, changedAt: now, source: DESK_SOURCE }],
                now,
                kind,
                { actor: `admin:${actor}`, reason },
            );
            return { action: 'customer.consent', details: { channel, kind, granted, reason } };
        });
    }

    /** Blocks a card at the till (sales, previews, balances, profile changes); returns still work. */
    async block(cardNumber: string, reason: string, actor: string): Promise<DeskCustomerView> {
        return this.act(cardNumber, actor, async (tx, customer, now) => {
            if (customer.blockedAt) return false;
            await this.repos.customers.setBlock(tx, customer.id, { at: now, reason }, now);
            return { action: 'customer.block', details: { reason } };
        });
    }

    /** Lifts a block. */
    async unblock(cardNumber: string, reason: string, actor: string): Promise<DeskCustomerView> {
        return this.act(cardNumber, actor, async (tx, customer, now) => {
            if (!customer.blockedAt) return false;
            await this.repos.customers.setBlock(tx, customer.id, null, now);
            return { action: 'customer.unblock', details: { reason } };
        });
    }

    /**
     * One desk action in one transaction: locks the customer, applies the
     * change (false: nothing to change), audits it and answers the view.
     */
    private async act(
        cardNumber: string,
        actor: string,
        change: (
            tx: SqlExecutor,
            customer: Customer,
            now: Date,
        ) => Promise<false | { action: AuditAction; details: Record<string, unknown> }>,
    ): Promise<DeskCustomerView> {
        return this.db.transaction(async (tx) => {
            const now = this.clock();
            const customer = await lockDeskCustomer(tx, this.repos.customers, cardNumber);
            const done = await change(tx, customer, now);
            if (done)
                await this.repos.audit.append(
                    tx,
                    {
                        actor,
                        action: done.action,
                        entityType: 'customer',
                        entityId: String(customer.id),
                        details: { card: maskCard(cardNumber), ...done.details },
                    },
                    now,
                );
            return deskView((await this.repos.customers.findById(tx, customer.id)) as Customer);
        }, READ_COMMITTED);
    }
}
