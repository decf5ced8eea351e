import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import { trafficOf } from '../../../kernel/vocabulary/message-kinds.js';
import type { MessagePayloads, SampleTemplateData } from '../../../kernel/vocabulary/message-data.js';
import type { TemplateLocale } from './template-helpers.js';
import { sampleData } from './template-samples.js';

/** How a variable is best shown: as it is, as bonuses, as money, or as a date in the reader's timezone. */
type VariableFormat = 'plain' | 'bonuses' | 'money' | 'date';

/** The top-level fields of the template data (the groups a kind's template receives). */
type DataGroup = keyof SampleTemplateData;

/**
 * What each variable is, by its path in the sample data. Every leaf of
 * {@link sampleData} has an entry and no other path does (a unit test
 * holds both), so the samples stay the one list of what templates receive.
 */
const VARIABLES: Record<string, { description: string; format: VariableFormat }> = {
    'customer.name': { description: 'The customer’s name; may be empty', format: 'plain' },
    'customer.balance': { description: 'The customer’s bonus balance', format: 'bonuses' },
    'offer.kind': { description: 'The offer: `multiplier` or `gift`', format: 'plain' },
    'offer.multiplier': { description: 'The bonus multiplier of a multiplier offer', format: 'plain' },
    'offer.giftAmount': { description: 'The bonuses a gift offer grants', format: 'bonuses' },
    'offer.endsAt': { description: 'When the offer ends', format: 'date' },
    'category.publicLabel': {
        description: 'The category’s neutral public label (email only: never on a lock screen)',
        format: 'plain',
    },
    'expiry.amount': { description: 'The bonuses that burn first', format: 'bonuses' },
    'expiry.at': { description: 'When they burn', format: 'date' },
    'purchase.earned': { description: 'The bonuses the purchase earned', format: 'bonuses' },
    'purchase.total': { description: 'What the purchase cost', format: 'money' },
    'chain.name': { description: 'The chain’s name', format: 'plain' },
    'chain.url': { description: 'The chain’s website; may be empty', format: 'plain' },
    unsubscribeUrl: { description: 'The customer’s signed unsubscribe link', format: 'plain' },
};

/** The groups each kind's template receives beyond `customer` and `chain` (see `MessagePayloads`). */
const KIND_GROUPS: { [K in MessageKind]: readonly (keyof MessagePayloads[K] | 'offer' | 'category')[] } = {
    'lapse-offer': ['offer', 'category'],
    'offer-expiry': ['offer', 'category'],
    'bonus-expiry': ['expiry'],
    welcome: [],
    balance: ['purchase'],
    'second-purchase': [],
    winback: [],
    'wonback-thanks': [],
};

/** One variable a template can use. */
export interface TemplateVariable {
    /** Its path in the template data (`customer.name`). */
    name: string;
    description: string;
    /** What an editor inserts: the variable, through a helper where it is an amount or a date. */
    insert: string;
    /** The sample value, as the data holds it (amounts in minor units, times in ISO 8601). */
    sample: string;
}

/** The data groups a kind's template receives: customer and chain, its own, and the unsubscribe link for marketing. */
export function kindGroups(kind: MessageKind): DataGroup[] {
    const own = KIND_GROUPS[kind] as readonly DataGroup[];
    return ['customer', ...own, 'chain', ...(trafficOf(kind) === 'marketing' ? ['unsubscribeUrl' as const] : [])];
}

/** Every leaf of a sample object, by dotted path, with its value. */
export function leaves(value: unknown, prefix = ''): [string, unknown][] {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
    return Object.entries(value).flatMap(([key, v]) => leaves(v, prefix ? `${prefix}.${key}` : key));
}

/** The description and format of a variable path, if it is one of {@link VARIABLES}. */
export function variableInfo(path: string): { description: string; format: VariableFormat } | undefined {
    return Object.hasOwn(VARIABLES, path) ? VARIABLES[path] : undefined;
}

/** The variables a kind's template can use, in the sample data's order, with their sample values. */
export function templateVariables(kind: MessageKind, locale: TemplateLocale): TemplateVariable[] {
    const sample = sampleData(locale);
    return kindGroups(kind).flatMap((group) =>
        leaves(sample[group], group).flatMap(([name, value]) => {
            const info = variableInfo(name);
            if (!info) return [];
            const insert = info.format === 'plain' ? `{{${name}}}` : `{{${info.format} ${name}}}`;
            return [{ name, description: info.description, insert, sample: String(value) }];
        }),
    );
}
