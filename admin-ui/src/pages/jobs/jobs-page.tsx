import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { JobActionView, JobStatusView } from '../../api/contract';
import { useJobAction, useJobs } from '../../api/jobs';
import { useSession } from '../../api/session';
import { ConfirmModal } from '../../app/dialog-parts';
import { DataTable, Loaded, Moment, PageHeader } from '../../app/list-parts';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { jobState, lastError, STATE_COLOR } from './job-state';

/** A job's row: name and purpose, schedule, state, last and next run, last error, and (admin) actions. */
function JobRow({
    job,
    canAct,
    ask,
}: {
    job: JobStatusView;
    canAct: boolean;
    ask(action: JobActionView): void;
}) {
    const t = useT();
    const state = jobState(job);
    const error = lastError(job);
    return (
        <Table.Tr>
            <Table.Td miw={200}>
                <Text ff="monospace" size="sm" fw={500}>
                    {job.name}
                </Text>
                <Text size="xs" c="dimmed">
                    {job.description}
                </Text>
            </Table.Td>
            <Table.Td>
                <Text ff="monospace" size="sm">
                    {job.schedule}
                </Text>
            </Table.Td>
            <Table.Td>
                <Badge color={STATE_COLOR[state]} variant="light" miw="max-content">
                    {t(`jobs.state.${state}`)}
                </Badge>
            </Table.Td>
            <Table.Td>
                <Moment iso={job.lastRunAt} empty={t('jobs.never')} />
            </Table.Td>
            <Table.Td>
                <Moment
                    iso={job.paused ? null : job.nextRunAt}
                    empty={job.paused ? t('jobs.pausedNoRun') : '—'}
                />
            </Table.Td>
            <Table.Td maw={320}>
                {error ? (
                    <Stack gap={2}>
                        <Text size="sm" c="red.8" style={{ wordBreak: 'break-word' }}>
                            {error.message ?? t('jobs.errorUnknown')}
                        </Text>
                        <Text size="xs" c="dimmed">
                            <Moment iso={error.at} />
                            {job.failCount > 0 && ` · ${t('jobs.failCount', { count: job.failCount })}`}
                        </Text>
                    </Stack>
                ) : (
                    '—'
                )}
            </Table.Td>
            {canAct && (
                <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                        <Button
                            size="compact-sm"
                            variant="light"
                            disabled={job.running}
                            onClick={() => ask({ job: job.name, action: 'run' })}
                            aria-label={t('jobs.runOne', { name: job.name })}
                        >
                            {t('jobs.run')}
                        </Button>
                        <Button
                            size="compact-sm"
                            variant="light"
                            color={job.paused ? 'teal' : 'yellow'}
                            onClick={() => ask({ job: job.name, action: job.paused ? 'resume' : 'pause' })}
                            aria-label={t(job.paused ? 'jobs.resumeOne' : 'jobs.pauseOne', {
                                name: job.name,
                            })}
                        >
                            {job.paused ? t('jobs.resume') : t('jobs.pause')}
                        </Button>
                    </Group>
                </Table.Td>
            )}
        </Table.Tr>
    );
}

/**
 * Refill's scheduled jobs, refreshed every 15 seconds: state, last and next
 * run, last error. An administrator runs, pauses and resumes them (each
 * confirmed and audited); managers and analysts read.
 */
export default function JobsPage() {
    const t = useT();
    const format = useFormat();
    const canAct = useSession().data?.user.role === 'admin';
    const jobs = useJobs();
    const act = useJobAction();
    const [asked, setAsked] = useState<JobActionView | null>(null);
    const close = () => {
        setAsked(null);
        act.reset();
    };
    return (
        <>
            <PageHeader title={t('jobs.title')}>
                <Button variant="light" loading={jobs.isFetching} onClick={() => void jobs.refetch()}>
                    {t('jobs.refresh')}
                </Button>
            </PageHeader>
            <Text size="sm" c="dimmed" mb="sm">
                {t('jobs.caption', { time: format.dateTime(new Date(jobs.dataUpdatedAt).toISOString()) })}
            </Text>
            <Loaded query={jobs}>
                {() => (
                    <DataTable
                        caption={t('jobs.title')}
                        columns={[
                            t('jobs.job'),
                            t('jobs.schedule'),
                            t('jobs.stateLabel'),
                            t('jobs.lastRun'),
                            t('jobs.nextRun'),
                            t('jobs.lastError'),
                            ...(canAct ? [t('common.actions')] : []),
                        ]}
                        minWidth={900}
                        isEmpty={jobs.data?.length === 0}
                        emptyText={t('jobs.empty')}
                    >
                        {jobs.data?.map((job) => (
                            <JobRow key={job.name} job={job} canAct={canAct} ask={setAsked} />
                        ))}
                    </DataTable>
                )}
            </Loaded>
            <ConfirmModal
                opened={asked !== null}
                title={asked ? t(`jobs.confirm.${asked.action}`, { name: asked.job }) : ''}
                confirmLabel={asked ? t(`jobs.${asked.action}`) : ''}
                loading={act.isPending}
                error={act.error}
                onClose={close}
                onConfirm={() => asked && act.mutate(asked, { onSuccess: close })}
            >
                <Text size="sm">{asked ? t(`jobs.explain.${asked.action}`, { name: asked.job }) : ''}</Text>
            </ConfirmModal>
        </>
    );
}
