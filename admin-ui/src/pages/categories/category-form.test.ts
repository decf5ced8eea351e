import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import type { CategoryView } from '../../api/categories';
import type { Translate } from '../../i18n/locale-provider';
import { categoryBody, defaultLapseDays, fieldErrors, formValues } from './category-form';

/** A translator that shows the id and its values, so tests see which words were chosen. */
const t: Translate = (id, values) => (values ? `${id} ${JSON.stringify(values)}` : id);

const statins: CategoryView = {
    code: 'C10AA',
    name: 'Статины',
    chronic: true,
    active: true,
    atcPrefixes: ['C10AA'],
    skus: ['ATORIS-20-30'],
    refillIntervalDays: 30,
    lapseAfterDays: null,
    minPurchases: 3,
    seasonalMonths: [7, 1],
    marginPct: 22.5,
    publicLabel: 'ваши лекарства для сердца',
    accrualRateBp: 700,
    excludedFromAccrual: false,
    excludedFromRedemption: true,
    reach: { buyers: 66, revenue: 13_191_200, lapsedBuyers: 4 },
    rebuild: null,
};

describe('the category editor’s form', () => {
    it('round-trips a category to the PUT body, keeping the fields it does not show', () => {
        expect(categoryBody(formValues(statins))).toEqual({
            name: 'Статины',
            chronic: true,
            active: true,
            atcPrefixes: ['C10AA'],
            skus: ['ATORIS-20-30'],
            refillIntervalDays: 30,
            lapseAfterDays: null,
            minPurchases: 3,
            seasonalMonths: [1, 7],
            marginPct: 22.5,
            publicLabel: 'ваши лекарства для сердца',
            accrualRateBp: 700,
            excludedFromAccrual: false,
            excludedFromRedemption: true,
        });
    });

    it('sends empty numbers and an empty label as null, prefixes upper-case', () => {
        const values = {
            ...formValues(null),
            name: '  Новая ',
            atcPrefixes: ['n06a'],
            marginPct: '',
            publicLabel: ' ',
        };
        expect(categoryBody(values)).toMatchObject({
            name: 'Новая',
            atcPrefixes: ['N06A'],
            refillIntervalDays: null,
            marginPct: null,
            publicLabel: null,
            accrualRateBp: null,
        });
    });

    it('shows the lapse rule’s default threshold: twice the interval, at least 30 days', () => {
        expect(defaultLapseDays('')).toBe(60);
        expect(defaultLapseDays(10)).toBe(30);
        expect(defaultLapseDays(45)).toBe(90);
    });

    it('puts the API’s coded complaints at their fields', () => {
        const values = { ...formValues(statins), atcPrefixes: ['C10AA', 'C09'] };
        const conflict = new ApiError(409, 'REFILL_CONFLICT', 'taken', [
            { path: 'atcPrefixes[1]', message: 'already belongs to category C09', category: 'C09' },
        ]);
        expect(fieldErrors(conflict, values, t)).toEqual({
            atcPrefixes: 'categories.error.taken {"value":"C09","category":"C09"}',
        });
        const invalid = new ApiError(400, 'REFILL_VALIDATION', 'bad', [
            { path: 'refillIntervalDays', message: 'must be ≥ 1' },
            { path: 'seasonalMonths[0]', message: 'must be ≤ 12' },
            { path: 'somethingElse', message: '?' },
        ]);
        expect(fieldErrors(invalid, values, t)).toEqual({
            refillIntervalDays: 'form.invalid',
            seasonalMonths: 'categories.error.invalidItem {"value":"7"}',
        });
        expect(fieldErrors(new ApiError(403, 'REFILL_FORBIDDEN', 'no'), values, t)).toEqual({});
    });
});
