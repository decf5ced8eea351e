import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import { GLOBAL_CONTROL_SETTING, parseGlobalControl, type GlobalControl } from '../../campaigns/index.js';
import type { ActiveChainsQuery, LiveChain } from '../repositories/active-chains.query.js';

/** How long the live chains and the global control setting are kept, ms (a sale must not read them each time). */
export const LIVE_CHAINS_TTL_MS = 2000;

/**
 * The live chains (active and paused, parsed) and the global control group
 * setting, read at most every {@link LIVE_CHAINS_TTL_MS} (wall time): the
 * POS commit consults them on every sale. {@link invalidate} drops them at
 * once (after an editor's save, in tests).
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
    async live(): Promise<LiveChain[]> {
        return (await this.load()).list;
    }

    /** A live chain by id (undefined: draft, archived or gone). */
    async byId(id: number): Promise<LiveChain | undefined> {
        return (await this.load()).byId.get(id);
    }

    /** The program's global control group (null: off). */
    async globalControl(): Promise<GlobalControl | null> {
        const now = Date.now();
        if (!this.control || now - this.control.at >= this.ttlMs)
            this.control = {
                at: now,
                value: parseGlobalControl(await this.settings.get(GLOBAL_CONTROL_SETTING)),
            };
        return this.control.value;
    }

    /** Forgets what was read: the next call reads again. */
    invalidate(): void {
        this.chains = null;
        this.control = null;
    }

    private async load(): Promise<NonNullable<LiveChainsCache['chains']>> {
        const now = Date.now();
        if (!this.chains || now - this.chains.at >= this.ttlMs) {
            const list = await this.query.live();
            this.chains = { at: now, list, byId: new Map(list.map((c) => [c.id, c])) };
        }
        return this.chains;
    }
}
