import { DateTime } from 'luxon';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { HomeStoreRepository } from '../repositories/home-store.repository.js';

/** What a refresh did. */
export interface HomeStoreRefresh {
    pages: number;
    homeStores: number;
}

/**
 * Recomputes every customer's home store (most receipts in the 12 months
 * before now, ties to the latest), page by page of customer ids, each page
 * in its own transaction. Idempotent: a rerun (or a run taken over after a
 * crash) rewrites the same rows.
 */
export class HomeStoreRefresher {
    constructor(
        private readonly db: Database,
        private readonly homeStores: HomeStoreRepository,
        private readonly timezone: string,
        private readonly clock: Clock,
        private readonly pageSize = 2000,
    ) {}

    /** Runs every page; `onPage` after each (the job extends its lock there). */
    async refresh(options: { onPage?: () => Promise<void> | void } = {}): Promise<HomeStoreRefresh> {
        const now = DateTime.fromJSDate(this.clock(), { zone: this.timezone });
        const since = now.minus({ months: 12 }).toJSDate();
        const day = now.toISODate()!;
        let afterId = 0;
        const result: HomeStoreRefresh = { pages: 0, homeStores: 0 };
        for (;;) {
            const ids = await this.homeStores.customerIds(this.db, afterId, this.pageSize);
            const last = ids.length < this.pageSize;
            const upTo = last ? null : ids[ids.length - 1];
            result.homeStores += await this.db.transaction((tx) =>
                this.homeStores.rewriteRange(tx, afterId, upTo, since, day),
            );
            result.pages++;
            await options.onPage?.();
            if (upTo === null) return result;
            afterId = upTo;
        }
    }
}
