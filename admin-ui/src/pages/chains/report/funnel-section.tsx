import { Group, Progress, Stack, Text } from '@mantine/core';
import type { ChainReportView } from '../../../api/chain-types';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../../campaign/section';
import { useReportFormat } from '../../campaign/report/report-format';
import { word } from '../chain-words';

/** The step funnel: for each step, the test entrants that passed it, as a bar of their share. */
export function FunnelSection({ report }: { report: ChainReportView }) {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    return (
        <Section title={t('chains.report.funnel')}>
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {report.funnel.map((step, i) => {
                    const name = t('chains.step.title', { n: i + 1, type: word(t, 'stepType', step.type) });
                    const share = step.share ?? 0;
                    return (
                        <li key={step.stepId}>
                            <Group justify="space-between" gap="xs">
                                <Text size="sm">
                                    {name} · <span style={{ fontFamily: 'monospace' }}>{step.stepId}</span>
                                </Text>
                                <Text size="sm" fw={600}>
                                    {t('chains.report.passed', {
                                        count: f.count(step.passed),
                                        share: step.share === null ? '—' : r.share(step.share),
                                    })}
                                </Text>
                            </Group>
                            <Progress
                                value={Math.min(100, share * 100)}
                                size="lg"
                                color="blue.8"
                                aria-label={t('chains.report.bar', { name, share: r.share(share) })}
                            />
                        </li>
                    );
                })}
            </Stack>
            <Text size="xs" c="dimmed" mt="xs">
                {t('chains.report.funnelNote', { test: f.count(report.sample.test) })}
            </Text>
        </Section>
    );
}
