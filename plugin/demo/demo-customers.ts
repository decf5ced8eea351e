import type { CustomerImportRecord } from '../modules/import/index.js';
import { MS_PER_DAY } from '../kernel/units/time.js';
import { storeTime, type DemoChain } from './demo-chain.js';
import { planChronicTherapy, type DemoChronicPlan } from './demo-chronic-plan.js';
import {
    feminineSurname,
    FEMALE_NAMES,
    MAIL_DOMAINS,
    MALE_NAMES,
    MOBILE_CODES,
    SURNAMES,
} from './demo-names.js';
import { DemoRandom } from './demo-random.js';
import type { DemoStore } from './demo-stores.js';

/** Random stream of customers (see `streamSeed`). */
const CUSTOMER_STREAM = 1;

/** Shares of the customer base, chosen to match a regional chain's loyalty data. */
export const DEMO_SHARES = {
    /** Customers on long-term therapy. */
    chronic: 0.3,
    /** Customers who joined before the history window. */
    enrolledBefore: 0.72,
    phone: 0.88,
    email: 0.4,
    name: 0.9,
    /** Consent shares among customers with the matching contact. */
    consent: { sms: 0.72, email: 0.58, whatsapp: 0.18, telegram: 0.14, viber: 0.09, push: 0.22 },
    /** Granted consents later withdrawn. */
    withdrawn: 0.04,
    /** Customers with no purchase in the window (non-chronic only). */
    dormant: 0.1,
    /** Members from before the window carrying a bonus balance over from the previous system. */
    openingBalance: 0.45,
} as const;

/** Everything the generator decided about one customer before writing receipts. */
export interface DemoCustomerPlan {
    /** Position in the chain, from 0. */
    index: number;
    cardNumber: string;
    homeStore: DemoStore;
    /** Days before `now` the customer joined (may be before the history window). */
    enrolledDaysAgo: number;
    /** The customer's chronic therapies (empty for most customers). */
    chronic: DemoChronicPlan[];
    /** Days ago the customer left the chain altogether, or null. */
    churnedDaysAgo: number | null;
    /** Occasional (non-chronic) visits per year. */
    occasionalPerYear: number;
    /** The customer record to import. */
    record: CustomerImportRecord;
}

/** Card number: `2` + seed (3 digits) + customer index (8 digits) + EAN-13 check digit. */
export function demoCardNumber(seed: number, index: number): string {
    const body = `2${String(seed % 1000).padStart(3, '0')}${String(index).padStart(8, '0')}`;
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
    return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A mobile number unique per customer index below 10 million (the last seven digits are a bijection of the index). */
function phoneOf(rng: DemoRandom, seed: number, index: number): string {
    const line = (index * 7_654_321 + seed * 1_000_003) % 10_000_000;
    return `+7${rng.pick(MOBILE_CODES)}${String(line).padStart(7, '0')}`;
}

/**
 * Plans one customer: who they are, when they joined, which chronic groups
 * they buy and whether they stop. Returns the random source positioned for
 * the receipts, so a customer's whole output comes from one seeded stream.
 */
export function planCustomer(chain: DemoChain, index: number): { plan: DemoCustomerPlan; rng: DemoRandom } {
    const rng = DemoRandom.forStream(chain.seed, CUSTOMER_STREAM, index);
    const h = chain.historyDays;
    const homeStore = rng.pick(chain.stores);
    const enrolledDaysAgo = rng.chance(DEMO_SHARES.enrolledBefore)
        ? rng.int(h, h + 5 * 365)
        : rng.int(1, h - 2);
    const enrolledAt = storeTime(chain, enrolledDaysAgo, rng.int(8 * 60, 9 * 60 - 1), homeStore);

    const therapy = rng.chance(DEMO_SHARES.chronic) ? planChronicTherapy(chain, rng, enrolledDaysAgo) : null;
    const chronic = therapy?.plans ?? [];
    const dormant = !therapy && rng.chance(DEMO_SHARES.dormant);
    // Everyone else drops in now and then: a floor plus a long tail of frequent visitors.
    const occasionalPerYear = dormant ? 0 : therapy ? 0.4 + rng.exponential(0.9) : 0.9 + rng.exponential(1.2);

    const female = rng.chance(0.58);
    const first = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const surname = female ? feminineSurname(rng.pick(SURNAMES)) : rng.pick(SURNAMES);
    const phone = rng.chance(DEMO_SHARES.phone) ? phoneOf(rng, chain.seed, index) : null;
    const email = rng.chance(DEMO_SHARES.email)
        ? `${first[1]}.${surname[1]}${index}@${rng.pick(MAIL_DOMAINS)}`
        : null;
    const record: CustomerImportRecord = {
        type: 'customer',
        cardNumber: demoCardNumber(chain.seed, index),
        phone,
        email,
        name: rng.chance(DEMO_SHARES.name) ? `${first[0]} ${surname[0]}` : null,
        timezone: homeStore.timezone,
        homeStore: homeStore.code,
        enrolledAt,
        consents: consentsOf(rng, chain, { phone, email, enrolledAt, enrolledDaysAgo }),
    };
    // Members from before the window carry a balance over from the chain's previous loyalty system.
    if (!dormant && enrolledDaysAgo >= h && rng.chance(DEMO_SHARES.openingBalance)) {
        record.openingBalance = rng.int(20, 1500) * 100;
    }
    return {
        plan: {
            index,
            cardNumber: record.cardNumber,
            homeStore,
            enrolledDaysAgo,
            chronic,
            churnedDaysAgo: therapy?.churnedDaysAgo ?? null,
            occasionalPerYear,
            record,
        },
        rng,
    };
}

function consentsOf(
    rng: DemoRandom,
    chain: DemoChain,
    c: { phone: string | null; email: string | null; enrolledAt: Date; enrolledDaysAgo: number },
): CustomerImportRecord['consents'] {
    const shares = DEMO_SHARES.consent;
    const out: NonNullable<CustomerImportRecord['consents']> = {};
    const give = (channel: keyof typeof shares, hasContact: boolean, recordRefusal: boolean) => {
        if (!hasContact) return;
        if (!rng.chance(shares[channel])) {
            if (recordRefusal) out[channel] = { granted: false, at: c.enrolledAt };
            return;
        }
        if (rng.chance(DEMO_SHARES.withdrawn)) {
            const daysAgo = rng.int(1, Math.max(1, Math.min(c.enrolledDaysAgo, chain.historyDays) - 2));
            const at = new Date(Math.max(c.enrolledAt.getTime(), chain.todayMs - daysAgo * MS_PER_DAY));
            out[channel] = { granted: false, at };
        } else {
            out[channel] = { granted: true, at: c.enrolledAt };
        }
    };
    give('sms', c.phone !== null, true);
    give('email', c.email !== null, true);
    give('push', true, false);
    give('telegram', c.phone !== null, false);
    give('whatsapp', c.phone !== null, false);
    give('viber', c.phone !== null, false);
    return out;
}
