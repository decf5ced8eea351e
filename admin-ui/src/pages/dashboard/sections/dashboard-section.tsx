import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/locale-provider';

/** One titled box of the dashboard. */
export function DashboardSection({ title, children }: { title: string; children: ReactNode }) {
    return (
        <Paper withBorder p="md" component="section" aria-label={title}>
            <Title order={2} size="h4" mb="sm">
                {title}
            </Title>
            {children}
        </Paper>
    );
}

/** What an empty list says. */
export function EmptyNote({ text }: { text?: string }) {
    const t = useT();
    return (
        <Text c="dimmed" size="sm">
            {text ?? t('common.none')}
        </Text>
    );
}
