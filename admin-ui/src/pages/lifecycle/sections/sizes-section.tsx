import { Center, Loader, SegmentedControl, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { LIFECYCLE_SEGMENTS, sizeOf, useLifecycleSizes } from '../../../api/lifecycle';
import { ErrorState } from '../../../app/error-state';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { segmentName } from '../lifecycle-words';
import { LifecycleSection } from './lifecycle-section';

const SizesChart = lazy(() => import('./sizes-chart'));

/** The ranges offered, in days back from today (inclusive of today). */
const RANGES = ['30', '90', '180', '365'] as const;
type Range = (typeof RANGES)[number];

/** `day` (`YYYY-MM-DD`) moved by `delta` calendar days. */
export function shiftDay(day: string, delta: number): string {
    const at = new Date(`${day}T00:00:00Z`);
    at.setUTCDate(at.getUTCDate() + delta);
    return at.toISOString().slice(0, 10);
}

/** The segments' sizes over the chosen range of days: a stacked area chart, and the last day in words. */
export function SizesSection({ today }: { today: string }) {
    const t = useT();
    const f = useFormat();
    const [range, setRange] = useState<Range>('90');
    const from = shiftDay(today, 1 - Number(range));
    const sizes = useLifecycleSizes(from, today);
    const days = sizes.data?.days ?? [];
    const last = days.at(-1);
    const summary = last
        ? t('lifecycle.sizes.summary', {
              day: f.day(last.day),
              sizes: LIFECYCLE_SEGMENTS.map((s) => `${segmentName(t, s)} ${f.count(sizeOf(last, s))}`).join(
                  ', ',
              ),
          })
        : '';
    return (
        <LifecycleSection
            title={t('lifecycle.sizes.title')}
            actions={
                <SegmentedControl
                    size="xs"
                    aria-label={t('lifecycle.sizes.range')}
                    value={range}
                    onChange={(value) => setRange(value as Range)}
                    data={RANGES.map((days) => ({
                        value: days,
                        label: t('lifecycle.sizes.lastDays', { days: Number(days) }),
                    }))}
                />
            }
        >
            {sizes.isPending ? (
                <Center h={320} role="status" aria-label={t('common.loading')}>
                    <Loader size="sm" />
                </Center>
            ) : sizes.isError ? (
                <ErrorState error={sizes.error} onRetry={() => void sizes.refetch()} />
            ) : days.length === 0 ? (
                <Text c="dimmed" size="sm">
                    {t('lifecycle.sizes.empty')}
                </Text>
            ) : (
                <>
                    <Suspense
                        fallback={
                            <Center h={320} role="status" aria-label={t('lifecycle.chartLoading')}>
                                <Loader size="sm" />
                            </Center>
                        }
                    >
                        <SizesChart days={days} summary={summary} />
                    </Suspense>
                    <Text size="sm" c="dimmed" mt="xs">
                        {summary}
                    </Text>
                </>
            )}
        </LifecycleSection>
    );
}
