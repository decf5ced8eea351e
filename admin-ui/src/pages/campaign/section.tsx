import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled box of the campaign page (a named region), with optional actions beside the title. */
export function Section({
    title,
    actions,
    children,
}: {
    title: string;
    actions?: ReactNode;
    children: ReactNode;
}) {
    return (
        <Paper withBorder p="md" component="section" aria-label={title}>
            <Group justify="space-between" align="center" mb="sm" gap="sm">
                <Title order={2} size="h4">
                    {title}
                </Title>
                {actions && <Group gap="xs">{actions}</Group>}
            </Group>
            {children}
        </Paper>
    );
}
