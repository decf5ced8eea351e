import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { CategoryView } from '../../../api/categories';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

/** One figure: its words above, its value below. */
function Figure({ label, value }: { label: string; value: string }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text size="lg" fw={600}>
                {value}
            </Text>
        </div>
    );
}

/**
 * What the category reaches: buyers of the last 12 months, their net
 * revenue, and the buyers its lapse rule calls lapsed today (chronic only).
 */
export function ReachFigures({ category }: { category: CategoryView }) {
    const t = useT();
    const format = useFormat();
    const reach = category.reach;
    return (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="category-reach-title">
            <Stack gap="sm">
                <Title order={2} size="h4" id="category-reach-title">
                    {t('categories.reach.title')}
                </Title>
                {reach ? (
                    <SimpleGrid cols={3} spacing="sm">
                        <Figure label={t('categories.reach.buyers')} value={format.count(reach.buyers)} />
                        <Figure label={t('categories.reach.revenue')} value={format.money(reach.revenue)} />
                        <Figure
                            label={t('categories.reach.lapsed')}
                            value={category.chronic ? format.count(reach.lapsedBuyers) : '—'}
                        />
                    </SimpleGrid>
                ) : (
                    <Text size="sm" c="dimmed">
                        {t('categories.reach.none')}
                    </Text>
                )}
            </Stack>
        </Paper>
    );
}
