import type { Cascade } from '../entities/cascade.entity.js';
import type { CascadePatch } from '../repositories/cascade.repository.js';

/** The parts of a dispatch page {@link withoutDeferred} reshapes. */
export interface DeferrableWork<I, S extends { c: Cascade; item: number }> {
    items: I[];
    sends: S[];
    patches: Array<{ c: Cascade; patch: CascadePatch }>;
}

/**
 * A page without the sends the send-rate gate deferred: their items leave
 * the batch (nothing is recorded for them, so they are not attempts), the
 * other sends point at their items' new places, and each deferred cascade
 * stays pending on its step until the moment it may ask again, where its
 * step is planned afresh.
 */
export function withoutDeferred<I, S extends { c: Cascade; item: number }>(
    work: DeferrableWork<I, S>,
    deferred: ReadonlyMap<number, Date>,
): DeferrableWork<I, S> {
    const place = new Map<number, number>();
    const items: I[] = [];
    work.items.forEach((item, i) => {
        if (deferred.has(i)) return;
        place.set(i, items.length);
        items.push(item);
    });
    const sends: S[] = [];
    const patches = [...work.patches];
    for (const s of work.sends) {
        const until = deferred.get(s.item);
        if (until)
            patches.push({ c: s.c, patch: { status: 'pending', nextAt: until, outcome: 'throttled:rate' } });
        else sends.push({ ...s, item: place.get(s.item)! });
    }
    return { items, sends, patches };
}
