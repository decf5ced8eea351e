import { Anchor, Button, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { DayRangeFilter, FilterFooter } from '../../app/filter-parts';
import { useDebouncedCallback } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { auditExportUrl, useAuditPages } from '../../api/audit';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditView } from '../../api/contract';
import { rowsOf } from '../../api/paging';
import { useChain } from '../../app/chain-provider';
import { DataTable, Loaded, LoadMore, Moment, PageHeader } from '../../app/list-parts';
import { useUrlFilters } from '../../app/use-url-filters';
import { type Translate, useT } from '../../i18n/locale-provider';
import { AuditDetails } from './audit-details';
import { apiFilter, AUDIT_URL_KEYS } from './audit-filter';

/** An action's readable name, or its code when the UI does not know it (an older or newer one). */
function actionLabel(action: string, t: Translate): string {
    return (AUDIT_ACTIONS as readonly string[]).includes(action)
        ? t(`auditAction.${action as (typeof AUDIT_ACTIONS)[number]}`)
        : action;
}

/** An entity type's readable name, or its code. */
function entityLabel(type: string, t: Translate): string {
    return (AUDIT_ENTITY_TYPES as readonly string[]).includes(type)
        ? t(`auditEntity.${type as (typeof AUDIT_ENTITY_TYPES)[number]}`)
        : type;
}

/**
 * A text filter that updates the URL a moment after the person stops typing,
 * and follows the URL when it changes otherwise (a link, "clear filters").
 */
function TextFilter(props: { label: string; value: string; onChange(value: string): void }) {
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
            onChange={(event) => {
                setText(event.currentTarget.value);
                apply(event.currentTarget.value.trim());
            }}
        />
    );
}

/** One entry: when, who, what, about which object (a link filters by it), and its details. */
function EntryRow({ entry }: { entry: AuditView }) {
    const t = useT();
    const objectFilter = new URLSearchParams({
        entityType: entry.entityType,
        entityId: entry.entityId ?? '',
    });
    return (
        <Table.Tr>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Moment iso={entry.createdAt} />
            </Table.Td>
            <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                    {entry.actor}
                </Text>
            </Table.Td>
            <Table.Td>
                <Text size="sm">{actionLabel(entry.action, t)}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                    {entry.action}
                </Text>
            </Table.Td>
            <Table.Td>
                <Text size="sm">{entityLabel(entry.entityType, t)}</Text>
                {entry.entityId && (
                    <Anchor
                        component={Link}
                        to={`/audit?${objectFilter.toString()}`}
                        size="xs"
                        ff="monospace"
                        aria-label={t('audit.aboutObject', {
                            type: entityLabel(entry.entityType, t),
                            id: entry.entityId,
                        })}
                    >
                        {entry.entityId}
                    </Anchor>
                )}
            </Table.Td>
            <Table.Td>
                <AuditDetails details={entry.details} />
            </Table.Td>
        </Table.Tr>
    );
}

/**
 * The audit log (admin, analyst), newest first: filter by who, what, which
 * object and days (all kept in the URL, so a link shows the same entries;
 * a customer's card links here with `entityType=customer&entityId=<id>`),
 * and download the same selection as CSV.
 */
export default function AuditPage() {
    const t = useT();
    const chain = useChain();
    const { values, setFilters } = useUrlFilters(AUDIT_URL_KEYS);
    const filter = useMemo(() => apiFilter(values, chain.timezone), [values, chain.timezone]);
    const entries = useAuditPages(filter);
    const rows = rowsOf(entries.data?.pages);
    const filtered = AUDIT_URL_KEYS.some((key) => values[key]);
    const actions = useMemo(
        () => AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action, t) })),
        [t],
    );
    const entityTypes = useMemo(
        () => AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(type, t) })),
        [t],
    );
    return (
        <>
            <PageHeader title={t('audit.title')}>
                <Button component="a" href={auditExportUrl(filter)} download variant="light">
                    {t('audit.export')}
                </Button>
            </PageHeader>
            <form role="search" aria-label={t('audit.filters')} onSubmit={(event) => event.preventDefault()}>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="sm">
                    <TextFilter
                        label={t('audit.actor')}
                        value={values.actor}
                        onChange={(actor) => setFilters({ actor })}
                    />
                    <Select
                        label={t('audit.action')}
                        data={actions}
                        searchable
                        clearable
                        placeholder={t('audit.anyAction')}
                        value={values.action || null}
                        onChange={(action) => setFilters({ action: action ?? '' })}
                    />
                    <Select
                        label={t('audit.entityType')}
                        data={entityTypes}
                        clearable
                        placeholder={t('audit.anyEntity')}
                        value={values.entityType || null}
                        onChange={(entityType) => setFilters({ entityType: entityType ?? '' })}
                    />
                    <TextFilter
                        label={t('audit.entityId')}
                        value={values.entityId}
                        onChange={(entityId) => setFilters({ entityId })}
                    />
                    <DayRangeFilter
                        from={values.from}
                        to={values.to}
                        fromLabel={t('audit.from')}
                        toLabel={t('audit.to')}
                        onChange={setFilters}
                    />
                </SimpleGrid>
                <FilterFooter
                    note={t('audit.daysIn', { timezone: chain.timezone })}
                    filtered={filtered}
                    clearLabel={t('audit.clear')}
                    onClear={() =>
                        setFilters({
                            actor: '',
                            action: '',
                            entityType: '',
                            entityId: '',
                            from: '',
                            to: '',
                        })
                    }
                />
            </form>
            <Loaded query={entries}>
                {() => (
                    <>
                        <DataTable
                            caption={t('audit.caption')}
                            columns={[
                                t('audit.when'),
                                t('audit.actor'),
                                t('audit.action'),
                                t('audit.object'),
                                t('audit.details'),
                            ]}
                            minWidth={860}
                            isEmpty={rows.length === 0}
                            emptyText={filtered ? t('audit.noMatch') : t('audit.empty')}
                        >
                            {rows.map((entry) => (
                                <EntryRow key={entry.id} entry={entry} />
                            ))}
                        </DataTable>
                        <LoadMore query={entries} shown={rows.length} />
                    </>
                )}
            </Loaded>
        </>
    );
}
