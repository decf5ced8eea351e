import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useChain } from '../../app/chain-provider';
import { formatTimeWithZone, timezonesDiffer } from '../../format/format';
import { useLocale, useT } from '../../i18n/locale-provider';

/** The current moment, refreshed every minute. */
function useNow(): Date {
    const [now, setNow] = useState(() => new Date());
    useEffect(() => {
        const timer = window.setInterval(() => setNow(new Date()), 60_000);
        return () => window.clearInterval(timer);
    }, []);
    return now;
}

/**
 * The customer's wall-clock time beside the chain's, when they differ (a
 * customer in Yekaterinburg of a Moscow chain): worth knowing before calling.
 */
export function CustomerClock({ timezone }: { timezone: string | null }) {
    const t = useT();
    const { locale } = useLocale();
    const chain = useChain();
    const now = useNow();
    if (!timezone || !timezonesDiffer(now, timezone, chain.timezone)) return null;
    return (
        <Text size="sm">
            {t('customer.clock', {
                customer: formatTimeWithZone(now, timezone, locale),
                chain: formatTimeWithZone(now, chain.timezone, locale),
            })}
        </Text>
    );
}
