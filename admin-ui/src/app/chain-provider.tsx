import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { ChainSettings } from '../api/contract';
import { useSession } from '../api/session';

/** Until the API tells: Refill's default timezone, and roubles. */
const DEFAULT_CHAIN: ChainSettings = { timezone: 'Europe/Moscow', currency: 'RUB' };

interface ChainState {
    chain: ChainSettings;
    learn(settings: ChainSettings): void;
}

const ChainContext = createContext<ChainState | null>(null);

/**
 * The chain's timezone and currency for every formatter: from the session when
 * the API sends them, else from the last answer that carried them (the
 * dashboard's), else the defaults.
 */
export function ChainProvider({ children }: { children: ReactNode }) {
    const session = useSession();
    const [learned, learn] = useState<ChainSettings | null>(null);
    const chain = session.data?.chain ?? learned ?? DEFAULT_CHAIN;
    const state = useMemo(() => ({ chain, learn }), [chain]);
    return <ChainContext.Provider value={state}>{children}</ChainContext.Provider>;
}

/** The chain's settings. */
export function useChain(): ChainSettings {
    const state = useContext(ChainContext);
    if (!state) throw new Error('useChain outside ChainProvider');
    return state.chain;
}

/** Records the chain's settings from an answer that carries them (e.g. the dashboard's). */
export function useLearnChain(settings: ChainSettings | undefined): void {
    const learn = useContext(ChainContext)?.learn;
    const timezone = settings?.timezone;
    const currency = settings?.currency;
    useEffect(() => {
        if (learn && timezone && currency) learn({ timezone, currency });
    }, [learn, timezone, currency]);
}
