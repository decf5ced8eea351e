import { useMemo } from 'react';
import { useChain } from '../../app/chain-provider';
import { minorDigits } from '../../format/format';
import { useLocale } from '../../i18n/locale-provider';
import type { RuleUnits } from './rule/rule-model';

/** The chain currency's minor units per major unit, and its symbol (for the money fields). */
export function useRuleUnits(): RuleUnits & { currencySymbol: string } {
    const { currency } = useChain();
    const { locale } = useLocale();
    return useMemo(() => {
        const symbol =
            new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
                .formatToParts(0)
                .find((part) => part.type === 'currency')?.value ?? currency;
        return { minorPerMajor: 10 ** minorDigits(currency), currencySymbol: symbol };
    }, [currency, locale]);
}
