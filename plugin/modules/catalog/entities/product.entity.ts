import { EntitySchema } from 'typeorm';
import { bool, int, intId, str, time } from '../../../kernel/db/entity-columns.js';

/** A catalogue item: its ATC code places it in categories; its flags limit accrual and spending. */
export interface Product {
    id: number;
    sku: string;
    name: string;
    atc: string | null;
    /** Accrual rate override in basis points; wins over the category's. */
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
    prescriptionOnly: boolean;
    createdAt: Date;
    updatedAt: Date;
}

/** TypeORM schema of {@link Product}. */
export const ProductEntity = new EntitySchema<Product>({
    name: 'RefillProduct',
    tableName: 'refill_products',
    columns: {
        id: intId(),
        sku: str('sku', 64),
        name: str('name', 255),
        atc: str('atc', 16, true),
        accrualRateBp: int('accrual_rate_bp', true),
        excludedFromAccrual: bool('excluded_from_accrual'),
        excludedFromRedemption: bool('excluded_from_redemption'),
        prescriptionOnly: bool('prescription_only'),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
    },
    indices: [
        { name: 'UQ_refill_products_sku', columns: ['sku'], unique: true },
        // The category editor's ATC autocomplete reads products by the start of their code.
        { name: 'IDX_refill_products_atc', columns: ['atc'] },
    ],
});
