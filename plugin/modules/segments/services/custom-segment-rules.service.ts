import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { Store } from '../../admin/index.js';
import { compileSegmentRule, type CompiledSegmentRule } from '../rules/segment-rule.compiler.js';
import type { SegmentRule } from '../rules/segment-rule.types.js';

/** Where the compiler finds the stores' coordinates (the admin module's `StoreRepository`). */
export interface StorePlaces {
    list(exec: Database): Promise<Store[]>;
}

/**
 * Compiles segment rules against the database as it is now: the clock's
 * moment, the stores' coordinates, and whether the lifecycle segments'
 * table exists yet (looked up until it does, then remembered).
 */
export class CustomSegmentRulesService {
    private lifecycleSeen = false;

    constructor(
        private readonly db: Database,
        private readonly stores: StorePlaces,
        private readonly clock: Clock,
    ) {}

    /** The rule's SQL now; a 422 at `path` when it names what cannot be evaluated. */
    async compile(rule: SegmentRule, path = 'rule'): Promise<CompiledSegmentRule> {
        const needsStores = JSON.stringify(rule).includes('"homeStoreNear"');
        return compileSegmentRule(
            rule,
            {
                dialect: this.db.dialect,
                now: this.clock(),
                stores: needsStores ? await this.stores.list(this.db) : [],
                lifecycle: await this.lifecycleExists(),
            },
            path,
        );
    }

    /** Whether `refill_customer_lifecycle` exists (the lifecycle part creates and fills it). */
    async lifecycleExists(): Promise<boolean> {
        if (this.lifecycleSeen) return true;
        try {
            await this.db.all('SELECT customer_id FROM refill_customer_lifecycle WHERE 1 = 0');
            this.lifecycleSeen = true;
        } catch {
            // Not created yet: lifecycle conditions are refused until it is.
        }
        return this.lifecycleSeen;
    }
}
