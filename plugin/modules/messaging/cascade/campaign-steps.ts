import { campaignCascade, campaignChannels, type Campaign } from '../../campaigns/index.js';
import { buildSteps, type CascadeDefaults, type CascadeStep } from '../rules/cascade.rules.js';

/** The steps a campaign's reminders walk: its explicit steps, or its channels cheapest first. */
export function campaignSteps(
    campaign: Pick<Campaign, 'cascade' | 'channels'>,
    defaults: CascadeDefaults,
): CascadeStep[] {
    const cascade = campaignCascade(campaign);
    return cascade.steps?.length
        ? cascade.steps.map((s) => ({
              channel: s.channel,
              waitMinutes: s.waitMinutes,
              await: s.await ?? 'delivered',
          }))
        : buildSteps(campaignChannels(campaign), defaults);
}
