import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One section of the guided form: a heading, a line on what it decides, its fields. */
export function FormSection({
    title,
    hint,
    children,
}: {
    title: string;
    hint?: string;
    children: ReactNode;
}) {
    const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
    return (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
            <Stack gap="sm">
                <div>
                    <Title order={2} size="h4" id={id}>
                        {title}
                    </Title>
                    {hint && (
                        <Text size="sm" c="dimmed">
                            {hint}
                        </Text>
                    )}
                </div>
                {children}
            </Stack>
        </Paper>
    );
}
