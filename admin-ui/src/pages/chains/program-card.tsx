import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useGlobalControl, useGlobalControlReport, useSetGlobalControl } from '../../api/chains';
import { ErrorState } from '../../app/error-state';
import { Loaded } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { Section } from '../campaign/section';
import { useReportFormat } from '../campaign/report/report-format';

/** Days the program's report looks back over. */
const REPORT_DAYS = 30;
const MS_PER_DAY = 86_400_000;

/** One figure of the card: its name above, the value, a note below. */
function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text fw={600} size="lg">
                {value}
            </Text>
            {note && (
                <Text size="xs" c="dimmed">
                    {note}
                </Text>
            )}
        </div>
    );
}

/** The share's editor: percent in, basis points out (editors only). */
function ShareEditor({ shareBp, maxBp }: { shareBp: number; maxBp: number }) {
    const t = useT();
    const save = useSetGlobalControl();
    const [pct, setPct] = useState<number | string>(shareBp / 100);
    const value = typeof pct === 'number' ? pct : Number(pct);
    const changed = Number.isFinite(value) && Math.round(value * 100) !== shareBp;
    return (
        <Stack gap="xs">
            <Group align="flex-end" gap="sm">
                <NumberInput
                    label={t('chains.program.share')}
                    suffix=" %"
                    min={0}
                    max={maxBp / 100}
                    step={0.5}
                    decimalScale={2}
                    value={pct}
                    onChange={setPct}
                    w={160}
                />
                <Button
                    variant="default"
                    disabled={!changed}
                    loading={save.isPending}
                    onClick={() =>
                        save.mutate(Math.round(value * 100), {
                            onSuccess: () =>
                                notifications.show({ color: 'teal', message: t('chains.program.saved') }),
                        })
                    }
                >
                    {t('chains.program.save')}
                </Button>
            </Group>
            {save.isError && <ErrorState error={save.error} />}
        </Stack>
    );
}

/**
 * The program card: the global control group's share (editable by editors)
 * with what it means in words, and over the last 30 days the revenue per
 * customer against everyone else and the program's incremental revenue.
 */
export function ProgramCard({ canEdit }: { canEdit: boolean }) {
    const t = useT();
    const r = useReportFormat();
    const control = useGlobalControl();
    const range = useMemo(() => {
        const to = new Date(Math.ceil(Date.now() / MS_PER_DAY) * MS_PER_DAY);
        return {
            from: new Date(to.getTime() - REPORT_DAYS * MS_PER_DAY).toISOString(),
            to: to.toISOString(),
        };
    }, []);
    const report = useGlobalControlReport(range.from, range.to);
    return (
        <Section title={t('chains.program.title')}>
            <Loaded query={control}>
                {() => {
                    const { shareBp, maxBp } = control.data!;
                    return (
                        <Stack gap="sm">
                            <Text size="sm">
                                {shareBp === 0
                                    ? t('chains.program.off')
                                    : t('chains.program.means', { share: r.share(shareBp / 10_000) })}
                            </Text>
                            {canEdit && <ShareEditor key={shareBp} shareBp={shareBp} maxBp={maxBp} />}
                            <Loaded query={report}>
                                {() => {
                                    const data = report.data!;
                                    const rpc = data.revenuePerCustomer;
                                    const inc = data.incrementalRevenue;
                                    return (
                                        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                                            <Figure
                                                label={t('chains.program.customers', { days: REPORT_DAYS })}
                                                value={`${r.count(data.sample.control)} / ${r.count(data.sample.others)}`}
                                                note={t('chains.program.customersNote')}
                                            />
                                            <Figure
                                                label={t('chains.program.revenuePerCustomer')}
                                                value={
                                                    rpc
                                                        ? `${r.money(rpc.control.mean)} / ${r.money(rpc.test.mean)}`
                                                        : '—'
                                                }
                                                note={t('chains.program.revenuePerCustomerNote')}
                                            />
                                            <Figure
                                                label={t('chains.program.incremental')}
                                                value={inc ? r.money(inc.estimate) : '—'}
                                                note={
                                                    inc
                                                        ? t('chains.interval', {
                                                              range: r.range(inc.ciLow, inc.ciHigh, r.money),
                                                          })
                                                        : t('chains.program.noReport')
                                                }
                                            />
                                        </SimpleGrid>
                                    );
                                }}
                            </Loaded>
                        </Stack>
                    );
                }}
            </Loaded>
        </Section>
    );
}
