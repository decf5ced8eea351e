import { EntitySchema } from 'typeorm';
import { int, intId, str } from '../../../kernel/db/entity-columns.js';
import type { Category } from './category.entity.js';

/** One membership rule of a category: an ATC code prefix or an exact SKU. */
export interface CategoryRule {
    id: number;
    categoryId: number;
    kind: 'atc' | 'sku';
    value: string;
    /** The related row, when loaded through TypeORM relations. */
    category?: Category;
}

/** TypeORM schema of {@link CategoryRule}. */
export const CategoryRuleEntity = new EntitySchema<CategoryRule>({
    name: 'RefillCategoryRule',
    tableName: 'refill_category_rules',
    columns: {
        id: intId(),
        categoryId: int('category_id'),
        kind: str('kind', 8),
        value: str('value', 64),
    },
    relations: {
        category: {
            type: 'many-to-one',
            target: 'RefillCategory',
            joinColumn: { name: 'category_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [
        { name: 'UQ_refill_category_rules_kind_value', columns: ['kind', 'value'], unique: true },
        { name: 'IDX_refill_category_rules_category', columns: ['categoryId'] },
    ],
});
