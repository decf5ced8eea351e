import * as iuliia from 'iuliia';
import { foldToGsm7 } from './gsm7-fold.js';
import { countSegments, type SegmentCount } from './sms-segments.js';

/**
 * Named Cyrillic → Latin schemes that give plain ASCII (so the result can
 * travel as GSM-7), through the iuliia library's standard tables: ICAO Doc
 * 9303 (passports), GOST R 52535.1-2006, MVD 782, Wikipedia, Yandex Maps.
 * (GOST 7.79 system A uses diacritics such as `ŝ` and would stay UCS-2.)
 */
export const TRANSLIT_SCHEMES = {
    icao_doc_9303: iuliia.ICAO_DOC_9303,
    gost_52535: iuliia.GOST_52535,
    mvd_782: iuliia.MVD_782,
    wikipedia: iuliia.WIKIPEDIA,
    yandex_maps: iuliia.YANDEX_MAPS,
} as const;

/** One of {@link TRANSLIT_SCHEMES}. */
export type TranslitScheme = keyof typeof TRANSLIT_SCHEMES;

/**
 * Transliterates a text for GSM-7: Cyrillic letters by a named scheme, and
 * every typographic character the templates and their helpers print (the
 * no-break spaces of `1 200`, `₽`, `«»`, `—`, `№`, `…`) by its GSM-7
 * equivalent (see {@link foldToGsm7}). The typography is folded first, so
 * the scheme's word-boundary rules see plain spaces. Characters without an
 * equivalent (emoji, other scripts) are kept, and the text stays UCS-2.
 */
export function transliterate(text: string, scheme: TranslitScheme): string {
    return iuliia.translate(foldToGsm7(text), TRANSLIT_SCHEMES[scheme]);
}

/** The variant of an SMS that will be sent, with what both variants cost. */
export interface SmsVariant extends SegmentCount {
    text: string;
    transliterated: boolean;
    original: SegmentCount;
    /** The transliterated candidate, when the template opted in. */
    candidate: (SegmentCount & { text: string }) | null;
}

/**
 * Chooses what to send: with transliteration opted in (per template:
 * operators match registered Cyrillic templates, so it is never on by
 * default), both variants are counted after conversion and the one with
 * fewer segments wins; on a tie the original text is kept.
 */
export function cheaperVariant(
    text: string,
    options: { transliterate: boolean; scheme?: TranslitScheme } = { transliterate: false },
): SmsVariant {
    const original = countSegments(text);
    if (!options.transliterate)
        return { ...original, text, transliterated: false, original, candidate: null };
    const latin = transliterate(text, options.scheme ?? 'icao_doc_9303');
    const candidate = { ...countSegments(latin), text: latin };
    return candidate.segments < original.segments
        ? { ...candidate, transliterated: true, original, candidate }
        : { ...original, text, transliterated: false, original, candidate };
}

/** The cost of an SMS: segments × price per segment, integer minor units. */
export function smsCost(segments: number, pricePerSegment: number): number {
    return segments * pricePerSegment;
}
