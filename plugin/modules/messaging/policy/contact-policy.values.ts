import Joi from 'joi';
import type { RefillConfig } from '../../../config/refill-options.js';
import { CHANNELS } from '../../../kernel/vocabulary/channels.js';
import type { ContactCaps } from '../../../kernel/vocabulary/contact-caps.js';
import type { SendWindow } from './send-window.js';

/**
 * The contact policy a marketer may change at run time (stored over the
 * options, which stay the defaults): the sending hours, the quiet days after
 * a purchase, the minimum gap, the monthly marketing cap and the caps per
 * channel and across channels.
 */
export interface EditableContactPolicy {
    window: SendWindow;
    quietDaysAfterPurchase: number;
    minGapMinutes: number;
    monthlyMarketingCap: number;
    caps: ContactCaps;
}

const hhmm = Joi.string()
    .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
    .message('must be a time as HH:mm');
const count = (max: number) => Joi.number().integer().min(0).max(max).required();
const perChannel = (max: number) =>
    Joi.object(Object.fromEntries(CHANNELS.map((c) => [c, count(max)]))).required();

/** The joi schema of {@link EditableContactPolicy}: every value required, bounds as the options have them. */
export const editableContactPolicySchema = Joi.object<EditableContactPolicy>({
    window: Joi.object({
        from: hhmm.required(),
        to: hhmm
            .required()
            .custom((to: string, helpers) =>
                to > (helpers.state.ancestors[0] as { from?: string }).from!
                    ? to
                    : helpers.error('any.invalid'),
            )
            .messages({ 'any.invalid': 'must be later than window.from' }),
    }).required(),
    quietDaysAfterPurchase: count(90),
    minGapMinutes: count(7 * 24 * 60),
    monthlyMarketingCap: count(1000),
    caps: Joi.object({
        daily: perChannel(100),
        weekly: perChannel(500),
        allChannels: Joi.object({ daily: count(100), weekly: count(500) }).required(),
        serviceDaily: perChannel(100),
    }).required(),
})
    .prefs({ presence: 'required' })
    .id('ContactPolicyValues');

/** The policy the options configure (validated, defaults filled in): what a reset goes back to. */
export function configuredContactPolicy(config: RefillConfig['messaging']): EditableContactPolicy {
    return {
        window: { ...config.window },
        quietDaysAfterPurchase: config.quietDaysAfterPurchase,
        minGapMinutes: config.minGapMinutes,
        monthlyMarketingCap: config.monthlyMarketingCap,
        caps: {
            daily: { ...config.caps.daily },
            weekly: { ...config.caps.weekly },
            allChannels: { ...config.caps.allChannels },
            serviceDaily: { ...config.caps.serviceDaily },
        },
    };
}

/** One value of the policy with its path (`caps.daily.sms`), for lists and their meanings. */
export interface PolicyValue {
    path: string;
    value: number | string;
}

/** Every leaf of a policy, in a stable order: window, quiet days, gap, monthly cap, caps. */
export function policyValues(policy: EditableContactPolicy): PolicyValue[] {
    const out: PolicyValue[] = [
        { path: 'window.from', value: policy.window.from },
        { path: 'window.to', value: policy.window.to },
        { path: 'quietDaysAfterPurchase', value: policy.quietDaysAfterPurchase },
        { path: 'minGapMinutes', value: policy.minGapMinutes },
        { path: 'monthlyMarketingCap', value: policy.monthlyMarketingCap },
        { path: 'caps.allChannels.daily', value: policy.caps.allChannels.daily },
        { path: 'caps.allChannels.weekly', value: policy.caps.allChannels.weekly },
    ];
    for (const kind of ['daily', 'weekly', 'serviceDaily'] as const)
        for (const channel of CHANNELS)
            out.push({ path: `caps.${kind}.${channel}`, value: policy.caps[kind][channel] ?? 0 });
    return out;
}

/**
 * What a value means for a customer, in plain English (the admin UI has its
 * own words in Russian and English; this is for the API's other readers).
 */
export function policyMeaning(path: string, value: number | string, policy: EditableContactPolicy): string {
    const [head, kind, channel] = path.split('.');
    if (head === 'window')
        return `Offers and notices reach a customer only between ${policy.window.from} and ${policy.window.to} of their local time; later ones wait for the next morning.`;
    if (path === 'quietDaysAfterPurchase')
        return value === 0
            ? 'A purchase does not pause offers.'
            : `After a purchase, a customer gets no offers for ${value} days.`;
    if (path === 'minGapMinutes')
        return `Two offers to one customer are at least ${value} minutes apart, whatever their channels.`;
    if (path === 'monthlyMarketingCap')
        return `A customer gets at most ${value} offers per calendar month, over all channels.`;
    if (kind === 'allChannels')
        return channel === 'daily'
            ? `A customer gets at most ${value} offers a day over all channels.`
            : `A customer gets at most ${value} offers in any 7 days over all channels.`;
    if (kind === 'daily') return `A customer gets at most ${value} offers a day by ${channel}.`;
    if (kind === 'weekly') return `A customer gets at most ${value} offers in any 7 days by ${channel}.`;
    return `A customer gets at most ${value} service messages (bonus expiry, balance, welcome) a day by ${channel}; a notice that would miss its deadline goes anyway.`;
}
