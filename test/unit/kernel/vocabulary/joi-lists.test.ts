import type Joi from 'joi';
import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../../plugin/config/validate-options.js';
import { ADMIN_ROLES } from '../../../../plugin/kernel/vocabulary/admin-roles.js';
import { CHANNELS, CONSENT_CHANNELS } from '../../../../plugin/kernel/vocabulary/channels.js';
import { MESSAGE_KINDS } from '../../../../plugin/kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS } from '../../../../plugin/kernel/vocabulary/template-channels.js';
import { tokenBody } from '../../../../plugin/modules/admin/routes/token.schemas.js';
import { createCampaignBody } from '../../../../plugin/modules/campaigns/routes/campaign.schemas.js';
import { customerBody } from '../../../../plugin/modules/customers/routes/customer.schemas.js';
import { adminMessageRouteTable } from '../../../../plugin/modules/messaging/routes/messages.routes.js';
import { adminTemplateRouteTable } from '../../../../plugin/modules/messaging/routes/templates.routes.js';

/** Joi's description of a schema: what the OpenAPI generator reads its enums from. */
interface Described {
    allow?: unknown[];
    flags?: { only?: boolean };
    keys?: Record<string, Described>;
    items?: Described[];
}

const described = (schema: Joi.Schema | undefined): Described =>
    (schema as Joi.Schema).describe() as Described;
const only = (d: Described): unknown[] => {
    expect(d.flags?.only).toBe(true);
    return d.allow ?? [];
};

describe('joi lists are the vocabulary', () => {
    it('template routes accept exactly the message kinds and template channels', () => {
        const params = described(adminTemplateRouteTable.getTemplate.params).keys ?? {};
        expect(only(params.kind)).toEqual([...MESSAGE_KINDS]);
        expect(only(params.channel)).toEqual([...TEMPLATE_CHANNELS]);
        const preview = described(adminTemplateRouteTable.previewTemplate.body).keys ?? {};
        expect(only(preview.kind)).toEqual([...MESSAGE_KINDS]);
        expect(only(preview.channel)).toEqual([...TEMPLATE_CHANNELS]);
    });

    it('the outbox filter accepts exactly the channels', () => {
        const query = described(adminMessageRouteTable.listOutbox.query).keys ?? {};
        expect(only(query.channel)).toEqual([...CHANNELS]);
    });

    it('a campaign’s channels and cascade steps accept exactly the consent channels', () => {
        const keys = described(createCampaignBody).keys ?? {};
        expect(only((keys.channels.items ?? [])[0])).toEqual([...CONSENT_CHANNELS]);
        const step = (keys.cascade.keys?.steps.items ?? [])[0];
        expect(only(step.keys?.channel ?? {})).toEqual([...CONSENT_CHANNELS]);
    });

    it('a till’s customer update takes a consent for exactly the consent channels', () => {
        const keys = described(customerBody).keys ?? {};
        expect(Object.keys(keys.consents.keys ?? {})).toEqual([...CONSENT_CHANNELS]);
        expect(Object.keys(keys.serviceConsents.keys ?? {})).toEqual([...CONSENT_CHANNELS]);
    });

    it('a token’s role is exactly an admin role', () => {
        expect(only(described(tokenBody).keys?.role ?? {})).toEqual([...ADMIN_ROLES]);
    });

    it('the options accept a channel of the vocabulary and refuse any other', () => {
        for (const channel of CHANNELS)
            expect(() =>
                validateOptions({ databaseUrl: 'sqlite::memory:', messaging: { reliableChannel: channel } }),
            ).not.toThrow();
        expect(() =>
            validateOptions({ databaseUrl: 'sqlite::memory:', messaging: { reliableChannel: 'fax' } }),
        ).toThrow();
    });
});
