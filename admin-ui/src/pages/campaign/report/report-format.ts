import { useMemo } from 'react';
import type { EffectsView, ReportMoneyView, UpliftView } from '../../../api/campaign-types';
import { useChain } from '../../../app/chain-provider';
import { minorDigits } from '../../../format/format';
import { useFormat } from '../../../format/use-format';
import { useLocale } from '../../../i18n/locale-provider';

/** The normal quantile of a two-sided 95% interval (the groups' own means; the uplift uses the report's t). */
export const Z95 = 1.959964;

/** A group's mean with its 95% interval (normal approximation of the mean's sampling distribution). */
export function groupInterval(g: UpliftView['test']): {
    mean: number;
    low: number | null;
    high: number | null;
} {
    if (g.variance === null || g.n < 2) return { mean: g.mean, low: null, high: null };
    const half = Z95 * Math.sqrt(g.variance / g.n);
    return { mean: g.mean, low: g.mean - half, high: g.mean + half };
}

/** The figures the report's reading and tables use: the mature members', else everyone's so far (provisional). */
export function reportBasis(report: {
    results: EffectsView;
    provisional: EffectsView;
    money: ReportMoneyView | null;
    provisionalMoney: ReportMoneyView | null;
}) {
    const final = report.results.conversion !== null;
    return {
        provisional: !final,
        effects: final ? report.results : report.provisional,
        money: final ? report.money : report.provisionalMoney,
    };
}

/** Formatters of the report's units, bound to the UI language and the chain's currency. */
export function useReportFormat() {
    const f = useFormat();
    const { locale } = useLocale();
    const { currency } = useChain();
    return useMemo(() => {
        const unit = 10 ** minorDigits(currency);
        const number = (digits: number, sign = false) =>
            new Intl.NumberFormat(locale, {
                maximumFractionDigits: digits,
                minimumFractionDigits: 0,
                signDisplay: sign ? 'exceptZero' : 'auto',
            });
        const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
        const pctSigned = new Intl.NumberFormat(locale, {
            style: 'percent',
            maximumFractionDigits: 1,
            signDisplay: 'exceptZero',
        });
        return {
            /** Money from (possibly fractional) minor units: whole currency units from 1000 up, else to the minor unit. */
            money: (minor: number) =>
                f.money(Math.abs(minor) >= 1000 * unit ? Math.round(minor / unit) * unit : Math.round(minor)),
            /** A share 0–1 as a percentage: `12,3 %`. */
            share: (x: number) => pct.format(x),
            /** A ratio as a signed percentage: `+45 %`. */
            ratio: (x: number) => pctSigned.format(x),
            /** A rate difference as signed percentage points: `+5,2`. */
            points: (x: number) => number(1, true).format(x * 100),
            /** A count that may be fractional (incremental converters): `12,4`. */
            count: (x: number) => number(1).format(x),
            /** A multiple: `3,2×`. */
            times: (x: number) => `${number(2).format(x)}×`,
            /** A p-value. */
            p: (x: number) => (x < 0.001 ? `< ${number(3).format(0.001)}` : number(3).format(x)),
            /** `low … high`, or a dash without an interval. */
            range: (low: number | null, high: number | null, one: (x: number) => string) =>
                low === null || high === null ? '—' : `${one(low)} … ${one(high)}`,
        };
    }, [f, locale, currency]);
}
