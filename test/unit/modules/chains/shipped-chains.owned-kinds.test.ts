import { describe, expect, it } from 'vitest';
import type { RefillConfig } from '../../../../plugin/config/refill-options.js';
import type { Database } from '../../../../plugin/kernel/db/database.js';
import type { MessageKind } from '../../../../plugin/kernel/vocabulary/message-kinds.js';
import { ReminderPlannerService } from '../../../../plugin/modules/messaging/index.js';

/*
 * Messaging's planner asks the chains which built-in reminders they send:
 * a kind an active chain owns is not planned, the others are.
 */
describe('built-in reminders a chain owns', () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const config = {
        messaging: {
            welcome: true,
            bonusExpiryNoticeDays: 7,
            bonusExpiryMinAmount: 100,
            offerExpiryReminderDays: 3,
        },
    } as unknown as RefillConfig;

    function planner(owned: MessageKind[] | null) {
        const planned: string[] = [];
        const repos = {
            cascades: {
                insertMany: async (_db: unknown, rows: Array<{ kind: string }>) => {
                    planned.push(...rows.map((r) => r.kind));
                    return rows.length;
                },
            },
            reminders: {
                expiringBonuses: async () => [
                    { customerId: 1, amount: 500, firstExpiry: new Date('2026-03-05T00:00:00Z') },
                ],
                expiringOffers: async () => [],
                newCustomers: async () => [2, 3],
            },
        };
        const chains = owned === null ? null : { ownedKinds: async () => new Set(owned) };
        const service = new ReminderPlannerService({} as Database, repos as never, config, () => now, chains);
        return { service, planned };
    }

    it('plans both when no chain is wired, and when no active chain owns them', async () => {
        for (const owned of [null, []]) {
            const { service, planned } = planner(owned);
            expect(await service.planAll()).toEqual({ offerExpiry: 0, bonusExpiry: 1, welcome: 2 });
            expect(planned).toEqual(['bonus-expiry', 'welcome', 'welcome']);
        }
    });

    it('leaves each owned kind to its chain and plans the rest', async () => {
        const welcomeOwned = planner(['welcome']);
        expect(await welcomeOwned.service.planAll()).toEqual({ offerExpiry: 0, bonusExpiry: 1, welcome: 0 });
        const burnOwned = planner(['bonus-expiry']);
        expect(await burnOwned.service.planAll()).toEqual({ offerExpiry: 0, bonusExpiry: 0, welcome: 2 });
        expect(burnOwned.planned).toEqual(['welcome', 'welcome']);
    });
});
