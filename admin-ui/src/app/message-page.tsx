import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/locale-provider';

/** A page that only says something (not allowed, not found) with a way back to the start page. */
export function MessagePage({ title, text }: { title: string; text: string }) {
    const t = useT();
    return (
        <Stack maw={560} mx="auto" mt="xl" gap="md" align="flex-start">
            <Title order={1}>{title}</Title>
            <Text>{text}</Text>
            <Button component={Link} to="/" variant="light">
                {t('page.goHome')}
            </Button>
        </Stack>
    );
}
