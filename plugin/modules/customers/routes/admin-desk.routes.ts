import { Router } from 'express';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { cardParams } from '../../../kernel/http/pos.schemas.js';
import type { ConsentChannel } from '../../../kernel/vocabulary/channels.js';
import type { ConsentPurpose } from '../rules/consent.rules.js';
import type { CardReplacementService } from '../services/card-replacement.service.js';
import type { CustomerCardService } from '../services/customer-card.service.js';
import type { CustomerDeskService, DeskContacts } from '../services/customer-desk.service.js';
import { customerCardAnswer } from './customer-card.schemas.js';
import { blockBody, consentBody, consentParams, contactsBody, replaceBody } from './desk.schemas.js';

/** What the store desk's routes call. */
export interface DeskApiServices {
    customerDesk: CustomerDeskService;
    cardReplacements: CardReplacementService;
    /** The customer card every action answers with. */
    customerCards: Pick<CustomerCardService, 'card'>;
}

/** The store desk: admins and store managers (never analysts or marketers). */
const DESK = ['admin', 'manager'] as const;
const answer = { status: 200, description: 'The customer card after the action', schema: customerCardAnswer };
const lookUp = {
    REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card',
    REFILL_CARD_REPLACED: 'The card was replaced: act on the new card',
} as const;

/** The store desk's customer routes: what each validates, who may call it, what it answers. */
export const adminDeskRouteTable = {
    updateContacts: adminRoute({
        method: 'patch',
        path: '/customers/:cardNumber/contacts',
        roles: DESK,
        summary: 'Change a customer’s contacts and birth date',
        description:
            'Fields left out stay as they are; `null` clears one. The phone is stored as E.164. Audited with the reason (the names of the fields changed, never their values); a change that changes nothing writes nothing.',
        tags: ['customers'],
        params: cardParams,
        body: contactsBody,
        success: answer,
        errors: lookUp,
    }),
    setConsent: adminRoute({
        method: 'put',
        path: '/customers/:cardNumber/consents/:channel',
        roles: DESK,
        summary: 'Grant or withdraw a customer’s marketing or service consent in one channel',
        description:
            'The consent history entry names the actor (`admin:<username>`) and the reason; audited. Setting the consent it has writes nothing.',
        tags: ['customers'],
        params: consentParams,
        body: consentBody,
        success: answer,
        errors: lookUp,
    }),
    replaceCard: adminRoute({
        method: 'post',
        path: '/customers/:cardNumber/replace',
        roles: DESK,
        summary: 'Move a customer to a new card',
        description:
            'Balance, lots and history move with the customer. From the commit on, tills get 409 `REFILL_CARD_REPLACED` for the old card (it is never enrolled again); returns of its receipts still work. A retry with the same `idempotencyKey` answers the same result (`Idempotent-Replayed: true`). Audited.',
        tags: ['customers'],
        params: cardParams,
        body: replaceBody,
        success: {
            ...answer,
            headers: { 'Idempotent-Replayed': '`true` for a retry answered from the first replacement' },
        },
        errors: {
            ...lookUp,
            REFILL_CONFLICT:
                'The new card belongs to a customer or was replaced before, or the key was used for another replacement',
        },
    }),
    blockCard: adminRoute({
        method: 'post',
        path: '/customers/:cardNumber/block',
        roles: DESK,
        summary: 'Block a card',
        description:
            'Tills get 409 `REFILL_CARD_BLOCKED` for sales, previews, balances and profile changes; returns of its receipts still work; campaigns leave it out. Blocking a blocked card changes nothing. Audited.',
        tags: ['customers'],
        params: cardParams,
        body: blockBody,
        success: answer,
        errors: lookUp,
    }),
    unblockCard: adminRoute({
        method: 'post',
        path: '/customers/:cardNumber/unblock',
        roles: DESK,
        summary: 'Unblock a card',
        description: 'Unblocking a card that is not blocked changes nothing. Audited.',
        tags: ['customers'],
        params: cardParams,
        body: blockBody,
        success: answer,
        errors: lookUp,
    }),
};

/**
 * The store desk's customer actions: contacts, consents, card replacement,
 * block and unblock. Each is audited under the caller with its reason and
 * answers the customer card as it is after the action.
 */
export function adminDeskRoutes(s: DeskApiServices): Router {
    const router = Router();
    const table = adminDeskRouteTable;
    const card = (params: unknown) => (params as { cardNumber: string }).cardNumber;
    mountRoute(router, table.updateContacts, async (_req, res) => {
        const { reason, ...contacts } = res.locals.body as DeskContacts & { reason: string };
        const actor = adminPrincipal(res).username;
        const customer = await s.customerDesk.updateContacts(
            card(res.locals.params),
            contacts,
            reason,
            actor,
        );
        res.json(await s.customerCards.card(customer.cardNumber));
    });
    mountRoute(router, table.setConsent, async (_req, res) => {
        const { cardNumber, channel } = res.locals.params as { cardNumber: string; channel: ConsentChannel };
        const { kind, granted, reason } = res.locals.body as {
            kind: ConsentPurpose;
            granted: boolean;
            reason: string;
        };
        const actor = adminPrincipal(res).username;
        const customer = await s.customerDesk.setConsent(cardNumber, channel, kind, granted, reason, actor);
        res.json(await s.customerCards.card(customer.cardNumber));
    });
    mountRoute(router, table.replaceCard, async (_req, res) => {
        const body = res.locals.body as { newCardNumber: string; reason: string; idempotencyKey: string };
        const { customer, replayed } = await s.cardReplacements.replace({
            ...body,
            cardNumber: card(res.locals.params),
            actor: adminPrincipal(res).username,
        });
        res.set('Idempotent-Replayed', String(replayed)).json(
            await s.customerCards.card(customer.cardNumber),
        );
    });
    for (const [route, act] of [
        [table.blockCard, 'block'],
        [table.unblockCard, 'unblock'],
    ] as const)
        mountRoute(router, route, async (_req, res) => {
            const { reason } = res.locals.body as { reason: string };
            const actor = adminPrincipal(res).username;
            const customer = await s.customerDesk[act](card(res.locals.params), reason, actor);
            res.json(await s.customerCards.card(customer.cardNumber));
        });
    return router;
}
