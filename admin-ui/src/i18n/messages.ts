import coreEn from './en.json';
import coreRu from './ru.json';
import campaignEn from './pages/campaign.en.json';
import campaignRu from './pages/campaign.ru.json';
import campaignsEn from './pages/campaigns.en.json';
import campaignsRu from './pages/campaigns.ru.json';
import chainsEn from './pages/chains.en.json';
import chainsRu from './pages/chains.ru.json';
import categoriesEn from './pages/categories.en.json';
import categoriesRu from './pages/categories.ru.json';
import messagingEn from './pages/messaging.en.json';
import messagingRu from './pages/messaging.ru.json';
import templatesEn from './pages/templates.en.json';
import templatesRu from './pages/templates.ru.json';
import lifecycleEn from './pages/lifecycle.en.json';
import lifecycleRu from './pages/lifecycle.ru.json';
import segmentsEn from './pages/segments.en.json';
import segmentsRu from './pages/segments.ru.json';

/*
 * The shell's strings live in en.json and ru.json; each area of the
 * marketer's workspace keeps its own pair under pages/ (ids prefixed with the
 * area), so the files stay readable and two areas never edit the same file.
 */
const en = {
    ...coreEn,
    ...campaignEn,
    ...campaignsEn,
    ...chainsEn,
    ...categoriesEn,
    ...messagingEn,
    ...templatesEn,
    ...lifecycleEn,
    ...segmentsEn,
};
const ru = {
    ...coreRu,
    ...campaignRu,
    ...campaignsRu,
    ...chainsRu,
    ...categoriesRu,
    ...messagingRu,
    ...templatesRu,
    ...lifecycleRu,
    ...segmentsRu,
};

/** The UI's languages; Russian first (the chains' staff), English second. */
export const LOCALES = ['ru', 'en'] as const;

/** One UI language. */
export type Locale = (typeof LOCALES)[number];

/** A message id: every visible string is one (en.json and ru.json hold the same ids). */
export type MessageId = keyof typeof en;

/** The ICU messages per locale. */
export const MESSAGES: Record<Locale, Record<MessageId, string>> = { en, ru };

const STORAGE_KEY = 'refill.admin.locale';

/** Whether `id` is a message id (for ids built from data, such as `campaignStatus.${status}`). */
export function isMessageId(id: string): id is MessageId {
    return id in MESSAGES.en;
}

/** Whether `value` names a UI language. */
export function isLocale(value: unknown): value is Locale {
    return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen last in this browser, else the browser's if we have it, else Russian. */
export function initialLocale(): Locale {
    try {
        const stored = window.localStorage.getItem(STORAGE_KEY);
        if (isLocale(stored)) return stored;
    } catch {
        // Storage blocked (private mode, policy): fall through.
    }
    const browser = window.navigator.language.slice(0, 2);
    return isLocale(browser) ? browser : 'ru';
}

/** Remembers the chosen language in localStorage. */
export function storeLocale(locale: Locale): void {
    try {
        window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
        // Storage blocked: the choice lasts until the page reloads.
    }
}
