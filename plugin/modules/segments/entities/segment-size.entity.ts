import { EntitySchema } from 'typeorm';
import { int, str } from '../../../kernel/db/entity-columns.js';

/**
 * How many customers a segment held on a day: written by the daily job
 * after the classification, for every lifecycle segment and every saved
 * custom segment. A rerun of the day replaces the day's rows.
 */
export interface SegmentSize {
    /** The chain-local day, `YYYY-MM-DD`. */
    day: string;
    /** A lifecycle segment (`regular`), or `custom:<id>` for a saved custom segment. */
    segmentKey: string;
    size: number;
}

/** TypeORM schema of {@link SegmentSize}. */
export const SegmentSizeEntity = new EntitySchema<SegmentSize>({
    name: 'RefillSegmentSize',
    tableName: 'refill_segment_sizes',
    columns: {
        day: { ...str('day', 10), primary: true },
        segmentKey: { ...str('segment_key', 40), primary: true },
        size: int('size', false, 0),
    },
});
