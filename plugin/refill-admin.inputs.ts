import Joi from 'joi';
import type { AdminRole } from './modules/admin/index.js';
import type { CampaignDesign } from './modules/campaigns/index.js';

/** A store to create or rename ({@link RefillAdmin.addStore}). */
export interface StoreInput {
    /** The chain's own store code, as tills send it in `storeCode` (1–64 characters). */
    code: string;
    name: string;
    /** IANA timezone of the store; null or absent: the chain's timezone. */
    timezone?: string | null;
}

/** A POS key to issue ({@link RefillAdmin.createPosKey}). */
export interface PosKeyInput {
    /** The store the key records sales for (it must exist). */
    storeCode: string;
    /** What the key is for (`till 3`), shown in lists. */
    label?: string | null;
}

/** A person who may sign in to the admin API and UI ({@link RefillAdmin.createAdminUser}). */
export interface AdminUserInput {
    /** Trimmed and lower-cased before it is stored: 3–64 letters, digits, `.`, `_`, `-`. */
    username: string;
    /** At least 12 characters; only its scrypt hash is stored. */
    password: string;
    role: AdminRole;
    /** Shown in the admin UI. */
    displayName?: string | null;
}

/**
 * A category as `PUT /admin/v1/categories/:code` takes it: its rules (ATC
 * prefixes and/or SKUs) and, for chronic categories, the refill rhythm
 * campaigns judge lapses by. Absent fields take the API's defaults.
 */
export interface CategoryPut {
    name: string;
    /** ATC prefixes (stored upper-case); each prefix belongs to one category only. */
    atcPrefixes?: string[];
    /** SKUs; each belongs to one category only. */
    skus?: string[];
    /** Whether campaigns may select lapsed buyers of it. Default true. */
    chronic?: boolean;
    /** Default true. */
    active?: boolean;
    refillIntervalDays?: number | null;
    lapseAfterDays?: number | null;
    minPurchases?: number | null;
    /** Months (1–12) in which the category sells seasonally. */
    seasonalMonths?: number[];
    /** The chain's margin on the category, percent (up to two decimals). */
    marginPct?: number | null;
    /** The name customers see in messages. */
    publicLabel?: string | null;
    /** Accrual rate in basis points (300 = 3%); null: the base rate. */
    accrualRateBp?: number | null;
    excludedFromAccrual?: boolean;
    excludedFromRedemption?: boolean;
}

/** Design fields a new campaign must name; the rest take the admin API's defaults. */
type RequiredDesign = 'code' | 'name' | 'categoryCode' | 'channels';

/**
 * A campaign draft as `POST /admin/v1/campaigns` takes it: code, name,
 * category, offer and channels are required, everything else has the API's
 * default (control share 10%, lapse k 150%, cool-down 60 days, …).
 */
export type CampaignDraft = Pick<CampaignDesign, RequiredDesign> & {
    offer: Omit<CampaignDesign['offer'], 'validDays' | 'bonusLifetimeDays'> &
        Partial<Pick<CampaignDesign['offer'], 'validDays' | 'bonusLifetimeDays'>>;
} & Partial<Omit<CampaignDesign, RequiredDesign | 'offer'>>;

/** {@link StoreInput} as the facade checks it. */
export const storeInput = Joi.object<StoreInput>({
    code: Joi.string().min(1).max(64).required(),
    name: Joi.string().min(1).max(255).required(),
    timezone: Joi.string().min(1).max(64).allow(null).default(null),
});

/** {@link PosKeyInput} as the facade checks it. */
export const posKeyInput = Joi.object<PosKeyInput>({
    storeCode: Joi.string().min(1).max(64).required(),
    label: Joi.string().max(255).allow(null).default(null),
});

/** {@link AdminUserInput}'s shape (the service checks the username, role and password rules). */
export const adminUserInput = Joi.object<AdminUserInput>({
    username: Joi.string().required(),
    password: Joi.string().required(),
    role: Joi.string().required(),
    displayName: Joi.string().max(255).allow(null).default(null),
});
