import { IANAZone } from 'luxon';

/** What a customer's timezone can be learnt from. */
export interface ZoneSources {
    /** The customer's own timezone, as the till or host set it. */
    own: string | null;
    /**
     * The store of the customer's latest purchase (`zone` its timezone, null
     * when the store has none), or null when they never bought.
     */
    lastPurchaseStore: { zone: string | null } | null;
    /** The store where they enrolled, or null (enrolled by an import or a host). */
    homeStore: { zone: string | null } | null;
}

/**
 * The timezone messages to a customer are timed and dated in: their own;
 * else that of the store where they last bought, else of the store where
 * they enrolled (the latest purchase is the freshest sign of where they
 * are); else the chain's. A store without a timezone is in the chain's.
 * A zone name that is not a valid IANA zone is passed over.
 */
export function customerZone(sources: ZoneSources, chainZone: string): string {
    if (isZone(sources.own)) return sources.own;
    const store = sources.lastPurchaseStore ?? sources.homeStore;
    return store && isZone(store.zone) ? store.zone : chainZone;
}

/** Whether `zone` names an IANA timezone. */
export function isZone(zone: string | null): zone is string {
    return zone !== null && zone !== '' && IANAZone.isValidZone(zone);
}
