import Joi from 'joi';
import { atcCode } from '../../kernel/http/pos.schemas.js';
import { RefillError } from '../../kernel/errors/refill-error.js';
import type { CategoryInput, ProductInput } from '../catalog/index.js';
import {
    csvFlag,
    csvNumber,
    csvText,
    readCsv,
    type CsvOptions,
    type CsvRow,
    type ImportSource,
} from './csv-source.js';

/** A catalogue CSV row: the value it describes, or why it was rejected. */
export type CatalogRow<T> = { line: number; value: T; error?: undefined } | { line: number; error: string };

/** Columns of a products file. */
export const PRODUCT_COLUMNS = [
    'sku',
    'name',
    'atc',
    'accrual_rate_bp',
    'excluded_from_accrual',
    'excluded_from_redemption',
    'prescription_only',
] as const;

/** Columns of a categories file. */
export const CATEGORY_COLUMNS = [
    'code',
    'name',
    'atc_prefixes',
    'skus',
    'accrual_rate_bp',
    'excluded_from_accrual',
    'excluded_from_redemption',
    'chronic',
    'seasonal',
    'refill_interval_days',
    'lapse_after_days',
    'min_purchases',
] as const;

const code = Joi.string()
    .min(1)
    .max(64)
    .pattern(/^[A-Za-z0-9._:/#-]+$/)
    .message('{#label} must use letters, digits and . _ : / # - only');
const rateBp = Joi.number().integer().min(0).max(10_000).allow(null);
const days = (max: number) => Joi.number().integer().min(1).max(max).allow(null);
const flag = Joi.boolean().required().messages({ 'any.required': '{#label} must be 1, 0 or empty' });

const productSchema = Joi.object<ProductInput>({
    sku: code.required(),
    name: Joi.string().min(1).max(255).required(),
    atc: atcCode.allow(null),
    accrualRateBp: rateBp,
    excludedFromAccrual: flag,
    excludedFromRedemption: flag,
    prescriptionOnly: flag,
});

const categorySchema = Joi.object<CategoryInput>({
    code: code.required(),
    name: Joi.string().min(1).max(255).required(),
    atcPrefixes: Joi.array().items(atcCode),
    skus: Joi.array().items(code),
    accrualRateBp: rateBp,
    excludedFromAccrual: flag,
    excludedFromRedemption: flag,
    chronic: flag,
    seasonal: flag,
    refillIntervalDays: days(3650),
    lapseAfterDays: days(3650),
    minPurchases: days(1000),
});

const OPTIONS: Joi.ValidationOptions = { abortEarly: true, errors: { wrap: { label: false } } };

/** Streams a products CSV (see docs/import-formats.md); every row validated. */
export async function* readProductsCsv(
    source: ImportSource,
    options: CsvOptions = {},
): AsyncGenerator<CatalogRow<ProductInput>> {
    for await (const row of rowsOf(source, options, ['sku', 'name'])) {
        const c = row.cells;
        yield check(row, productSchema, {
            sku: c.sku,
            name: c.name,
            atc: csvText(c.atc ?? '') ?? null,
            accrualRateBp: csvNumber(c.accrual_rate_bp ?? '') ?? null,
            excludedFromAccrual: csvFlag(c.excluded_from_accrual ?? ''),
            excludedFromRedemption: csvFlag(c.excluded_from_redemption ?? ''),
            prescriptionOnly: csvFlag(c.prescription_only ?? ''),
        });
    }
}

/** Streams a categories CSV (see docs/import-formats.md); every row validated. */
export async function* readCategoriesCsv(
    source: ImportSource,
    options: CsvOptions = {},
): AsyncGenerator<CatalogRow<CategoryInput>> {
    for await (const row of rowsOf(source, options, ['code', 'name'])) {
        const c = row.cells;
        yield check(row, categorySchema, {
            code: c.code,
            name: c.name,
            atcPrefixes: list(c.atc_prefixes?.toUpperCase()),
            skus: list(c.skus),
            accrualRateBp: csvNumber(c.accrual_rate_bp ?? '') ?? null,
            excludedFromAccrual: csvFlag(c.excluded_from_accrual ?? ''),
            excludedFromRedemption: csvFlag(c.excluded_from_redemption ?? ''),
            chronic: csvFlag(c.chronic ?? ''),
            seasonal: csvFlag(c.seasonal ?? ''),
            refillIntervalDays: csvNumber(c.refill_interval_days ?? '') ?? null,
            lapseAfterDays: csvNumber(c.lapse_after_days ?? '') ?? null,
            minPurchases: csvNumber(c.min_purchases ?? '') ?? null,
        });
    }
}

/** The data rows of a catalogue CSV whose header has the `required` columns. */
async function* rowsOf(
    source: ImportSource,
    options: CsvOptions,
    required: string[],
): AsyncGenerator<CsvRow> {
    for await (const item of readCsv(source, options)) {
        if ('header' in item) {
            const missing = required.filter((c) => !item.header.includes(c));
            if (missing.length)
                throw new RefillError('REFILL_VALIDATION', 'The catalogue CSV lacks required columns', {
                    missing,
                });
            continue;
        }
        yield item;
    }
}

/** A list cell: values separated by spaces or `|`, each kept once. */
function list(cell: string | undefined): string[] {
    return [...new Set((cell ?? '').split(/[\s|]+/).filter(Boolean))];
}

function check<T>(row: CsvRow, schema: Joi.ObjectSchema<T>, value: Record<string, unknown>): CatalogRow<T> {
    if (row.fieldCountError) return { line: row.line, error: row.fieldCountError };
    const { value: valid, error } = schema.validate(value, OPTIONS);
    if (!error) return { line: row.line, value: valid };
    const detail = error.details[0];
    const label = detail?.context?.label ?? detail?.path.join('.') ?? 'row';
    const message = detail?.message ?? 'is invalid';
    return { line: row.line, error: message.startsWith(label) ? message : `${label} ${message}` };
}
