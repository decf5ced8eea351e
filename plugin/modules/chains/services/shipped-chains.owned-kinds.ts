import type { Database } from '../../../kernel/db/database.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { ChainOwnedKinds } from '../../messaging/index.js';
import { chainDesignOf, type ChainRepository } from '../repositories/chain.repository.js';
import { CHAIN_OWNABLE_REMINDERS } from '../rules/shipped-chains.js';

/**
 * Messaging's `ChainOwnedKinds`, answered from the active chains: a
 * built-in reminder kind (welcome, bonus-expiry) is owned while an active
 * chain on its trigger (enrolled, bonuses-burning) has a send step of that
 * kind, as the shipped `welcome` and `burn-7` / `burn-2` do. The chain's
 * holdout then gets no such message at all: that is what it measures.
 */
export class ChainOwnedKindsReader implements ChainOwnedKinds {
    constructor(
        private readonly db: Database,
        private readonly chains: Pick<ChainRepository, 'list'>,
    ) {}

    /** The built-in reminder kinds active chains send. */
    async ownedKinds(): Promise<ReadonlySet<MessageKind>> {
        const owned = new Set<MessageKind>();
        for (const chain of await this.chains.list(this.db, ['active'])) {
            const design = chainDesignOf(chain);
            for (const [kind, trigger] of Object.entries(CHAIN_OWNABLE_REMINDERS) as [MessageKind, string][])
                if (
                    design.trigger.type === trigger &&
                    design.steps.some((s) => s.type === 'send' && s.kind === kind)
                )
                    owned.add(kind);
        }
        return owned;
    }
}
