import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { DayRangeFilter, FilterFooter } from '../../app/filter-parts';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useChain } from '../../app/chain-provider';
import { useT } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';
import { CHANNELS, FILTER_STATUSES, MESSAGE_KINDS } from './message-words';

/** The filter values the bar edits (URL strings, `''` for any). */
export type LogFilterValues = Record<
    'card' | 'campaignId' | 'channel' | 'status' | 'kind' | 'from' | 'to',
    string
>;

/** A text filter applied a moment after typing stops; follows the URL when it changes otherwise. */
function TypedFilter(props: {
    label: string;
    value: string;
    inputMode?: 'numeric';
    onChange(value: string): void;
}) {
    const [text, setText] = useState(props.value);
    const [seen, setSeen] = useState(props.value);
    if (props.value !== seen) {
        setSeen(props.value);
        if (props.value !== text.trim()) setText(props.value);
    }
    const apply = useDebouncedCallback(props.onChange, 400);
    return (
        <TextInput
            label={props.label}
            value={text}
            inputMode={props.inputMode}
            onChange={(event) => {
                setText(event.currentTarget.value);
                apply(event.currentTarget.value.trim());
            }}
        />
    );
}

/** The message log's filter bar: customer card, campaign, channel, status, kind and days. */
export function MessageFilters({
    values,
    onChange,
}: {
    values: LogFilterValues;
    onChange(changes: Partial<LogFilterValues>): void;
}) {
    const t = useT();
    const chain = useChain();
    const filtered = Object.values(values).some(Boolean);
    const options = (group: string, list: readonly string[]) =>
        list.map((value) => ({ value, label: word(t, group, value) }));
    return (
        <form role="search" aria-label={t('messaging.log.filters')} onSubmit={(e) => e.preventDefault()}>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="sm">
                <TypedFilter
                    label={t('messaging.log.card')}
                    value={values.card}
                    onChange={(card) => onChange({ card })}
                />
                <TypedFilter
                    label={t('messaging.log.campaign')}
                    value={values.campaignId}
                    inputMode="numeric"
                    onChange={(campaignId) => onChange({ campaignId: campaignId.replace(/\D/g, '') })}
                />
                <Select
                    label={t('messages.channel')}
                    data={options('channel', CHANNELS)}
                    clearable
                    placeholder={t('messaging.log.any')}
                    value={values.channel || null}
                    onChange={(channel) => onChange({ channel: channel ?? '' })}
                />
                <Select
                    label={t('messages.status')}
                    data={options('messageStatus', FILTER_STATUSES)}
                    clearable
                    placeholder={t('messaging.log.any')}
                    value={values.status || null}
                    onChange={(status) => onChange({ status: status ?? '' })}
                />
                <Select
                    label={t('messages.kind')}
                    data={options('messageKind', MESSAGE_KINDS)}
                    clearable
                    placeholder={t('messaging.log.any')}
                    value={values.kind || null}
                    onChange={(kind) => onChange({ kind: kind ?? '' })}
                />
                <DayRangeFilter
                    from={values.from}
                    to={values.to}
                    fromLabel={t('messaging.log.from')}
                    toLabel={t('messaging.log.to')}
                    onChange={onChange}
                />
            </SimpleGrid>
            <FilterFooter
                note={t('messaging.log.daysIn', { timezone: chain.timezone })}
                filtered={filtered}
                clearLabel={t('messaging.log.clear')}
                onClear={() =>
                    onChange({
                        card: '',
                        campaignId: '',
                        channel: '',
                        status: '',
                        kind: '',
                        from: '',
                        to: '',
                    })
                }
            />
        </form>
    );
}
