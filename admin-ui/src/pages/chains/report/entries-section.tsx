import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ChainReportView } from '../../../api/chain-types';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../../campaign/section';
import { useReportFormat } from '../../campaign/report/report-format';

/** One figure: its name, value and a note. */
export function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text fw={600} size="lg">
                {value}
            </Text>
            {note && (
                <Text size="xs" c="dimmed">
                    {note}
                </Text>
            )}
        </div>
    );
}

/**
 * Entries per group against the holdout share with the sample-ratio verdict
 * (a flagged split says not to trust the effects), the report's warnings,
 * and the budget: its cap, what was spent, and when sending stopped at it.
 */
export function EntriesSection({ report }: { report: ChainReportView }) {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    const { srm, warnings } = report.health;
    const { budget } = report;
    return (
        <Section
            title={t('chains.report.entries')}
            actions={
                <StatusBadge tone={srm.flagged ? 'bad' : srm.pValue === null ? 'neutral' : 'ok'} tt="none">
                    {srm.flagged
                        ? t('chains.report.srmFlagged')
                        : srm.pValue === null
                          ? t('chains.report.srmUnknown')
                          : t('chains.report.srmOk')}
                </StatusBadge>
            }
        >
            <Stack gap="sm">
                <SimpleGrid cols={{ base: 2, sm: 4 }}>
                    <Figure label={t('chains.report.test')} value={f.count(report.sample.test)} />
                    <Figure label={t('chains.report.holdout')} value={f.count(report.sample.holdout)} />
                    <Figure
                        label={t('chains.report.holdoutShare')}
                        value={srm.observedControlShare === null ? '—' : r.share(srm.observedControlShare)}
                        note={t('chains.report.expectedShare', { share: r.share(srm.expectedControlShare) })}
                    />
                    <Figure
                        label={t('chains.report.srmP')}
                        value={srm.pValue === null ? '—' : r.p(srm.pValue)}
                    />
                </SimpleGrid>
                {warnings.map((w) => (
                    <Alert key={w} color="yellow" p="xs">
                        {w}
                    </Alert>
                ))}
                <SimpleGrid cols={{ base: 2, sm: 4 }}>
                    <Figure
                        label={t('chains.report.budgetCap')}
                        value={budget.cap === null ? t('chains.list.noCap') : f.money(budget.cap)}
                    />
                    <Figure label={t('chains.report.budgetSpent')} value={f.money(budget.spent)} />
                </SimpleGrid>
                {budget.reachedAt ? (
                    <Alert color="red" role="status" p="xs">
                        {t('chains.report.budgetStopped', {
                            time: f.dateTime(budget.reachedAt),
                            cap: budget.cap === null ? '—' : f.money(budget.cap),
                        })}
                    </Alert>
                ) : (
                    <Text size="sm" c="dimmed">
                        {t(budget.cap === null ? 'chains.report.budgetNone' : 'chains.report.budgetSending')}
                    </Text>
                )}
            </Stack>
        </Section>
    );
}
