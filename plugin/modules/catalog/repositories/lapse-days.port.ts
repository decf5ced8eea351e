/**
 * Where a page of lapsed buyers is read from: the lapse rule's own
 * prefilter (`lapseScanWindow` in the lapse rules), so every row the rule can
 * call lapsed is read, and the rule judges each one.
 */
export interface LapsedRange {
    categoryId: number;
    /** last_at ≥ this (the look-back window). */
    lastFrom: Date;
    /** last_at < this (the lapse threshold). */
    lastBefore: Date;
    /** Customer ids in [fromId, toId]. */
    fromId: number;
    toId: number;
    /** Necessary condition of the lapse rule: at least this many purchase days ever. */
    minPurchases: number;
}

/** A statistics row of the lapse range: whose, and their purchase days. */
export interface LapseDays {
    customerId: number;
    recentDays: number[];
}

/**
 * Reads the statistics rows of a lapse range with their purchase days, page
 * by page (a category's lapsed-buyers count). The campaigns module's
 * candidate query implements it with the same range as the daily selection.
 */
export interface LapseDaysReader {
    /** Pages of the range's rows in (last_at, customer_id) order. */
    lapseDays(range: LapsedRange, pageSize?: number): AsyncIterable<LapseDays[]>;
}
