import type { CategoryRebuildService } from '../services/category-rebuild.service.js';
import type { RefillTask } from '../../../kernel/jobs/refill-job.js';

/** Data of `category-rebuild`: the category and the generation of its request. */
interface RebuildData {
    categoryId: number;
    generation: number;
}

/**
 * `category-rebuild`: re-maps a category's stored lines and rewrites its
 * per-customer statistics, batch by batch from its checkpoint (see
 * {@link CategoryRebuildService}). Enqueued once per request (category and
 * generation); a run of a superseded generation stops at its next batch.
 */
export function categoryRebuildTask(rebuilds: CategoryRebuildService): RefillTask {
    return {
        name: 'category-rebuild',
        description: "Rebuilds a category's line mapping and statistics from the stored history",
        concurrency: 1,
        async run(raw, context) {
            const data = raw as unknown as RebuildData;
            let batches = 0;
            const result = await rebuilds.run(data.categoryId, data.generation, {
                touch: async () => {
                    batches++;
                    await context.touch();
                },
            });
            return { categoryId: data.categoryId, batches, done: Number(result.outcome === 'done') };
        },
    };
}
