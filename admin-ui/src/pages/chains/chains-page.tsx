import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ChainSummary } from '../../api/chain-types';
import { useTriggerChains } from '../../api/chains';
import { useSession } from '../../api/session';
import { DataTable, Loaded, PageHeader } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { useReportFormat } from '../campaign/report/report-format';
import { ChainControls } from './chain-controls';
import { STATUS_TONE, triggerInWords, word } from './chain-words';
import { ProgramCard } from './program-card';

/** The budget cell: none, what is left of the cap, or when sending stopped at it. */
function BudgetCell({ c }: { c: ChainSummary }) {
    const t = useT();
    const f = useFormat();
    if (c.budgetReachedAt)
        return (
            <StatusBadge tone="bad" tt="none">
                {t('chains.list.budgetReached', { day: f.dateTime(c.budgetReachedAt) })}
            </StatusBadge>
        );
    if (c.budgetCap === null)
        return (
            <Text span c="dimmed" size="sm">
                {t('chains.list.noCap')}
            </Text>
        );
    return <Text size="sm">{t('chains.list.cap', { cap: f.money(c.budgetCap) })}</Text>;
}

/** One chain: name (to its editor), status, trigger, priority, holdout, live figures, budget, moves. */
function ChainRow({ c, canEdit }: { c: ChainSummary; canEdit: boolean }) {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    return (
        <Table.Tr>
            <Table.Td miw={180}>
                <Anchor component={Link} to={String(c.id)} fw={500}>
                    {c.name}
                </Anchor>
                <Group gap="xs" wrap="nowrap">
                    <Text size="xs" c="dimmed" ff="monospace">
                        {c.key}
                    </Text>
                    <Anchor
                        component={Link}
                        to={`${c.id}/report`}
                        size="xs"
                        aria-label={t('chains.list.reportOf', { name: c.name })}
                    >
                        {t('chains.list.report')}
                    </Anchor>
                </Group>
            </Table.Td>
            <Table.Td>
                <StatusBadge tone={STATUS_TONE[c.status]} tt="none" miw="max-content">
                    {word(t, 'status', c.status)}
                </StatusBadge>
            </Table.Td>
            <Table.Td miw={160}>
                <Text size="sm">{triggerInWords(t, f, c.trigger)}</Text>
            </Table.Td>
            <Table.Td ta="right">{c.priority}</Table.Td>
            <Table.Td ta="right">{r.share(c.holdoutBp / 10_000)}</Table.Td>
            <Table.Td ta="right">{f.count(c.activeRuns)}</Table.Td>
            <Table.Td ta="right">{f.count(c.entered7d)}</Table.Td>
            <Table.Td ta="right">{c.goalRate === null ? '—' : r.share(c.goalRate)}</Table.Td>
            <Table.Td>
                <BudgetCell c={c} />
            </Table.Td>
            {canEdit && (
                <Table.Td>
                    <ChainControls id={c.id} name={c.name} status={c.status} />
                </Table.Td>
            )}
        </Table.Tr>
    );
}

/**
 * Every trigger chain with its status, trigger in words, priority, holdout,
 * runs in progress, entries this week, goal rate and budget; editors switch
 * the shipped drafts on, pause and archive. Above it, the program's global
 * control group.
 */
export default function ChainsPage() {
    const t = useT();
    const role = useSession().data?.user.role;
    const canEdit = role === 'admin' || role === 'marketer';
    const chains = useTriggerChains();
    return (
        <>
            <PageHeader title={t('chains.list.title')}>
                {canEdit && (
                    <Button component={Link} to="new">
                        {t('chains.list.new')}
                    </Button>
                )}
            </PageHeader>
            <Stack gap="md">
                <Text size="sm" c="dimmed">
                    {t('chains.list.explain')}
                </Text>
                <Loaded query={chains}>
                    {() => (
                        <DataTable
                            caption={t('chains.list.title')}
                            minWidth={canEdit ? 980 : 820}
                            columns={[
                                t('chains.list.chain'),
                                t('chains.list.status'),
                                t('chains.list.trigger'),
                                t('chains.list.priority'),
                                t('chains.list.holdout'),
                                t('chains.list.activeRuns'),
                                t('chains.list.entered7d'),
                                t('chains.list.goalRate'),
                                t('chains.list.budget'),
                                ...(canEdit ? [t('chains.list.actions')] : []),
                            ]}
                            emptyText={t('chains.list.empty')}
                            isEmpty={chains.data?.length === 0}
                        >
                            {chains.data?.map((c) => (
                                <ChainRow key={c.id} c={c} canEdit={canEdit} />
                            ))}
                        </DataTable>
                    )}
                </Loaded>
                <ProgramCard canEdit={canEdit} />
            </Stack>
        </>
    );
}
