import { Alert, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { CampaignEstimate } from '../../../api/campaigns';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import { warningMessage } from './plan-warnings';

/** What the panel shows: a live estimate, or (for the read-only analyst) the saved campaign's plan. */
export type PanelFigures = Omit<CampaignEstimate, 'steps' | 'bill' | 'testMembers' | 'bonusPerConverter'> &
    Partial<Pick<CampaignEstimate, 'steps' | 'bill' | 'testMembers' | 'bonusPerConverter'>>;

const SCENARIOS = ['pessimistic', 'neutral', 'optimistic'] as const;

/** A small table of labelled figures (each row is named by its label, for screen readers and tests). */
function Figures({ title, rows }: { title: string; rows: Array<[string, ReactNode]> }) {
    return (
        <div>
            <Title order={3} size="h6" mb={4}>
                {title}
            </Title>
            <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                <Table.Tbody>
                    {rows.map(([label, value]) => (
                        <Table.Tr key={label}>
                            <Table.Th scope="row" fw={400} c="dimmed" pl={0}>
                                {label}
                            </Table.Th>
                            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                                {value}
                            </Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </Table>
        </div>
    );
}

/**
 * The editor's side panel, live as the marketer types: today's segment and
 * exclusions by reason, reach per channel, the expected size, the minimum
 * detectable uplift of conversion and revenue at this control share, the
 * forecast, and the bill.
 */
export function LivePanel({
    figures,
    loading,
    error,
    note,
}: {
    figures: PanelFigures | undefined;
    loading: boolean;
    error: string | null;
    note?: string;
}) {
    const t = useT();
    const f = useFormat();
    const intl = useIntl();
    const fixed = (value: number, digits: number) =>
        intl.formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const pp = (fraction: number) => t('campaigns.panel.pp', { value: fixed(fraction * 100, 2) });
    const reason = (r: string) => {
        const id = `campaigns.reason.${r}`;
        return isMessageId(id) ? t(id) : r;
    };
    const channel = (c: string) => {
        const id = `channel.${c}`;
        return isMessageId(id) ? t(id) : c;
    };
    const e = figures;
    // The sending block says it already when a day does not fit in the window.
    const warnings = (e?.warnings ?? []).filter(
        (w) => !(e?.sending && warningMessage(w)?.id === 'campaigns.warning.notFitting'),
    );
    return (
        <Paper withBorder p="md" radius="md" component="aside" aria-label={t('campaigns.panel.title')}>
            <Stack gap="md">
                <Title order={2} size="h4">
                    {t('campaigns.panel.title')}{' '}
                    {loading && <Loader size="xs" aria-label={t('campaigns.panel.updating')} />}
                </Title>
                {note && (
                    <Text size="sm" c="dimmed">
                        {note}
                    </Text>
                )}
                {error && (
                    <Alert color="red" role="alert" p="xs">
                        {error}
                    </Alert>
                )}
                {!e && !error && (
                    <Text size="sm" c="dimmed">
                        {t('campaigns.panel.waiting')}
                    </Text>
                )}
                {e && (
                    <>
                        <Figures
                            title={t('campaigns.panel.segment')}
                            rows={[
                                [t('campaigns.panel.eligible'), f.count(e.dryRun.eligible)],
                                [t('campaigns.panel.lapsed'), f.count(e.dryRun.lapsed)],
                                [t('campaigns.panel.alreadyMembers'), f.count(e.dryRun.alreadyMembers)],
                                ...Object.entries(e.dryRun.exclusions).map(
                                    ([r, n]) =>
                                        [
                                            t('campaigns.panel.excluded', { reason: reason(r) }),
                                            f.count(n),
                                        ] as [string, ReactNode],
                                ),
                            ]}
                        />
                        <Figures
                            title={t('campaigns.panel.reach')}
                            rows={Object.entries(e.dryRun.reachable).map(([c, n]) => [
                                channel(c),
                                f.count(n),
                            ])}
                        />
                        <Figures
                            title={t('campaigns.panel.size')}
                            rows={[
                                [
                                    t('campaigns.panel.expectedSize', { days: e.plannedSize.days }),
                                    f.count(e.plannedSize.total),
                                ],
                                ...(e.testMembers !== undefined
                                    ? [
                                          [t('campaigns.panel.testMembers'), f.count(e.testMembers)] as [
                                              string,
                                              ReactNode,
                                          ],
                                      ]
                                    : []),
                                [t('campaigns.panel.controlShare'), `${e.controlSharePct} %`],
                            ]}
                        />
                        <Figures
                            title={t('campaigns.panel.power')}
                            rows={[
                                [t('campaigns.panel.mdeConversion'), e.mde ? pp(e.mde.absolute) : '—'],
                                [
                                    t('campaigns.panel.mdeRevenue'),
                                    e.revenueMde ? f.money(Math.round(e.revenueMde.absolute)) : '—',
                                ],
                                [t('campaigns.panel.baseline'), `${fixed(e.baselineConversionPct, 1)} %`],
                            ]}
                        />
                        {e.sending && (
                            <Figures
                                title={t('campaigns.panel.sending')}
                                rows={[
                                    [t('campaigns.panel.recipients'), f.count(e.sending.recipients)],
                                    [
                                        t('campaigns.panel.perMinute'),
                                        e.sending.messagesPerMinute === null
                                            ? t('campaigns.panel.unlimited')
                                            : f.count(e.sending.messagesPerMinute),
                                    ],
                                    [
                                        t('campaigns.panel.firstSend'),
                                        e.sending.firstSendAt ? f.dateTime(e.sending.firstSendAt) : '—',
                                    ],
                                    [
                                        t('campaigns.panel.lastSend'),
                                        e.sending.lastSendAt ? f.dateTime(e.sending.lastSendAt) : '—',
                                    ],
                                ]}
                            />
                        )}
                        {e.sending && !e.sending.fitsWindow && (
                            <Alert color="orange" p="xs">
                                {t('campaigns.panel.notFitting', {
                                    count: e.sending.recipients,
                                    last: e.sending.lastSendAt ? f.dateTime(e.sending.lastSendAt) : '—',
                                })}
                            </Alert>
                        )}
                        {e.forecast && (
                            <Figures
                                title={t('campaigns.panel.forecast')}
                                rows={SCENARIOS.map((s) => [
                                    t(`campaigns.panel.${s}`),
                                    t('campaigns.panel.scenario', {
                                        uplift: pp(e.forecast![s].absoluteUplift),
                                        converters: f.count(e.forecast!.incrementalConverters[s]),
                                    }),
                                ])}
                            />
                        )}
                        {e.bill && (
                            <Figures
                                title={t('campaigns.panel.bill')}
                                rows={[
                                    ...e.bill.messages.map(
                                        (m) =>
                                            [
                                                t('campaigns.panel.messages', {
                                                    channel: channel(m.channel),
                                                    count: m.messages,
                                                }),
                                                f.money(m.cost),
                                            ] as [string, ReactNode],
                                    ),
                                    [t('campaigns.panel.bonusCost'), f.money(e.bill.bonusCost.neutral)],
                                    ...SCENARIOS.map(
                                        (s) =>
                                            [t(`campaigns.panel.total.${s}`), f.money(e.bill!.total[s])] as [
                                                string,
                                                ReactNode,
                                            ],
                                    ),
                                ]}
                            />
                        )}
                        {warnings.length > 0 && (
                            <Stack gap={4}>
                                {warnings.map((w) => {
                                    const known = warningMessage(w);
                                    return (
                                        <Text key={w} size="xs" c="red.9">
                                            {known ? t(known.id, known.values) : w}
                                        </Text>
                                    );
                                })}
                            </Stack>
                        )}
                    </>
                )}
            </Stack>
        </Paper>
    );
}
