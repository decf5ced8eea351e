import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (`+79161234567`), reading numbers
 * without a country code as numbers of `defaultCountry`. Returns null for
 * anything that is not a valid number.
 */
export function normalisePhone(input: string, defaultCountry: string): string | null {
    const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
    return parsed?.isValid() ? parsed.number : null;
}
