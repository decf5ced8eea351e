import type { Database } from '../../../kernel/db/database.js';
import type { CustomSegmentUsage } from '../../segments/index.js';
import { chainDesignOf, type ChainRepository } from '../repositories/chain.repository.js';

/**
 * Which live chains (active or paused) address a saved segment through their
 * schedule trigger: the segments module refuses to archive a segment one of
 * them still uses (409), since the chain would lose its audience.
 */
export class ChainSegmentUsageReader implements CustomSegmentUsage {
    constructor(
        private readonly db: Database,
        private readonly chains: Pick<ChainRepository, 'list'>,
    ) {}

    /** Names of the live chains whose schedule audience is segment `segmentId`. */
    async activeChainsUsing(segmentId: number): Promise<string[]> {
        const live = await this.chains.list(this.db, ['active', 'paused']);
        return live
            .filter((chain) => {
                const { trigger } = chainDesignOf(chain);
                return (
                    trigger.type === 'schedule' &&
                    'segmentId' in trigger.audience &&
                    trigger.audience.segmentId === segmentId
                );
            })
            .map((chain) => chain.name);
    }
}
