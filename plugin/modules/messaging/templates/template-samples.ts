import type { SampleTemplateData } from '../../../kernel/vocabulary/message-data.js';
import type { TemplateLocale } from './template-helpers.js';

/**
 * Sample data for previews and for checking a template before it is saved:
 * every field the shipped templates use. Amounts in minor units.
 */
export function sampleData(locale: TemplateLocale): Record<string, unknown> {
    return {
        customer: { name: locale === 'ru' ? 'Анна' : 'Anna', balance: 45_000 },
        offer: { kind: 'multiplier', multiplier: 5, giftAmount: 30_000, endsAt: '2026-12-05T20:59:00Z' },
        category: { publicLabel: locale === 'ru' ? 'товары для сердца' : 'heart care' },
        expiry: { amount: 15_000, at: '2026-12-01T20:59:00Z' },
        purchase: { earned: 1_350, total: 45_000 },
        chain: {
            name: locale === 'ru' ? 'Аптека «Здоровье»' : 'Zdorovye Pharmacy',
            url: 'https://example.com',
        },
        unsubscribeUrl: 'https://example.com/unsubscribe/sample',
    } satisfies SampleTemplateData;
}

/**
 * The sparse sample a template is checked with as well: a customer without a
 * name, a gift offer, a chain without a URL. A template whose text or
 * unsubscribe link depends on optional fields shows it here.
 */
export function sparseSampleData(locale: TemplateLocale): Record<string, unknown> {
    const full = sampleData(locale);
    return {
        ...full,
        customer: { name: null, balance: 0 },
        offer: { kind: 'gift', multiplier: null, giftAmount: 30_000, endsAt: '2026-12-05T20:59:00Z' },
        chain: { name: (full.chain as { name: string }).name },
    };
}
