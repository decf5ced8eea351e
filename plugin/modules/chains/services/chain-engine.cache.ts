import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import { GLOBAL_CONTROL_SETTING, parseGlobalControl, type GlobalControl } from '../../campaigns/index.js';
import type { ActiveChainsQuery, LiveChain } from '../repositories/active-chains.query.js';

/** How long the live chains and the global control setting are kept, ms (a sale must not read them each time). */
export const LIVE_CHAINS_TTL_MS = 2000;

/**
 * The live chains (active and paused, parsed) and the global control group
 * setting, read at most every {@link LIVE_CHAINS_TTL_MS} (wall time): the
 * POS commit consults them on every sale. {@link invalidate} drops them at
 * once (after an editor's save, in tests). A caller inside a transaction
 * passes it, so a refresh reads on that connection instead of borrowing a
 * second one from the pool while it holds the first (a sale on a pool of one
 * would wait for itself).
 */
export class LiveChainsCache {
    private chains: { at: number; list: LiveChain[]; byId: Map<number, LiveChain> } | null = null;
    private control: { at: number; value: GlobalControl | null } | null = null;

    constructor(
        private readonly query: Pick<ActiveChainsQuery, 'live'>,
        private readonly settings: Pick<SettingRepository, 'get'>,
        private readonly ttlMs = LIVE_CHAINS_TTL_MS,
    ) {}

    /** Active and paused chains, by priority then id. */
    async live(exec?: SqlExecutor): Promise<LiveChain[]> {
        return (await this.load(exec)).list;
    }

    /** A live chain by id (undefined: draft, archived or gone). */
    async byId(id: number, exec?: SqlExecutor): Promise<LiveChain | undefined> {
        return (await this.load(exec)).byId.get(id);
    }

    /** The program's global control group (null: off). */
    async globalControl(exec?: SqlExecutor): Promise<GlobalControl | null> {
        const now = Date.now();
        if (!this.control || now - this.control.at >= this.ttlMs) {
            const stored = exec
                ? ((
                      await exec.all<{ value: string }>('SELECT value FROM refill_settings WHERE name = ?', [
                          GLOBAL_CONTROL_SETTING,
                      ])
                  )[0]?.value ?? null)
                : await this.settings.get(GLOBAL_CONTROL_SETTING);
            this.control = { at: now, value: parseGlobalControl(stored) };
        }
        return this.control.value;
    }

    /** Forgets what was read: the next call reads again. */
    invalidate(): void {
        this.chains = null;
        this.control = null;
    }

    private async load(exec?: SqlExecutor): Promise<NonNullable<LiveChainsCache['chains']>> {
        const now = Date.now();
        if (!this.chains || now - this.chains.at >= this.ttlMs) {
            const list = await this.query.live(exec);
            this.chains = { at: now, list, byId: new Map(list.map((c) => [c.id, c])) };
        }
        return this.chains;
    }
}
