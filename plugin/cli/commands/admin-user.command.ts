import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { normaliseUsername } from '../../modules/admin/index.js';
import { ADMIN_ROLES, isAdminRole, type AdminRole } from '../../kernel/vocabulary/admin-roles.js';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

const ROLES_TEXT = ADMIN_ROLES.join(', ');

/** Reads all of stdin (for --password-stdin). */
async function readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
}

/** `refill admin-user create|list` and `refill admin-token create|revoke` */
export function registerAdminUserCommands(program: Command, ctx: CliContext): void {
    const users = program.command('admin-user').description('manage users of the admin API and UI');
    users
        .command('create <username>')
        .description(
            'create a user (the username is trimmed and lower-cased); without --password-stdin a random password is generated and printed once',
        )
        .requiredOption('--role <role>', ROLES_TEXT)
        .option(
            '--stores <codes>',
            'a manager’s stores, comma-separated store codes (required for a manager)',
        )
        .option('--name <display-name>', 'shown in the admin UI')
        .option('--password-stdin', 'read the password from stdin')
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(
            async (
                username: string,
                opts: {
                    role: AdminRole;
                    stores?: string;
                    name?: string;
                    passwordStdin?: boolean;
                    actor: string;
                },
            ) => {
                if (!isAdminRole(opts.role)) throw new Error(`--role: ${ROLES_TEXT}`);
                const password = opts.passwordStdin
                    ? await readStdin()
                    : randomBytes(12).toString('base64url');
                await ctx.withRefill(program, async (refill) => {
                    const { adminUsers, stores } = refillInternals(refill).services;
                    const codes = (opts.stores ?? '')
                        .split(',')
                        .map((c) => c.trim())
                        .filter(Boolean);
                    const storeIds = [];
                    for (const code of codes) storeIds.push((await stores.get(code)).id);
                    await adminUsers.create(
                        { username, password, role: opts.role, displayName: opts.name ?? null, storeIds },
                        opts.actor,
                    );
                });
                ctx.io.out(`admin user ${normaliseUsername(username)} (${opts.role}) created`);
                if (!opts.passwordStdin) ctx.io.out(`password (shown once): ${password}`);
            },
        );
    users
        .command('list')
        .description('list users')
        .action(async () => {
            await ctx.withRefill(program, async (refill) => {
                for (const u of await refillInternals(refill).services.adminAuth.listUsers())
                    ctx.io.out(
                        `${u.username}\t${u.role}\t${u.disabledAt ? 'disabled' : 'active'}\t${u.lastLoginAt?.toISOString() ?? 'never signed in'}`,
                    );
            });
        });
    const tokens = program
        .command('admin-token')
        .description('API tokens for the admin API (Authorization: Bearer …)');
    tokens
        .command('create <name>')
        .description('create a token; it is printed once and stored only as a hash')
        .requiredOption('--role <role>', ROLES_TEXT)
        .option(
            '--user <username>',
            'the person the token acts for (without it the token has no person and cannot approve large sends)',
        )
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(async (name: string, opts: { role: AdminRole; user?: string; actor: string }) => {
            if (!isAdminRole(opts.role)) throw new Error(`--role: ${ROLES_TEXT}`);
            await ctx.withRefill(program, async (refill) => {
                const token = await refillInternals(refill).services.adminTokens.create(
                    name,
                    opts.role,
                    opts.actor,
                    opts.user ?? null,
                );
                ctx.io.out(
                    `admin token ${name} (${opts.role}) created${opts.user ? ` for ${normaliseUsername(opts.user)}` : ', bound to no person'}`,
                );
                ctx.io.out(`token (shown once): ${token}`);
            });
        });
    tokens
        .command('revoke <name>')
        .description('revoke a token')
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(async (name: string, opts: { actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                await refillInternals(refill).services.adminTokens.revoke(name, opts.actor);
                ctx.io.out(`admin token ${name} revoked`);
            });
        });
}
