import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RefillLogger } from '../../../plugin/index.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

/** One call a host's logger received. */
interface LoggedLine {
    level: 'debug' | 'info' | 'warn' | 'error';
    fields: Record<string, unknown>;
    message?: string;
}

/** A host's own logger: a plain object with the four methods and `child`, nothing from pino. */
function plainLogger(lines: LoggedLine[], bindings: Record<string, unknown> = {}): RefillLogger {
    const at =
        (level: LoggedLine['level']) =>
        (fields: object, message?: string): void => {
            lines.push({ level, fields: { ...bindings, ...fields }, message });
        };
    return {
        debug: at('debug'),
        info: at('info'),
        warn: at('warn'),
        error: at('error'),
        child: (more) => plainLogger(lines, { ...bindings, ...more }),
    };
}

describe('options.logger', () => {
    it('takes a pino logger as it is', () => {
        const viaPino: RefillLogger = pino({ level: 'silent' });
        expect(() => viaPino.child({ component: 'refill' }).info({ n: 1 }, 'fits')).not.toThrow();
    });
});

describe.each(engines)('a host logger that is a plain object, on %s', (engine) => {
    const lines: LoggedLine[] = [];
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'host_logger', { logger: plainLogger(lines) });
    });
    afterAll(async () => t?.close());

    it('gets the start-up lines with their fields and messages', () => {
        const applied = lines.find((l) => l.message === 'applied Refill migrations');
        expect(applied).toMatchObject({ level: 'info', fields: { applied: expect.any(Array) } });
        expect((applied!.fields.applied as string[]).length).toBeGreaterThan(0);
    });

    it('gets an unexpected request error as one error line with the safe error', async () => {
        const { purchases } = t.internals.services;
        const spy = vi.spyOn(purchases, 'preview').mockRejectedValueOnce(new Error('boom 2000000000001'));
        try {
            const res = await request(createApp(t.refill))
                .post('/pos/v1/receipts/preview')
                .set('Authorization', `Bearer ${t.key}`)
                .send({
                    cardNumber: '2000001',
                    lines: [{ sku: 'X', name: 'X', quantity: 1, amount: 100 }],
                    redeem: 0,
                });
            expect(res.status).toBe(500);
        } finally {
            spy.mockRestore();
        }
        const failed = lines.filter((l) => l.level === 'error');
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({
            message: 'unexpected error',
            fields: { err: { name: 'Error', message: 'boom [number]' }, method: 'POST' },
        });
    });
});
