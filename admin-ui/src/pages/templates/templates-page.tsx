import { Anchor, Group, Select, Table, Text } from '@mantine/core';
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
} from './template-words';

/** One template: what it is (a link to its editor), where it comes from, who changed it and when. */
function TemplateRow({ template }: { template: TemplateInfo }) {
    const t = useT();
    const badge = originBadge(template.origin, t);
    const kind = kindLabel(template.kind, t);
    const channel = channelLabel(template.channel, t);
    const locale = localeLabel(template.locale, t);
    return (
        <Table.Tr>
            <Table.Td>
                <Anchor
                    component={Link}
                    to={`/templates/${template.kind}/${template.channel}/${template.locale}`}
                    aria-label={t('templates.openOne', { kind, channel, locale })}
                >
                    {kind}
                </Anchor>
            </Table.Td>
            <Table.Td>{channel}</Table.Td>
            <Table.Td>{locale}</Table.Td>
            <Table.Td>
                <StatusBadge tone={badge.tone}>{badge.label}</StatusBadge>
            </Table.Td>
            <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {template.updatedBy ?? '—'}
                </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Moment iso={template.updatedAt} />
            </Table.Td>
        </Table.Tr>
    );
}

/**
 * The message templates (admin, marketer; an analyst reads): every kind,
 * channel and language with where its text comes from — shipped with Refill,
 * changed here (by whom and when), or another channel's or language's — each
 * opening its editor. Filter by kind and channel.
 */
export default function TemplatesPage() {
    const t = useT();
    const templates = useTemplates();
    const [kind, setKind] = useState<string | null>(null);
    const [channel, setChannel] = useState<string | null>(null);
    const rows = useMemo(
        () =>
            (templates.data ?? []).filter(
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
                            t('templates.locale'),
                            t('templates.origin'),
                            t('templates.updatedBy'),
                            t('templates.updatedAt'),
                        ]}
                        minWidth={720}
                        isEmpty={rows.length === 0}
                        emptyText={t('templates.noMatch')}
                    >
                        {rows.map((x) => (
                            <TemplateRow key={`${x.kind}/${x.channel}/${x.locale}`} template={x} />
                        ))}
                    </DataTable>
                )}
            </Loaded>
        </>
    );
}
