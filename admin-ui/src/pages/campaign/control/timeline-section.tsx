import { Stack, Text, Timeline } from '@mantine/core';
import { useCampaignTimeline } from '../../../api/campaign';
import type { TimelineEntry } from '../../../api/campaign-types';
import { rowsOf } from '../../../api/paging';
import { Loaded, LoadMore } from '../../../app/list-parts';
import { useFormat } from '../../../format/use-format';
import { type Translate, useT } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import { Section } from '../section';

/** What a step recorded, in words: the run and its size, the canary, the fields changed, the reason. */
function stepDetails(entry: TimelineEntry, t: Translate, day: (d: string) => string): string {
    const d = entry.details ?? {};
    const parts: string[] = [];
    if (typeof d.runDay === 'string') parts.push(t('campaign.timeline.run', { day: day(d.runDay) }));
    if (typeof d.recipients === 'number') parts.push(t('campaign.runSize', { count: d.recipients }));
    if (typeof d.canary === 'number') parts.push(t('campaign.runCanary', { count: d.canary }));
    if (typeof d.released === 'number') parts.push(t('campaign.timeline.released', { count: d.released }));
    if (typeof d.cancelled === 'number') parts.push(t('campaign.timeline.cancelled', { count: d.cancelled }));
    if (d.changes && typeof d.changes === 'object')
        parts.push(t('campaign.timeline.changed', { fields: Object.keys(d.changes).join(', ') }));
    if (typeof d.reason === 'string') parts.push(t('campaign.timeline.reason', { reason: d.reason }));
    return parts.join(' · ');
}

/** Every audited step of the campaign, newest first: who did what, when, and why. */
export function TimelineSection({ campaignId }: { campaignId: number }) {
    const t = useT();
    const f = useFormat();
    const timeline = useCampaignTimeline(campaignId);
    return (
        <Section title={t('campaign.timeline')}>
            <Loaded query={timeline}>
                {() => {
                    const entries = rowsOf(timeline.data?.pages);
                    if (!entries.length)
                        return (
                            <Text size="sm" c="dimmed">
                                {t('common.none')}
                            </Text>
                        );
                    return (
                        <Stack gap="sm">
                            <Timeline bulletSize={14} lineWidth={2} aria-label={t('campaign.timeline')}>
                                {entries.map((e) => {
                                    const name = `auditAction.${e.action}`;
                                    const details = stepDetails(e, t, f.day);
                                    return (
                                        <Timeline.Item
                                            key={e.id}
                                            title={isMessageId(name) ? t(name) : e.action}
                                        >
                                            <Text size="sm">
                                                {t('campaign.timeline.by', {
                                                    who: e.actor,
                                                    time: f.dateTime(e.createdAt),
                                                })}
                                            </Text>
                                            {details && (
                                                <Text size="sm" c="dimmed">
                                                    {details}
                                                </Text>
                                            )}
                                        </Timeline.Item>
                                    );
                                })}
                            </Timeline>
                            <LoadMore query={timeline} shown={entries.length} />
                        </Stack>
                    );
                }}
            </Loaded>
        </Section>
    );
}
