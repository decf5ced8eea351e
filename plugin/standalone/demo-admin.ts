import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';

/** The demo admin's username. */
export const DEMO_ADMIN_USERNAME = 'admin';

/** The demo admin of a standalone server: where the credentials are, and the password on the start that made it. */
export interface DemoAdmin {
    username: string;
    /** The credentials file (mode 0600). */
    file: string;
    /** The generated password, only on the start that created the user; null afterwards. */
    password: string | null;
}

/**
 * Creates the demo chain's admin user `admin` with a random password (never
 * a fixed one) and writes the credentials to `file` (mode 0600). Called on
 * the first start, right after the demo chain is seeded.
 */
export async function createDemoAdmin(refill: Refill, file: string): Promise<DemoAdmin> {
    const password = randomBytes(18).toString('base64url');
    await refillInternals(refill).services.adminAuth.createUser(
        DEMO_ADMIN_USERNAME,
        password,
        'admin',
        'standalone',
        'Demo admin',
    );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `username: ${DEMO_ADMIN_USERNAME}\npassword: ${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { username: DEMO_ADMIN_USERNAME, file, password };
}

/** The demo admin of a later start: where the credentials file is, if it is still there. */
export function existingDemoAdmin(file: string): DemoAdmin | null {
    return existsSync(file) ? { username: DEMO_ADMIN_USERNAME, file, password: null } : null;
}

/** The start-up banner's lines about the admin UI and the demo admin. */
export function adminBanner(url: string, admin: DemoAdmin | null): string[] {
    const lines = [`  Admin UI: ${url}/admin/`];
    if (admin?.password)
        lines.push(
            `  Demo admin: ${admin.username} / ${admin.password}  (saved in ${admin.file}, mode 0600; shown only now)`,
        );
    else if (admin) lines.push(`  Demo admin credentials: ${admin.file}`);
    return lines;
}
