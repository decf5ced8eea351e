import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefillError } from '../../../plugin/kernel/errors/refill-error.js';
import { GLOBAL_CONTROL_SETTING } from '../../../plugin/modules/campaigns/index.js';
import {
    ChainAdminService,
    ChainReportQuery,
    ChainRepository,
    GlobalControlService,
    ProgramRevenueQuery,
} from '../../../plugin/modules/chains/index.js';
import { engines } from '../../helpers/test-database.js';
import {
    insertRun,
    startChainTestRefill,
    testChainDesign,
    type ChainTestRefill,
} from './chain-admin.fixture.js';

/*
 * Write paths of the chains admin racing each other (on MariaDB they run on
 * separate connections): two editors saving over the same version, an edit
 * racing an archive, and two first-time settings of the global control
 * group. Each time exactly one wins and the state stays whole.
 */
describe.each(engines)('chains admin writes racing on %s', (engine) => {
    let t: ChainTestRefill;
    let admin: ChainAdminService;
    let control: GlobalControlService;
    const now = () => new Date('2026-03-01T10:00:00.000Z');

    beforeAll(async () => {
        t = await startChainTestRefill(engine, 'chain_admin_race');
        const db = t.internals.database;
        const audit = t.internals.repositories.audit;
        admin = new ChainAdminService(
            db,
            { audit, chains: new ChainRepository(db), figures: new ChainReportQuery(db) },
            t.internals.services.catalog,
            now,
        );
        control = new GlobalControlService(
            db,
            { audit, settings: t.internals.repositories.settings, revenue: new ProgramRevenueQuery(db) },
            now,
        );
    }, 60_000);
    afterAll(async () => t?.close());

    const outcome = (p: Promise<unknown>) =>
        p.then(
            () => 'ok',
            (e: unknown) => (e instanceof RefillError ? e.code : String(e)),
        );

    it('saves one of two edits over the same version; the other answers 409', async () => {
        for (let round = 0; round < 5; round++) {
            const key = `race-${round}`;
            const { id } = await admin.create(testChainDesign({ key }), 'a');
            const results = await Promise.all(
                ['first', 'second'].map((name) =>
                    outcome(admin.update(id, testChainDesign({ key, name }), 1, name)),
                ),
            );
            expect(results.sort()).toEqual(['REFILL_CONFLICT', 'ok']);
            const chain = await admin.get(id);
            expect(chain.version).toBe(2);
            const [{ n }] = await t.internals.database.all<{ n: unknown }>(
                `SELECT COUNT(*) AS n FROM refill_audit_log WHERE action = 'chain.update' AND entity_id = ?`,
                [String(id)],
            );
            expect(Number(n)).toBe(1);
        }
    });

    it('never leaves an archived chain edited, nor open runs on an archived chain', async () => {
        for (let round = 0; round < 5; round++) {
            const key = `archive-race-${round}`;
            const { id } = await admin.create(testChainDesign({ key }), 'a');
            await admin.activate(id, 'a');
            await insertRun(t.internals, {
                chainId: id,
                customerId: 100 + round,
                group: 'test',
                status: 'waiting',
                stepId: 'wait',
                enteredAt: now(),
            });
            const [edit, archive] = await Promise.all([
                outcome(admin.update(id, testChainDesign({ key, name: 'edited' }), 1, 'editor')),
                outcome(admin.archive(id, 'replaced by another', 'archivist')),
            ]);
            expect(archive).toBe('ok');
            const chain = await admin.get(id);
            expect(chain.status).toBe('archived');
            // The edit either landed before the archive (version 2) or was refused after it.
            expect(['ok', 'REFILL_CONFLICT']).toContain(edit);
            expect(chain.version).toBe(edit === 'ok' ? 2 : 1);
            const open = await t.internals.database.all(
                `SELECT id FROM refill_chain_runs WHERE chain_id = ? AND status IN ('active', 'waiting')`,
                [id],
            );
            expect(open).toEqual([]);
        }
    });

    it('creates the global control group’s seed once when two first settings race', async () => {
        await t.internals.database.run(`DELETE FROM refill_settings WHERE name = ?`, [
            GLOBAL_CONTROL_SETTING,
        ]);
        await Promise.all([control.set(500, 'a'), control.set(700, 'b')]);
        const stored = JSON.parse((await t.internals.repositories.settings.get(GLOBAL_CONTROL_SETTING))!);
        expect([500, 700]).toContain(stored.shareBp);
        const audits = await t.internals.database.all<{ details: string }>(
            `SELECT details FROM refill_audit_log WHERE action = 'program.global_control' ORDER BY id`,
        );
        const moves = audits.map((a) => JSON.parse(a.details) as { from: number; to: number });
        // Serialised: the second change starts from what the first one stored.
        expect(moves).toHaveLength(2);
        expect(moves[0].from).toBe(0);
        expect(moves[1].from).toBe(moves[0].to);
        await control.set(900, 'c');
        expect(JSON.parse((await t.internals.repositories.settings.get(GLOBAL_CONTROL_SETTING))!).seed).toBe(
            stored.seed,
        );
    });
});
