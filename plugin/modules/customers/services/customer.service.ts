import type { AuditRepository } from '../../admin/index.js';
import type { CardKind } from '../entities/customer.entity.js';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { TransactionRunner } from '../../../kernel/events/event-bus.js';
import { decideConsent, needsLastTillAct, type ConsentPurpose } from '../rules/consent.rules.js';
import { checkConsentAt } from '../../../kernel/till-time.rules.js';
import { contactProfile } from './contact-profile.js';
import { cardRefusal } from '../rules/card-refusal.rules.js';
import type { Customer } from '../entities/customer.entity.js';
import type { CustomerConsent } from '../entities/customer-consent.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { ConsentRepository } from '../repositories/consent.repository.js';
import type { CustomerProfile, CustomerRepository } from '../repositories/customer.repository.js';
import type { ActiveOffersReader, BonusBalanceReader, OfferView } from './customer-balance.ports.js';
import type { Clock } from '../../../kernel/clock.js';
import type { ConsentChannel } from '../../../kernel/vocabulary/channels.js';

/** Channels a customer can consent to (the vocabulary's, re-exported for the module's users). */
export { CONSENT_CHANNELS, type ConsentChannel } from '../../../kernel/vocabulary/channels.js';

/** What a till may set on a customer. Absent fields stay as they are; null clears. */
export interface CustomerUpdate {
    phone?: string | null;
    email?: string | null;
    name?: string | null;
    timezone?: string | null;
    /** Language of messages: `ru` or `en`. */
    locale?: string | null;
    /** Telegram chat id of the chain's bot conversation with the customer. */
    telegramChatId?: string | null;
    /** Device token or app user id for push messages. */
    pushToken?: string | null;
    /**
     * Consent per channel, with when it was given or withdrawn. Without `at` a
     * withdrawal counts from now and a grant restates what the till holds (it
     * does not undo a later STOP or unsubscribe; send `at` with a new consent).
     * It is the marketing consent, and the service consent too unless
     * `serviceConsents` names the channel.
     */
    consents?: Partial<Record<ConsentChannel, { granted: boolean; at?: Date }>>;
    /**
     * Consent to service messages (bonus expiry, balance, welcome) per
     * channel, set apart from marketing: the same rules, for service only.
     */
    serviceConsents?: Partial<Record<ConsentChannel, { granted: boolean; at?: Date }>>;
}

/** A consent act of a till or host on one channel. */
type ConsentActs = Array<[string, { granted: boolean; at?: Date }]>;

/** A customer as the POS sees it. */
export interface CustomerView {
    cardNumber: string;
    phone: string | null;
    email: string | null;
    name: string | null;
    timezone: string | null;
    locale: string | null;
    telegramChatId: string | null;
    pushToken: string | null;
    /** Marketing consents (offers; a STOP reply or an unsubscribe link withdraws them). */
    consents: Partial<Record<ConsentChannel, { granted: boolean; changedAt: string }>>;
    /** Service consents (bonus expiry, balance, welcome). */
    serviceConsents: Partial<Record<ConsentChannel, { granted: boolean; changedAt: string }>>;
    enrolledAt: string;
}

/** A personal offer as shown to the till (defined with the balance ports). */
export type { OfferView } from './customer-balance.ports.js';

/** The answer to a balance request. */
export interface BalanceView {
    cardNumber: string;
    available: number;
    pending: number;
    debt: number;
    expiries: Array<{ date: string; amount: number }>;
    offers: OfferView[];
}

/** Who records a change: the store whose till sent it. */
export interface ChangeSource {
    storeId: number | null;
    source: string;
}

/** The customer methods the service uses: look-ups, the row lock, enrolment and profile writes. */
export type CustomerPort = Pick<
    CustomerRepository,
    'findByCard' | 'findById' | 'lockByCard' | 'enrolIfMissing' | 'updateProfile' | 'isReplacedCard'
>;

/** The consent methods the service uses: the stored consents, the till's last acts, new records. */
export type ConsentPort = Pick<
    ConsentRepository,
    'findForCustomer' | 'lastTillActs' | 'record' | 'separateService'
>;

/** Enrols and updates customers, and answers balance requests. */
export class CustomerService {
    constructor(
        /** Units of work, and reads outside them (the composition root passes its `Database`). */
        private readonly db: TransactionRunner & SqlExecutor,
        private readonly customers: CustomerPort,
        private readonly consents: ConsentPort,
        private readonly bonuses: BonusBalanceReader,
        private readonly offers: ActiveOffersReader,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly audit: Pick<AuditRepository, 'append'>,
    ) {}

