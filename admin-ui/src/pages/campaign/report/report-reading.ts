/** What the reading needs of a conversion uplift: its absolute interval (a rate difference). */
export interface ConversionInterval {
    absolute: { ciLow: number | null; ciHigh: number | null };
}

/** What the plain-language reading says: a gain, a loss, an effect not told from zero, or no interval yet. */
export type ReadingKind = 'gain' | 'loss' | 'unclear' | 'none';

/** The reading of a conversion uplift: its 95% interval as buyers per 100 assigned customers. */
export interface Reading {
    kind: ReadingKind;
    /** Lower and upper bound in buyers per 100 customers, rounded to one decimal (a loss: as positive numbers). */
    low: number;
    high: number;
}

const perHundred = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * Reads the conversion uplift's interval (a rate difference) as buyers per
 * 100 customers: "added between 2.5 and 9.5", "cost between …", or "not
 * told from zero" when the interval spans it. Computed from the report, never
 * fixed text.
 */
export function readConversion(conversion: ConversionInterval | null): Reading {
    const low = conversion?.absolute.ciLow ?? null;
    const high = conversion?.absolute.ciHigh ?? null;
    if (low === null || high === null) return { kind: 'none', low: 0, high: 0 };
    const lo = perHundred(low);
    const hi = perHundred(high);
    if (lo > 0) return { kind: 'gain', low: lo, high: hi };
    if (hi < 0) return { kind: 'loss', low: -hi, high: -lo };
    return { kind: 'unclear', low: lo, high: hi };
}
