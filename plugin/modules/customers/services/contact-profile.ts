import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CustomerProfile } from '../repositories/customer.repository.js';
import { normalisePhone } from '../rules/phone.js';

/** Contact fields a till or the store desk sets. Absent fields stay as they are; null clears. */
export type ContactChanges = Pick<
    CustomerProfile,
    'phone' | 'email' | 'name' | 'timezone' | 'locale' | 'telegramChatId' | 'pushToken' | 'birthDate'
>;

/**
 * The profile fields to write for contact changes: the phone as E.164 (an
 * invalid one is a 400 on `phone`), the email in lower case, the rest as given.
 */
export function contactProfile(changes: ContactChanges, defaultCountry: string): CustomerProfile {
    const profile: CustomerProfile = {};
    if (changes.phone !== undefined) {
        const phone = changes.phone === null ? null : normalisePhone(changes.phone, defaultCountry);
        if (changes.phone !== null && !phone)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'phone', message: 'is not a valid phone number' },
            ]);
        profile.phone = phone;
    }
    if (changes.email !== undefined) profile.email = changes.email?.toLowerCase() ?? null;
    for (const field of ['name', 'timezone', 'locale', 'telegramChatId', 'pushToken', 'birthDate'] as const)
        if (changes[field] !== undefined) profile[field] = changes[field];
    return profile;
}
