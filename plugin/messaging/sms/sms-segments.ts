import smsSegments from 'sms-segments-calculator';

/** How an SMS text is encoded on the air. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** What a text costs in SMS segments. */
export interface SegmentCount {
    encoding: SmsEncoding;
    /** Segments billed: 1 up to 160 GSM-7 septets or 70 UCS-2 units; 153 / 67 per segment above. */
    segments: number;
    /** Characters (graphemes) in the text. */
    characters: number;
    /** The characters that force UCS-2 (empty for GSM-7 texts). */
    unicodeCharacters: string[];
}

/**
 * Counts the SMS segments of a text: GSM-7 160/153, UCS-2 70/67, GSM
 * extension characters (`€ [ ] { } \ ^ ~ |`) counting twice. Uses Twilio's
 * maintained calculator (grapheme-aware, user-data-header aware) behind
 * Refill's own function, so the library can be swapped without touching
 * callers. Smart encoding is off: what is counted is what is sent.
 */
export function countSegments(text: string): SegmentCount {
    const message = new smsSegments.SegmentedMessage(text, 'auto', false);
    return {
        encoding: message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2',
        segments: text.length === 0 ? 0 : message.segmentsCount,
        characters: [...text].length,
        unicodeCharacters: message.getNonGsmCharacters(),
    };
}
