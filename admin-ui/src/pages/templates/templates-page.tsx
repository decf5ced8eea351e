import { Anchor, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type TemplateInfo, useTemplates } from '../../api/templates';
import { DataTable, Loaded, Moment, PageHeader } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { useT } from '../../i18n/locale-provider';
import {
    channelLabel,
    kindLabel,
    localeLabel,
    originBadge,
    TEMPLATE_CHANNELS,
    TEMPLATE_KINDS,
    TEMPLATE_LOCALES,
} from './template-words';

/** One language's template of a kind and channel: where its text comes from (a link to its editor), who changed it and when. */
function LocaleCell({ template }: { template: TemplateInfo | undefined }) {
    const t = useT();
    if (!template) return <Table.Td>—</Table.Td>;
    const badge = originBadge(template.origin, t);
    const kind = kindLabel(template.kind, t);
    const channel = channelLabel(template.channel, t);
    const locale = localeLabel(template.locale, t);
    return (
        <Table.Td>
            <Stack gap={2} align="flex-start">
                <Anchor
                    component={Link}
                    to={`/templates/${template.kind}/${template.channel}/${template.locale}`}
                    aria-label={t('templates.openOne', { kind, channel, locale })}
                    c="teal.9"
                    size="sm"
                >
                    <StatusBadge tone={badge.tone} style={{ cursor: 'pointer' }}>
                        {badge.label}
                    </StatusBadge>
                </Anchor>
                {template.updatedBy && (
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                        {template.updatedBy}, <Moment iso={template.updatedAt} />
                    </Text>
                )}
            </Stack>
        </Table.Td>
    );
}

/** One kind on one channel, with its Russian and English templates. */
interface TemplateRow {
    kind: string;
    channel: string;
    byLocale: Partial<Record<string, TemplateInfo>>;
}

/** The list grouped by kind and channel, languages side by side, in the API's order. */
function rowsOf(templates: readonly TemplateInfo[]): TemplateRow[] {
    const rows = new Map<string, TemplateRow>();
    for (const x of templates) {
        const key = `${x.kind}/${x.channel}`;
        const row = rows.get(key) ?? { kind: x.kind, channel: x.channel, byLocale: {} };
        row.byLocale[x.locale] = x;
        rows.set(key, row);
    }
    return [...rows.values()];
}

/**
 * The message templates (admin, marketer; an analyst reads): a row per kind
 * and channel, each language's template with where its text comes from —
 * shipped with Refill, changed here (by whom and when), or another channel's
 * or language's — and a link to its editor. Filter by kind and channel.
 */
export default function TemplatesPage() {
    const t = useT();
    const templates = useTemplates();
    const [kind, setKind] = useState<string | null>(null);
    const [channel, setChannel] = useState<string | null>(null);
    const rows = useMemo(
        () =>
            rowsOf(templates.data ?? []).filter(
                (x) => (!kind || x.kind === kind) && (!channel || x.channel === channel),
            ),
        [templates.data, kind, channel],
    );
    const changed = (templates.data ?? []).filter((x) => x.origin === 'database').length;
    return (
        <>
            <PageHeader title={t('templates.title')} />
            <Text size="sm" c="dimmed" mb="md">
                {t('templates.intro')}
            </Text>
            <Group gap="sm" mb="md" align="flex-end">
                <Select
                    label={t('templates.kind')}
                    data={TEMPLATE_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))}
                    value={kind}
                    onChange={setKind}
                    clearable
                    placeholder={t('templates.anyKind')}
                    w={240}
                />
                <Select
                    label={t('templates.channel')}
                    data={TEMPLATE_CHANNELS.map((c) => ({ value: c, label: channelLabel(c, t) }))}
                    value={channel}
                    onChange={setChannel}
                    clearable
                    placeholder={t('templates.anyChannel')}
                    w={240}
                />
                <Text size="sm" c="dimmed" pb={8}>
                    {t('templates.changedCount', { count: changed })}
                </Text>
            </Group>
            <Loaded query={templates}>
                {() => (
                    <DataTable
                        caption={t('templates.caption')}
                        columns={[
                            t('templates.kind'),
                            t('templates.channel'),
                            ...TEMPLATE_LOCALES.map((l) => localeLabel(l, t)),
                        ]}
                        minWidth={480}
                        isEmpty={rows.length === 0}
                        emptyText={t('templates.noMatch')}
                    >
                        {rows.map((row) => (
                            <Table.Tr key={`${row.kind}/${row.channel}`}>
                                <Table.Td>{kindLabel(row.kind, t)}</Table.Td>
                                <Table.Td>{channelLabel(row.channel, t)}</Table.Td>
                                {TEMPLATE_LOCALES.map((l) => (
                                    <LocaleCell key={l} template={row.byLocale[l]} />
                                ))}
                            </Table.Tr>
                        ))}
                    </DataTable>
                )}
            </Loaded>
        </>
    );
}
