import { EntitySchema } from 'typeorm';
import { bigInt, str, time } from '../../../kernel/db/entity-columns.js';

/** A 64-bit sum that starts at 0. */
const sum = (name: string) => ({ ...bigInt(name), default: 0 });

/** How far the `daily-figures` job has counted one source table: the last row id counted. */
export interface FigureWatermark {
    /** The source: `purchases`, `returns`, `ledger`, `customers`. */
    source: string;
    lastId: number;
    updatedAt: Date;
}

/** TypeORM schema of {@link FigureWatermark}. */
export const FigureWatermarkEntity = new EntitySchema<FigureWatermark>({
    name: 'RefillFigureWatermark',
    tableName: 'refill_figure_watermarks',
    columns: {
        source: { ...str('source', 32), primary: true },
        lastId: sum('last_id'),
        updatedAt: time('updated_at'),
    },
});
