import { Button, Menu, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSession, useSignOut } from '../api/session';
import { useT } from '../i18n/locale-provider';

/** The signed-in user's name and role, with "change password" and "sign out". */
export function UserMenu() {
    const t = useT();
    const navigate = useNavigate();
    const user = useSession().data?.user;
    const signOut = useSignOut();
    if (!user) return null;
    const name = user.displayName ?? user.username;
    return (
        <Menu position="bottom-end" withinPortal>
            <Menu.Target>
                <Button variant="subtle" size="compact-md" aria-label={t('shell.userMenu', { name })}>
                    <Stack gap={0} align="flex-end">
                        <Text size="sm" fw={500} lh={1.2}>
                            {name}
                        </Text>
                        <Text size="xs" c="dimmed" lh={1.2} visibleFrom="xs">
                            {t(`role.${user.role}`)}
                        </Text>
                    </Stack>
                </Button>
            </Menu.Target>
            <Menu.Dropdown>
                <Menu.Item onClick={() => void navigate('/account/password')}>
                    {t('shell.changePassword')}
                </Menu.Item>
                <Menu.Item
                    color="red"
                    onClick={() =>
                        signOut.mutate(undefined, {
                            onSettled: () => void navigate('/sign-in', { replace: true }),
                        })
                    }
                >
                    {t('shell.signOut')}
                </Menu.Item>
            </Menu.Dropdown>
        </Menu>
    );
}
