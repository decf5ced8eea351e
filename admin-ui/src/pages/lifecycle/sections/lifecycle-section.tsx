import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled box of the lifecycle dashboard (a region named by its title). */
export function LifecycleSection({
    title,
    actions,
    children,
}: {
    title: string;
    /** Controls beside the title (a range, a month). */
    actions?: ReactNode;
    children: ReactNode;
}) {
    return (
        <Paper withBorder p="md" component="section" aria-label={title}>
            <div
                style={{
                    display: 'flex',
                    flexWrap: 'wrap',
                    gap: 8,
                    justifyContent: 'space-between',
                    alignItems: 'flex-end',
                    marginBottom: 12,
                }}
            >
                <Title order={2} size="h4">
                    {title}
                </Title>
                {actions}
            </div>
            {children}
        </Paper>
    );
}
