import { Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { SegmentCount } from '../../../api/segments';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

/** Props of {@link LiveCount}. */
export interface LiveCountProps {
    /** The last count (kept while the next one loads); undefined before the first. */
    data: SegmentCount | undefined;
    /** A count is on its way (the rule changed). */
    fetching: boolean;
    /** No condition yet, a condition not filled in, the API refused it (problems shown at the rule), or counted. */
    state: 'empty' | 'incomplete' | 'refused' | 'ok';
}

/**
 * How many customers the rule selects now, with ten of them (cards masked).
 * The figure is a polite live region: a screen reader hears it change.
 */
export function LiveCount({ data, fetching, state }: LiveCountProps) {
    const t = useT();
    const f = useFormat();
    return (
        <Paper withBorder p="md" component="section" aria-label={t('segments.count.title')}>
            <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                    {t('segments.count.title')}
                </Title>
                {fetching && <Loader size="xs" aria-label={t('segments.count.loading')} role="status" />}
            </Group>
            <div aria-live="polite" aria-atomic>
                {state === 'ok' && data ? (
                    <Text size="xl" fw={700}>
                        {t('segments.count.value', { count: data.count, shown: f.count(data.count) })}
                    </Text>
                ) : (
                    <Text size="sm" c="dimmed">
                        {state === 'empty'
                            ? t('segments.count.empty')
                            : state === 'incomplete'
                              ? t('segments.count.incomplete')
                              : state === 'refused'
                                ? t('segments.count.refused')
                                : '…'}
                    </Text>
                )}
            </div>
            {state === 'ok' && data && data.sample.length > 0 && (
                <Stack gap={4} mt="sm">
                    <Text size="sm" c="dimmed">
                        {t('segments.count.sample')}
                    </Text>
                    <Table verticalSpacing={4} aria-label={t('segments.count.sample')}>
                        <Table.Tbody>
                            {data.sample.map((member) => (
                                <Table.Tr key={member.id}>
                                    <Table.Td ff="monospace">{member.cardNumber}</Table.Td>
                                    <Table.Td>{member.name ?? '—'}</Table.Td>
                                </Table.Tr>
                            ))}
                        </Table.Tbody>
                    </Table>
                </Stack>
            )}
        </Paper>
    );
}
