import { validateOrThrow } from './kernel/http/validate.js';
import { cardNumber as cardSchema } from './kernel/http/pos.schemas.js';
import {
    type BalanceView,
    customerBody,
    type CustomerService,
    type CustomerUpdate,
    type CustomerView,
} from './modules/customers/index.js';
import {
    previewBody,
    type PreviewInput,
    type PreviewResult,
    type PurchaseRequest,
    type PurchaseResult,
    type PurchaseService,
    receiptBody,
    receiptParams,
    returnBody,
    type ReturnRequest,
    type ReturnResult,
    type ReturnService,
} from './modules/ledger/index.js';
import type { StoreService } from './modules/admin/index.js';

/**
 * In-process calls for hosts that record sales themselves. They take the
 * same input as the POS API (validated the same way, with the same coded
 * errors) and act for the store given by code.
 */
export interface RefillHooks {
    preview(input: PreviewInput): Promise<PreviewResult>;
    commitPurchase(input: PurchaseRequest): Promise<PurchaseResult & { replayed: boolean }>;
    recordReturn(receiptId: string, input: ReturnRequest): Promise<ReturnResult & { replayed: boolean }>;
    upsertCustomer(cardNumber: string, update: CustomerUpdate, storeCode?: string): Promise<CustomerView>;
    balance(cardNumber: string): Promise<BalanceView>;
}

/** Builds the hooks over the same services (and the same joi schemas) the POS API uses. */
export function createRefillHooks(
    services: {
        purchases: PurchaseService;
        returns: ReturnService;
        customers: CustomerService;
        stores: StoreService;
    },
    maxLines: number,
): RefillHooks {
    const { purchases, returns, customers, stores } = services;
    const schemas = {
        preview: previewBody(maxLines),
        receipt: receiptBody(maxLines),
        return: returnBody(maxLines),
    };
    const card = (cardNumber: string) => validateOrThrow(cardSchema.required(), cardNumber, 'cardNumber');
    return {
        preview: (input) => purchases.preview(validateOrThrow(schemas.preview, input)),
        async commitPurchase(input) {
            const valid = validateOrThrow(schemas.receipt, input);
            const { result, replayed } = await purchases.commit(
                valid,
                await stores.identity(valid.storeCode),
            );
            return { ...result, replayed };
        },
        async recordReturn(receiptId, input) {
            const { storeCode, ...rest } = input;
            validateOrThrow(receiptParams, { receiptId });
            const valid = validateOrThrow(schemas.return, rest);
            const { result, replayed } = await returns.record(
                receiptId,
                valid,
                await stores.identity(storeCode),
            );
            return { ...result, replayed };
        },
        async upsertCustomer(cardNumber, update, storeCode) {
            const valid = validateOrThrow(customerBody, update);
            const pos = storeCode ? await stores.identity(storeCode) : null;
            const { customer } = await customers.upsert(card(cardNumber), valid, {
                storeId: pos?.storeId ?? null,
                source: pos ? `store:${pos.storeCode}` : 'host',
            });
            return customer;
        },
        balance: (cardNumber) => customers.balance(card(cardNumber)),
    };
}
