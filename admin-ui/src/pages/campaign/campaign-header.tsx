import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { CampaignDetail } from '../../api/campaign-types';
import { StatusBadge } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { CAMPAIGN_STATUS, CAMPAIGN_TONE } from './campaign-words';

/** The campaign's name, status and design in one line: code, category, offer, control share, launch. */
export function CampaignHeader({ campaign }: { campaign: CampaignDetail }) {
    const t = useT();
    const f = useFormat();
    const offer =
        campaign.offer.kind === 'gift'
            ? t('campaign.offerGift', { bonuses: f.bonuses(campaign.offer.giftAmount ?? 0) })
            : t('campaign.offerMultiplier', { multiplier: campaign.offer.multiplier ?? 1 });
    const facts = [
        campaign.code,
        campaign.categoryCode && t('campaign.category', { code: campaign.categoryCode }),
        offer,
        t('campaign.controlShare', { pct: campaign.controlSharePct }),
        campaign.channels.join(', '),
    ].filter(Boolean);
    return (
        <Stack gap={4}>
            <Anchor component={Link} to="/campaigns" size="sm">
                {t('campaign.back')}
            </Anchor>
            <Group gap="sm" align="center">
                <Title order={1}>{campaign.name}</Title>
                <StatusBadge tone={CAMPAIGN_TONE[campaign.status]}>
                    {t(CAMPAIGN_STATUS[campaign.status])}
                </StatusBadge>
                {campaign.sends.killed && <StatusBadge tone="bad">{t('campaign.sendsKilled')}</StatusBadge>}
                {campaign.sends.testCards && (
                    <StatusBadge tone="mark">
                        {t('campaign.testMode', { count: campaign.sends.testCards.length })}
                    </StatusBadge>
                )}
            </Group>
            <Text size="sm" c="dimmed">
                {facts.join(' · ')}
            </Text>
            <Text size="sm" c="dimmed">
                {campaign.launchedAt
                    ? t('campaign.launched', {
                          time: f.dateTime(campaign.launchedAt),
                          who: campaign.launchedBy ?? campaign.createdBy,
                      })
                    : t('campaign.notLaunched', { who: campaign.createdBy })}
                {campaign.finishedAt &&
                    ` · ${t('campaign.finished', { time: f.dateTime(campaign.finishedAt) })}`}
            </Text>
        </Stack>
    );
}
