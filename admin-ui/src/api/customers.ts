import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type {
    AdjustmentResult,
    AuditView,
    BonusLotView,
    CampaignMembershipView,
    CardKind,
    ConsentChannel,
    ConsentKind,
    ContactsChange,
    CustomerCard,
    CustomerMessagesView,
    CustomerSummary,
    LedgerLine,
    OfferView,
    Page,
    ReceiptView,
} from './contract';

/*
 * The store desk's data: one hook per admin API call over TanStack Query.
 * Answers are cast to the contract's shapes (api/contract.ts), so the pages
 * keep compiling whether a path comes from the generated types or is still
 * pending there.
 */

/** A section of the customer card that loads on its own. */
export type CardPart = 'lots' | 'ledger' | 'receipts' | 'offers' | 'campaigns' | 'messages' | 'audit';

/** Query keys of the store desk; everything under `customerKeys.all` is refreshed after a desk action. */
export const customerKeys = {
    all: ['customers'] as const,
    search: (q: string) => ['customers', 'search', q] as const,
    card: (cardNumber: string) => ['customers', 'card', cardNumber] as const,
    part: (cardNumber: string, part: CardPart) => ['customers', 'card', cardNumber, part] as const,
};

/** Rows per page of the desk's keyset-paginated lists. */
export const DESK_PAGE_SIZE = 25;

/** A keyset-paginated list under `queryKey`, `fetchPage(cursor)` giving each page (the first without a cursor). */
function usePagedList<T>(queryKey: readonly unknown[], fetchPage: (cursor?: string) => Promise<unknown>) {
    return useInfiniteQuery({
        queryKey,
        queryFn: async ({ pageParam }) => (await fetchPage(pageParam)) as Page<T>,
        initialPageParam: undefined as string | undefined,
        getNextPageParam: (page: Page<T>) => page.meta.pagination.nextCursor ?? undefined,
    });
}

/** Customers matching `q` as typed (phone, card, e-mail, name prefix; empty: newest), page by page. */
export function useCustomerSearch(q: string) {
    return usePagedList<CustomerSummary>(customerKeys.search(q), (cursor) =>
        call(
            api.GET('/customers', {
                params: { query: { q: q || undefined, cursor, limit: DESK_PAGE_SIZE } },
            }),
        ),
    );
}

/** The customer card (profile, contacts, balances, consents); a replaced card answers with `replacedBy`. */
export function useCustomerCard(cardNumber: string) {
    return useQuery({
        queryKey: customerKeys.card(cardNumber),
        queryFn: async () =>
            (await call(
                api.GET('/customers/{cardNumber}', { params: { path: { cardNumber } } }),
            )) as CustomerCard,
    });
}

/** The customer's bonus lots, newest first. */
export function useCustomerLots(cardNumber: string) {
    return useQuery({
        queryKey: customerKeys.part(cardNumber, 'lots'),
        queryFn: async () =>
            (await call(api.GET('/customers/{cardNumber}/lots', { params: { path: { cardNumber } } }))) as {
                data: BonusLotView[];
            },
        select: (answer) => answer.data,
    });
}

/** The customer's ledger, newest first, page by page. */
export function useCustomerLedger(cardNumber: string) {
    return usePagedList<LedgerLine>(customerKeys.part(cardNumber, 'ledger'), (cursor) =>
        call(
            api.GET('/customers/{cardNumber}/ledger', {
                params: { path: { cardNumber }, query: { cursor, limit: DESK_PAGE_SIZE } },
            }),
        ),
    );
}

/** The customer's receipts with lines and returns, newest first, page by page. */
export function useCustomerReceipts(cardNumber: string) {
    return usePagedList<ReceiptView>(customerKeys.part(cardNumber, 'receipts'), (cursor) =>
        call(
            api.GET('/customers/{cardNumber}/receipts', {
                params: { path: { cardNumber }, query: { cursor, limit: DESK_PAGE_SIZE } },
            }),
        ),
    );
}

/** The customer's personal offers. */
export function useCustomerOffers(cardNumber: string) {
    return useQuery({
        queryKey: customerKeys.part(cardNumber, 'offers'),
        queryFn: async () =>
            (await call(api.GET('/customers/{cardNumber}/offers', { params: { path: { cardNumber } } }))) as {
                data: OfferView[];
            },
        select: (answer) => answer.data,
    });
}

