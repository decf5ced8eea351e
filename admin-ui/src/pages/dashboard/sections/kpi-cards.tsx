import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
    return (
        <Paper withBorder p="md">
            <Text size="sm" c="dimmed" fw={500}>
                {label}
            </Text>
            <Text size="xl" fw={700} mt={4}>
                {value}
            </Text>
            {note && (
                <Text size="sm" c="dimmed" mt={4}>
                    {note}
                </Text>
            )}
        </Paper>
    );
}

/** Members (total, active, new) and the bonus liability (outstanding, burning within 30 days). */
export function KpiCards({ members, liability }: Pick<DashboardView, 'members' | 'liability'>) {
    const t = useT();
    const f = useFormat();
    return (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }}>
            <Kpi
                label={t('dashboard.members')}
                value={f.count(members.total)}
                note={t('dashboard.membersActive', { count: members.active30d })}
            />
            <Kpi label={t('dashboard.newThisMonth')} value={f.count(members.newThisMonth)} />
            <Kpi
                label={t('dashboard.outstanding')}
                value={f.bonuses(liability.outstanding)}
                note={t('dashboard.burnsNext30d', { amount: f.bonuses(liability.burnsNext30d) })}
            />
        </SimpleGrid>
    );
}
