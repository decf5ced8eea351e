import { AppShell, Burger, Group, NavLink, ScrollArea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { useT } from '../i18n/locale-provider';
import { canOpen, PAGES } from '../pages/registry';
import { LanguageSwitch } from './language-switch';
import { PageLoader } from './session-guard';
import { UserMenu } from './user-menu';

/** The signed-in frame: header (menu button, title, language, user menu), navbar by role, the page. */
export function AppLayout() {
    const t = useT();
    const [opened, { toggle, close }] = useDisclosure();
    const role = useSession().data?.user.role;
    const links = PAGES.filter((page) => page.navLabel && role && canOpen(page, role));
    return (
        <AppShell
            header={{ height: 56 }}
            navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
            padding="md"
        >
            <AppShell.Header>
                <Group h="100%" px="md" justify="space-between" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                        <Burger
                            opened={opened}
                            onClick={toggle}
                            hiddenFrom="sm"
                            size="sm"
                            aria-label={t('shell.toggleNavigation')}
                        />
                        <Title order={2} size="h4">
                            {t('app.title')}
                        </Title>
                    </Group>
                    <Group gap="sm" wrap="nowrap">
                        <LanguageSwitch />
                        <UserMenu />
                    </Group>
                </Group>
            </AppShell.Header>
            <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
                <ScrollArea>
                    {links.map((page) => (
                        <NavLink
                            key={page.path}
                            component={RouterNavLink}
                            to={`/${page.path}`}
                            end={page.path === ''}
                            label={t(page.navLabel!)}
                            onClick={close}
                        />
                    ))}
                </ScrollArea>
            </AppShell.Navbar>
            <AppShell.Main>
                <Suspense fallback={<PageLoader />}>
                    <Outlet />
                </Suspense>
            </AppShell.Main>
        </AppShell>
    );
}
