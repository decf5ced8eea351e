import { isApiError } from '../../api/api-error';
import type { CategoryBody, CategoryView } from '../../api/categories';
import type { Translate } from '../../i18n/locale-provider';

/** A category code as the API accepts it: 1 to 64 letters, digits and `. _ -`. */
export const CATEGORY_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** A number field's value: a number, or `''` while empty (Mantine's NumberInput). */
type NumberValue = number | string;

/** The category editor's values; field names are the API's, so its errors land on them. */
export interface CategoryFormValues {
    code: string;
    name: string;
    chronic: boolean;
    active: boolean;
    atcPrefixes: string[];
    skus: string[];
    refillIntervalDays: NumberValue;
    lapseAfterDays: NumberValue;
    minPurchases: NumberValue;
    /** Months out of season, `'1'`…`'12'` (chip values are strings). */
    seasonalMonths: string[];
    marginPct: NumberValue;
    publicLabel: string;
    /** Kept as they are: the editor does not show them, and a PUT without them would reset them. */
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
}

/** The editor's values for a category (or for a new one). */
export function formValues(category: CategoryView | null): CategoryFormValues {
    const num = (value: number | null | undefined): NumberValue => value ?? '';
    return {
        code: category?.code ?? '',
        name: category?.name ?? '',
        chronic: category?.chronic ?? true,
        active: category?.active ?? true,
        atcPrefixes: category?.atcPrefixes ?? [],
        skus: category?.skus ?? [],
        refillIntervalDays: num(category?.refillIntervalDays),
        lapseAfterDays: num(category?.lapseAfterDays),
        minPurchases: num(category?.minPurchases),
        seasonalMonths: (category?.seasonalMonths ?? []).map(String),
        marginPct: num(category?.marginPct),
        publicLabel: category?.publicLabel ?? '',
        accrualRateBp: category?.accrualRateBp ?? null,
        excludedFromAccrual: category?.excludedFromAccrual ?? false,
        excludedFromRedemption: category?.excludedFromRedemption ?? false,
    };
}

/** A number field's value for the API: null when empty. */
function numberOrNull(value: NumberValue): number | null {
    if (value === '' || value === null) return null;
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
}

/** What `PUT /categories/:code` gets from the editor's values. */
export function categoryBody(values: CategoryFormValues): CategoryBody {
    return {
        name: values.name.trim(),
        chronic: values.chronic,
        active: values.active,
        atcPrefixes: values.atcPrefixes.map((p) => p.trim().toUpperCase()),
        skus: values.skus.map((s) => s.trim()),
        refillIntervalDays: numberOrNull(values.refillIntervalDays),
        lapseAfterDays: numberOrNull(values.lapseAfterDays),
        minPurchases: numberOrNull(values.minPurchases),
        seasonalMonths: values.seasonalMonths.map(Number).sort((a, b) => a - b),
        marginPct: numberOrNull(values.marginPct),
        publicLabel: values.publicLabel.trim() || null,
        accrualRateBp: values.accrualRateBp,
        excludedFromAccrual: values.excludedFromAccrual,
        excludedFromRedemption: values.excludedFromRedemption,
    };
}

/**
 * The lapse threshold the API applies when the field is empty: twice the
 * refill interval (30 days when that is empty too), at least 30 days (the
 * lapse rule's `categoryLapseRule`).
 */
export function defaultLapseDays(refillIntervalDays: NumberValue): number {
    return Math.max(30, 2 * (numberOrNull(refillIntervalDays) ?? 30));
}

/** Minimum purchase days when the field is empty (the lapse rule's default). */
export const DEFAULT_MIN_PURCHASES = 3;

/** One complaint of the API about a field: `atcPrefixes[1]` → `{ field: 'atcPrefixes', index: 1 }`. */
function splitPath(path: string): { field: string; index: number | null } {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
    return { field: match?.[1] ?? path, index: match?.[2] === undefined ? null : Number(match[2]) };
}

/**
 * The API's coded complaints by form field, in words: a bad field
 * (`REFILL_VALIDATION`), or an ATC prefix or SKU another category holds
 * (`REFILL_CONFLICT`, with that category's code). Empty for other errors.
 */
export function fieldErrors(
    error: unknown,
    values: CategoryFormValues,
    t: Translate,
): Record<string, string> {
    if (!isApiError(error, 'REFILL_VALIDATION', 'REFILL_CONFLICT') || !Array.isArray(error.details))
        return {};
    const out: Record<string, string[]> = {};
    for (const detail of error.details as Array<{ path?: unknown; category?: unknown }>) {
        if (typeof detail?.path !== 'string') continue;
        const { field, index } = splitPath(detail.path);
        if (!(field in values)) continue;
        const list = values[field as keyof CategoryFormValues];
        const value = index !== null && Array.isArray(list) ? String(list[index] ?? '') : null;
        const message =
            error.code === 'REFILL_CONFLICT' && typeof detail.category === 'string'
                ? t('categories.error.taken', { value: value ?? '', category: detail.category })
                : value
                  ? t('categories.error.invalidItem', { value })
                  : t('form.invalid');
        (out[field] ??= []).push(message);
    }
    return Object.fromEntries(Object.entries(out).map(([field, messages]) => [field, messages.join(' ')]));
}
