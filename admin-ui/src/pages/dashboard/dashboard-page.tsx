import { Title } from '@mantine/core';
import { useT } from '../../i18n/locale-provider';

/** The start page: the chain's (or a manager's stores') figures. */
export default function DashboardPage() {
    const t = useT();
    return <Title order={1}>{t('dashboard.title')}</Title>;
}
