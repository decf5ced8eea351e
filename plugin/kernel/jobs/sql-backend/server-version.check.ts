import { RefillConfigError } from '../../errors/refill-error.js';

/** A database server's product and version. */
export interface ServerVersion {
    product: 'MySQL' | 'MariaDB';
    major: number;
    minor: number;
    patch: number;
}

/** Reads `SELECT VERSION()` text such as `8.0.36` or `10.11.19-MariaDB-0+deb12u1`. */
export function parseServerVersion(text: string): ServerVersion {
    const match = /(\d+)\.(\d+)\.(\d+)/.exec(text.replace(/^5\.5\.5-/, ''));
    if (!match)
        throw new RefillConfigError(
            'dataSource',
            `cannot read the server version "${text}"`,
            'Use MySQL ≥ 8.0.1 or MariaDB ≥ 10.6.',
        );
    return {
        product: /mariadb/i.test(text) ? 'MariaDB' : 'MySQL',
        major: Number(match[1]),
        minor: Number(match[2]),
        patch: Number(match[3]),
    };
}

/**
 * Refuses servers without `SELECT … FOR UPDATE SKIP LOCKED`, which the job
 * claim needs: MySQL before 8.0.1 and MariaDB before 10.6.
 */
export function assertClaimCapableServer(text: string): ServerVersion {
    const v = parseServerVersion(text);
    const [needMajor, needMinor, needPatch] = v.product === 'MariaDB' ? [10, 6, 0] : [8, 0, 1];
    const older =
        v.major !== needMajor
            ? v.major < needMajor
            : v.minor !== needMinor
              ? v.minor < needMinor
              : v.patch < needPatch;
    if (older)
        throw new RefillConfigError(
            'dataSource',
            `${v.product} ${v.major}.${v.minor}.${v.patch} cannot run Refill's job backend (it needs SELECT … FOR UPDATE SKIP LOCKED)`,
            'Upgrade to MySQL ≥ 8.0.1 or MariaDB ≥ 10.6, or pass your own Agenda instance.',
        );
    return v;
}
