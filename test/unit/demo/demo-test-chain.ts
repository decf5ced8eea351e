import { demoCategoryInputs, demoProductInputs } from '../../../plugin/demo/demo-catalog.js';
import { CatalogSnapshot } from '../../../plugin/modules/catalog/rules/catalog-snapshot.js';
import { MS_PER_DAY } from '../../../plugin/kernel/units/time.js';

/** The fixed end of history the demo tests generate against. */
export const NOW = new Date('2026-03-01T10:00:00.000Z');

/** Milliseconds in a day. */
/** A day in milliseconds (the kernel's one day length). */
export const DAY = MS_PER_DAY;

/** The demo catalogue as Refill would place lines in it (ids are positions from 1). */
export function demoSnapshot(): CatalogSnapshot {
    const categories = demoCategoryInputs().map((c, i) => ({
        id: i + 1,
        code: c.code,
        accrualRateBp: c.accrualRateBp ?? null,
        excludedFromAccrual: c.excludedFromAccrual ?? false,
        excludedFromRedemption: c.excludedFromRedemption ?? false,
    }));
    const rules = demoCategoryInputs().flatMap((c, i) => [
        ...(c.atcPrefixes ?? []).map((value) => ({ categoryId: i + 1, kind: 'atc' as const, value })),
        ...(c.skus ?? []).map((value) => ({ categoryId: i + 1, kind: 'sku' as const, value })),
    ]);
    return new CatalogSnapshot(demoProductInputs(), categories, rules);
}