/** The campaigns the customer was assigned to (test or control group). */
export function useCustomerCampaigns(cardNumber: string) {
    return useQuery({
        queryKey: customerKeys.part(cardNumber, 'campaigns'),
        queryFn: async () =>
            (await call(
                api.GET('/customers/{cardNumber}/campaigns', { params: { path: { cardNumber } } }),
            )) as { data: CampaignMembershipView[] },
        select: (answer) => answer.data,
    });
}

/** The customer's latest messages with the contact policy's verdicts, and their reminder cascades. */
export function useCustomerMessages(cardNumber: string) {
    return useQuery({
        queryKey: customerKeys.part(cardNumber, 'messages'),
        queryFn: async () =>
            (await call(
                api.GET('/customers/{cardNumber}/messages', { params: { path: { cardNumber } } }),
            )) as CustomerMessagesView,
    });
}

/** The audit log of one customer (`entityType=customer`, the customer's id), newest first, page by page. */
export function useCustomerAudit(cardNumber: string, customerId: number) {
    return usePagedList<AuditView>(customerKeys.part(cardNumber, 'audit'), (cursor) =>
        call(
            api.GET('/audit', {
                params: {
                    query: {
                        entityType: 'customer',
                        entityId: String(customerId),
                        cursor,
                        limit: DESK_PAGE_SIZE,
                    },
                },
            }),
        ),
    );
}

/** After a desk action every cached customer answer is stale (balances, search rows, the card). */
function useRefreshCustomers() {
    const queryClient = useQueryClient();
    return () => queryClient.invalidateQueries({ queryKey: customerKeys.all });
}

/** Credits (amount > 0) or debits bonuses by hand; the key makes a retry change nothing. */
export function useAdjustBalance(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: async (body: { amount: number; reason: string; idempotencyKey: string }) =>
            (await call(
                api.POST('/customers/{cardNumber}/adjustments', { params: { path: { cardNumber } }, body }),
            )) as AdjustmentResult,
        onSuccess: refresh,
    });
}

/** Changes the customer's contacts (fields left out stay; `null` clears). */
export function useUpdateContacts(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: (body: ContactsChange) =>
            call(api.PATCH('/customers/{cardNumber}/contacts', { params: { path: { cardNumber } }, body })),
        onSuccess: refresh,
    });
}

/** Grants or withdraws one consent (channel × purpose). */
export function useSetConsent(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: ({
            channel,
            ...body
        }: {
            channel: ConsentChannel;
            kind: ConsentKind;
            granted: boolean;
            reason: string;
        }) =>
            call(
                api.PUT('/customers/{cardNumber}/consents/{channel}', {
                    params: { path: { cardNumber, channel } },
                    body,
                }),
            ),
        onSuccess: refresh,
    });
}

/** Marks the card regular, test or employee (campaigns leave the last two out). */
export function useSetCardKind(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: (cardKind: CardKind) =>
            call(
                api.PUT('/customers/{card}/card-kind', {
                    params: { path: { card: cardNumber } },
                    body: { cardKind },
                }),
            ),
        onSuccess: refresh,
    });
}

/** Moves the customer to a new card; the old one is refused at the tills from then on. */
export function useReplaceCard(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: (body: { newCardNumber: string; reason: string; idempotencyKey: string }) =>
            call(api.POST('/customers/{cardNumber}/replace', { params: { path: { cardNumber } }, body })),
        onSuccess: refresh,
    });
}

/** Blocks (`block: true`) or unblocks the card. */
export function useBlockCard(cardNumber: string) {
    const refresh = useRefreshCustomers();
    return useMutation({
        mutationFn: ({ block, reason }: { block: boolean; reason: string }) =>
            block
                ? call(
                      api.POST('/customers/{cardNumber}/block', {
                          params: { path: { cardNumber } },
                          body: { reason },
                      }),
                  )
                : call(
                      api.POST('/customers/{cardNumber}/unblock', {
                          params: { path: { cardNumber } },
                          body: { reason },
                      }),
                  ),
        onSuccess: refresh,
    });
}
