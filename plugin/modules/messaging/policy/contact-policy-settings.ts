import type { RefillConfig } from '../../../config/refill-options.js';
import type { ContactPolicySettings } from './contact-policy.js';

/** The contact policy a chain configured under `messaging` (validated, defaults filled in). */
export function contactPolicySettings(config: RefillConfig['messaging']): ContactPolicySettings {
    return {
        window: config.window,
        caps: config.caps,
        monthlyMarketingCap: config.monthlyMarketingCap,
        minGapMinutes: config.minGapMinutes,
        quietDaysAfterPurchase: config.quietDaysAfterPurchase,
        serviceInWindow: true,
    };
}
