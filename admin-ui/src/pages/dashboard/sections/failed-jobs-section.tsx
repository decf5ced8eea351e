import { Text } from '@mantine/core';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { DashboardSection, EmptyNote } from './dashboard-section';
import { FiguresTable } from './figures-table';

/** Jobs whose last run failed, with when and why. */
export function FailedJobsSection({ jobs }: { jobs: DashboardView['failedJobs'] }) {
    const t = useT();
    const f = useFormat();
    return (
        <DashboardSection title={t('dashboard.failedJobs')}>
            {jobs.length === 0 ? (
                <EmptyNote text={t('dashboard.noFailedJobs')} />
            ) : (
                <FiguresTable
                    rows={jobs}
                    rowKey={(j) => `${j.name}@${j.failedAt}`}
                    columns={[
                        { header: t('dashboard.job'), cell: (j) => j.name },
                        { header: t('dashboard.failedAt'), cell: (j) => f.dateTime(j.failedAt) },
                        {
                            header: t('dashboard.jobError'),
                            cell: (j) => (
                                <Text span inherit lineClamp={2} title={j.error ?? undefined}>
                                    {j.error ?? '—'}
                                </Text>
                            ),
                        },
                    ]}
                />
            )}
        </DashboardSection>
    );
}
