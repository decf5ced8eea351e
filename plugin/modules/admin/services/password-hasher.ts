import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
    new Promise<Buffer>((ok, fail) =>
        scrypt(password, salt, keylen, options, (err, key) => (err ? fail(err) : ok(key))),
    );

/** scrypt cost parameters (N=2^15, r=8, p=1: about 30 ms and 32 MB per hash). */
const PARAMS = { N: 32768, r: 8, p: 1 };

/**
 * Hashes and checks admin passwords with scrypt from Node's own crypto (a
 * memory-hard KDF; no native add-on needed). Hashes are self-describing:
 * `scrypt$N$r$p$salt$key` in base64url, so the cost can be raised later.
 */
export const passwordHasher = {
    /** Hashes a password with a fresh random salt. */
    async hash(password: string): Promise<string> {
        const salt = randomBytes(16);
        const key = await scryptAsync(password, salt, 32, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
        return [
            'scrypt',
            PARAMS.N,
            PARAMS.r,
            PARAMS.p,
            salt.toString('base64url'),
            key.toString('base64url'),
        ].join('$');
    },

    /** Checks a password against a stored hash, in constant time. */
    async verify(password: string, stored: string): Promise<boolean> {
        const [scheme, n, r, p, salt, key] = stored.split('$');
        if (scheme !== 'scrypt' || !salt || !key) return false;
        const expected = Buffer.from(key, 'base64url');
        const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
            N: Number(n),
            r: Number(r),
            p: Number(p),
            maxmem: 256 * 1024 * 1024,
        });
        return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
};
