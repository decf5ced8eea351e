/**
 * Where the daily job gets the sizes of saved custom segments from (the
 * custom-segment service implements it; the composition root passes it in).
 * Keys are `custom:<id>`.
 */
export interface SegmentSizeSource {
    /** Every saved custom segment's size now. */
    sizes(): Promise<{ key: string; size: number }[]>;
}
