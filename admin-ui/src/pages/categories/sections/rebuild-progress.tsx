import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { isApiError } from '../../../api/api-error';
import {
    type RebuildProgress,
    rebuildActive,
    useRebuildProgress,
    useStartRebuild,
} from '../../../api/categories';
import { errorMessage } from '../../../app/error-state';
import { Moment } from '../../../app/list-parts';
import { StatusBadge, type Tone } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

const TONE: Record<RebuildProgress['state'], Tone> = {
    queued: 'neutral',
    running: 'info',
    done: 'ok',
    failed: 'bad',
};

/** How far a rebuild is, 0–100 (100 once done). */
export function rebuildPercent(rebuild: RebuildProgress): number {
    if (rebuild.state === 'done') return 100;
    if (rebuild.total <= 0) return 0;
    return Math.min(100, Math.floor((rebuild.done * 100) / rebuild.total));
}

/**
 * The category's latest rebuild of its lines and statistics from the stored
 * history (a change of its ATC prefixes or SKUs starts one): its state, phase
 * and progress, polled every second while it runs. An editor can start one
 * again or resume a failed one; an analyst only reads it.
 */
export function RebuildProgressSection({ code, canEdit }: { code: string; canEdit: boolean }) {
    const t = useT();
    const format = useFormat();
    const progress = useRebuildProgress(code);
    const start = useStartRebuild(code);
    const rebuild = progress.data ?? null;
    const active = rebuildActive(rebuild);
    return (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="category-rebuild-title">
            <Stack gap="sm">
                <Group justify="space-between" gap="sm">
                    <Title order={2} size="h4" id="category-rebuild-title">
                        {t('categories.rebuild.title')}
                    </Title>
                    {rebuild && (
                        <StatusBadge tone={TONE[rebuild.state]}>
                            {t(`categories.rebuild.state.${rebuild.state}`)}
                        </StatusBadge>
                    )}
                </Group>
                <Text size="sm" c="dimmed">
                    {t('categories.rebuild.hint')}
                </Text>
                {progress.isError && <Alert color="red">{errorMessage(progress.error, t)}</Alert>}
                {!rebuild && !progress.isPending && <Text size="sm">{t('categories.rebuild.never')}</Text>}
                {rebuild && (
                    <div role="status" aria-live="polite">
                        <Progress
                            value={rebuildPercent(rebuild)}
                            size="lg"
                            color={rebuild.state === 'failed' ? 'red' : 'teal'}
                            striped={active}
                            animated={active}
                            aria-label={t('categories.rebuild.progress')}
                        />
                        <Text size="sm" mt="xs">
                            {rebuild.state === 'queued' && rebuild.total === 0
                                ? t('categories.rebuild.waiting')
                                : rebuild.state === 'done'
                                  ? t('categories.rebuild.doneText', {
                                        lines: format.count(rebuild.lines.total),
                                        changed: format.count(rebuild.lines.changed),
                                        customers: format.count(rebuild.customers.total),
                                    })
                                  : t(`categories.rebuild.phase.${rebuild.phase}`, {
                                        done: format.count(rebuild.done),
                                        total: format.count(rebuild.total),
                                    })}
                        </Text>
                        <Text size="xs" c="dimmed">
                            {rebuild.finishedAt
                                ? t('categories.rebuild.finishedAt')
                                : t('categories.rebuild.requestedAt')}{' '}
                            <Moment iso={rebuild.finishedAt ?? rebuild.requestedAt} />
                        </Text>
                    </div>
                )}
                {rebuild?.state === 'failed' && (
                    <Alert color="red" title={t('categories.rebuild.failed')}>
                        {rebuild.error}
                    </Alert>
                )}
                {start.isError && !isApiError(start.error, 'REFILL_VALIDATION') && (
                    <Alert color="red" role="alert">
                        {errorMessage(start.error, t)}
                    </Alert>
                )}
                {canEdit && (
                    <Group>
                        <Button
                            variant="light"
                            onClick={() => start.mutate()}
                            loading={start.isPending}
                            disabled={active}
                        >
                            {t(
                                rebuild?.state === 'failed'
                                    ? 'categories.rebuild.resume'
                                    : 'categories.rebuild.start',
                            )}
                        </Button>
                    </Group>
                )}
            </Stack>
        </Paper>
    );
}