    /** Marks a card as a regular, test or employee card (campaigns leave the last two out). Audited. */
    async setCardKind(cardNumber: string, cardKind: CardKind, actor: string): Promise<void> {
        await this.db.transaction(async (tx) => {
            const customer = await this.customers.lockByCard(tx, cardNumber);
            if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
            const now = this.clock();
            await this.customers.updateProfile(tx, customer.id, { cardKind }, now);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'customer.card_kind',
                    entityType: 'customer',
                    entityId: String(customer.id),
                    details: { from: customer.cardKind, to: cardKind },
                },
                now,
            );
        });
    }

    /**
     * Enrols a card or updates it. Consents follow {@link decideConsent} for
     * each purpose on its own: a withdrawal always takes effect, the latest
     * explicit act wins, and a restated grant never undoes an opt-out. A
     * channel's `consents` act speaks for marketing, and for service unless
     * `serviceConsents` names the channel.
     */
    async upsert(
        cardNumber: string,
        update: CustomerUpdate,
        by: ChangeSource,
    ): Promise<{ customer: CustomerView; created: boolean }> {
        const profile = this.profileFrom(update);
        const now = this.clock();
        for (const [field, acts] of [
            ['consents', update.consents],
            ['serviceConsents', update.serviceConsents],
        ] as const)
            for (const [channel, act] of Object.entries(acts ?? {})) {
                const problem = act?.at ? checkConsentAt(act.at, now, this.config.pos) : null;
                if (problem)
                    throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                        { path: `${field}.${channel}.at`, message: problem },
                    ]);
            }
        const given = (acts: CustomerUpdate['consents']): ConsentActs =>
            Object.entries(acts ?? {}).filter(
                (e): e is [string, { granted: boolean; at?: Date }] => e[1] !== undefined,
            );
        const marketingActs = given(update.consents);
        const serviceOnly = given(update.serviceConsents);
        const serviceActs = [
            ...serviceOnly,
            ...marketingActs.filter(([channel]) => !serviceOnly.some(([c]) => c === channel)),
        ];
        return this.db.transaction(async (tx) => {
            let customer = await this.customers.lockByCard(tx, cardNumber);
            // A blocked card changes nothing; a replaced one is never enrolled again.
            const refusal = cardRefusal(
                customer,
                !customer && (await this.customers.isReplacedCard(tx, cardNumber)),
            );
            if (refusal) throw refusal;
            const created = !customer;
            if (!customer) {
                await this.customers.enrolIfMissing(tx, cardNumber, now, by.storeId);
                customer = (await this.customers.lockByCard(tx, cardNumber)) as Customer;
            }
            await this.customers.updateProfile(tx, customer.id, profile, now);
            // Service consent follows marketing until they part: give it its own row before either changes.
            await this.consents.separateService(
                tx,
                [customer.id],
                serviceActs.map(([channel]) => channel),
            );
            const marketing = await this.applyActs(tx, customer.id, marketingActs, 'marketing', now, by);
            const service = await this.applyActs(tx, customer.id, serviceActs, 'service', now, by);
            const fresh = (await this.customers.findById(tx, customer.id)) as Customer;
            return { customer: this.view(fresh, marketing, service), created };
        });
    }

    /** Decides and records a till's acts on the consents of one purpose; returns that purpose's consents. */
    private async applyActs(
        tx: SqlExecutor,
        customerId: number,
        acts: ConsentActs,
        purpose: ConsentPurpose,
        now: Date,
        by: ChangeSource,
    ): Promise<CustomerConsent[]> {
        const stored = await this.consents.findForCustomer(tx, customerId, purpose);
        const current = new Map(stored.map((c) => [c.channel, c]));
        const asked = acts.filter(([channel, act]) => needsLastTillAct(current.get(channel) ?? null, act));
        const tillActs = asked.length
            ? await this.consents.lastTillActs(
                  tx,
                  customerId,
                  asked.map(([channel]) => channel),
                  purpose,
              )
            : new Map<string, { granted: boolean }>();
        const changes: CustomerConsent[] = [];
        for (const [channel, act] of acts) {
            const decided = decideConsent(
                current.get(channel) ?? null,
                act,
                now,
                tillActs.get(channel) ?? null,
            );
            if (!decided) continue;
            const consent = { customerId, channel, ...decided, source: by.source };
            changes.push(consent);
            current.set(channel, consent);
        }
        await this.consents.record(tx, changes, now, purpose);
        return [...current.values()];
    }

    /** A customer's profile and consents. */
    async get(cardNumber: string): Promise<CustomerView> {
        const customer = await this.known(cardNumber);
        return this.view(
            customer,
            await this.consents.findForCustomer(this.db, customer.id, 'marketing'),
            await this.consents.findForCustomer(this.db, customer.id, 'service'),
        );
    }

    /** Available and pending bonuses, the next expiries and the active personal offers. */
    async balance(cardNumber: string): Promise<BalanceView> {
        const customer = await this.known(cardNumber);
        const blocked = cardRefusal(customer, false);
        if (blocked) throw blocked;
        const now = this.clock();
        const at = await this.bonuses.balanceOf(customer.id, now, customer.timezone ?? this.config.timezone);
        const offers = await this.offers.activeOffers(customer.id, now);
        return {
            cardNumber,
            available: at.available,
            pending: at.pending,
            debt: customer.debt,
            expiries: at.expiries,
            offers,
        };
    }

    /** The card's customer; a replaced card is refused as such, an unknown one is not found. */
    private async known(cardNumber: string): Promise<Customer> {
        const customer = await this.customers.findByCard(this.db, cardNumber);
        if (customer) return customer;
        if (await this.customers.isReplacedCard(this.db, cardNumber)) throw cardRefusal(null, true);
        throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
    }

    private profileFrom(update: CustomerUpdate): CustomerProfile {
        return contactProfile(update, this.config.defaultCountry);
    }

    private view(
        c: Customer,
        consents: readonly CustomerConsent[],
        serviceConsents: readonly CustomerConsent[],
    ): CustomerView {
        const byChannel = (list: readonly CustomerConsent[]) =>
            Object.fromEntries(
                list.map((k) => [k.channel, { granted: k.granted, changedAt: k.changedAt.toISOString() }]),
            );
        return {
            cardNumber: c.cardNumber,
            phone: c.phone,
            email: c.email,
            name: c.name,
            timezone: c.timezone,
            locale: c.locale,
            telegramChatId: c.telegramChatId,
            pushToken: c.pushToken,
            consents: byChannel(consents),
            serviceConsents: byChannel(serviceConsents),
            enrolledAt: c.enrolledAt.toISOString(),
        };
    }
}
