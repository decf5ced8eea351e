import { Text } from '@mantine/core';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { DashboardSection, EmptyNote } from './dashboard-section';
import { FiguresTable } from './figures-table';

/** Today's messages per channel: sent, delivered, failed. */
export function MessagesSection({ messages }: { messages: DashboardView['messagesToday'] }) {
    const t = useT();
    const f = useFormat();
    return (
        <DashboardSection title={t('dashboard.messagesToday')}>
            {messages.length === 0 ? (
                <EmptyNote />
            ) : (
                <FiguresTable
                    rows={messages}
                    rowKey={(m) => m.channel}
                    columns={[
                        { header: t('dashboard.channel'), cell: (m) => m.channel },
                        { header: t('dashboard.sent'), cell: (m) => f.count(m.sent), numeric: true },
                        {
                            header: t('dashboard.delivered'),
                            cell: (m) => f.count(m.delivered),
                            numeric: true,
                        },
                        {
                            header: t('dashboard.failed'),
                            numeric: true,
                            cell: (m) => (
                                <Text
                                    span
                                    inherit
                                    c={m.failed > 0 ? 'red.8' : undefined}
                                    fw={m.failed > 0 ? 600 : undefined}
                                >
                                    {f.count(m.failed)}
                                </Text>
                            ),
                        },
                    ]}
                />
            )}
        </DashboardSection>
    );
}
