import { EntitySchema } from 'typeorm';
import { bigInt, int, time } from '../../../kernel/db/entity-columns.js';

/** A 64-bit sum that starts at 0. */
const sum = (name: string) => ({ ...bigInt(name), default: 0 });

/**
 * A snapshot of the members of one home store (0: none), taken by the
 * `daily-figures` job: how many, how many bought in the last 30 days, the
 * bonuses they hold and what of it burns within 30 days.
 */
export interface MemberFigures {
    storeId: number;
    members: number;
    /** Members whose last purchase lies within 30 days of `takenAt`. */
    active30d: number;
    /** Available bonuses. */
    balance: number;
    /** Bonuses credited but not yet active. */
    pending: number;
    /** Remaining bonuses of lots that expire within 30 days of `takenAt`. */
    burns30d: number;
    takenAt: Date;
}

/** TypeORM schema of {@link MemberFigures}. */
export const MemberFiguresEntity = new EntitySchema<MemberFigures>({
    name: 'RefillMemberFigures',
    tableName: 'refill_member_figures',
    columns: {
        storeId: { ...int('store_id'), primary: true },
        members: int('members', false, 0),
        active30d: int('active_30d', false, 0),
        balance: sum('balance'),
        pending: sum('pending'),
        burns30d: sum('burns_30d'),
        takenAt: time('taken_at'),
    },
});
