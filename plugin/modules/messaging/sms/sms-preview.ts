import type { SmsEncoding } from './sms-segments.js';
import { cheaperVariant, transliterate, type TranslitScheme } from './sms-transliteration.js';
import { countSegments } from './sms-segments.js';

/** The scheme a preview shows the transliterated variant in when the template names none. */
export const DEFAULT_TRANSLIT_SCHEME: TranslitScheme = 'icao_doc_9303';

/** What one variant of an SMS costs. */
export interface SmsVariantCost {
    text: string;
    segments: number;
    encoding: SmsEncoding;
    characters: number;
}

/** What an SMS costs as it would be sent, with both variants. */
export interface SmsPreview {
    /** The text that would be sent: the transliterated one when the template opted in and it is cheaper. */
    text: string;
    segments: number;
    encoding: SmsEncoding;
    characters: number;
    /** Whether the transliterated text is what would be sent. */
    transliterated: boolean;
    /** The scheme the template opted into (`{{!-- transliterate: … --}}`), else null. */
    scheme: TranslitScheme | null;
    original: { segments: number; encoding: SmsEncoding };
    /** The transliterated candidate the sender weighs (only when the template opted in). */
    candidate: { text: string; segments: number; encoding: SmsEncoding } | null;
    /**
     * Both variants whatever the template says: the text as it is, and
     * transliterated by the template's scheme (else {@link DEFAULT_TRANSLIT_SCHEME}),
     * so an editor can show what switching transliteration on or off would cost.
     */
    variants: { asIs: SmsVariantCost; transliterated: SmsVariantCost & { scheme: TranslitScheme } };
}

function cost(text: string): SmsVariantCost {
    const c = countSegments(text);
    return { text, segments: c.segments, encoding: c.encoding, characters: c.characters };
}

/**
 * The SMS preview of a rendered text: what the sender would send (the
 * cheaper variant when the template opted into `scheme`, as
 * {@link cheaperVariant} decides at send time) and what both variants cost.
 */
export function smsPreview(text: string, scheme: TranslitScheme | undefined): SmsPreview {
    const v = cheaperVariant(text, { transliterate: scheme !== undefined, scheme });
    const latinScheme = scheme ?? DEFAULT_TRANSLIT_SCHEME;
    return {
        text: v.text,
        segments: v.segments,
        encoding: v.encoding,
        characters: v.characters,
        transliterated: v.transliterated,
        scheme: scheme ?? null,
        original: { segments: v.original.segments, encoding: v.original.encoding },
        candidate: v.candidate
            ? { text: v.candidate.text, segments: v.candidate.segments, encoding: v.candidate.encoding }
            : null,
        variants: {
            asIs: cost(text),
            transliterated: { ...cost(transliterate(text, latinScheme)), scheme: latinScheme },
        },
    };
}
