import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { initialLocale, type Locale, MESSAGES, type MessageId, storeLocale } from './messages';

interface LocaleState {
    locale: Locale;
    setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

/** Provides react-intl with the chosen language's messages; the choice persists in localStorage. */
export function LocaleProvider({ children }: { children: ReactNode }) {
    const [locale, setLocaleState] = useState<Locale>(initialLocale);
    const setLocale = useCallback((next: Locale) => {
        storeLocale(next);
        setLocaleState(next);
    }, []);
    useEffect(() => {
        document.documentElement.lang = locale;
    }, [locale]);
    const state = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
    return (
        <LocaleContext.Provider value={state}>
            <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="ru">
                {children}
            </IntlProvider>
        </LocaleContext.Provider>
    );
}

/** The current UI language and a way to change it. */
export function useLocale(): LocaleState {
    const state = useContext(LocaleContext);
    if (!state) throw new Error('useLocale outside LocaleProvider');
    return state;
}

/** A message formatter typed by {@link MessageId}: `t('units.bonuses', { count: 5 })`. */
export type Translate = (id: MessageId, values?: Record<string, string | number | Date>) => string;

/** Returns {@link Translate} for the current language. */
export function useT(): Translate {
    const intl = useIntl();
    return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}
