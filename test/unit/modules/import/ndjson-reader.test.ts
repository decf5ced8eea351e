import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readNdjson } from '../../../../plugin/modules/import/ndjson-reader.js';
import { collect, fixtureDir } from './import-fixtures.js';

describe('NDJSON history reader', () => {
    const files = fixtureDir();
    afterAll(() => files.cleanup());

    it('yields customers and receipts with their line numbers and dates as UTC Dates', async () => {
        const path = files.write(
            'history.ndjson',
            '\uFEFF' +
                [
                    JSON.stringify({
                        type: 'customer',
                        cardNumber: '1000001',
                        enrolledAt: '2024-05-01',
                        consents: { sms: { granted: true, at: '2024-05-01T09:30:00+03:00' } },
                        openingBalance: 1500,
                    }),
                    '',
                    JSON.stringify({
                        type: 'receipt',
                        receiptId: 'R-1',
                        cardNumber: '1000001',
                        storeCode: 'S1',
                        purchasedAt: '2025-01-02 10:15:00',
                        lines: [{ sku: 'A', name: 'a', quantity: 1.5, amount: 1200 }],
                    }),
                ].join('\r\n') +
                '\n',
        );
        const records = await collect(readNdjson(path));
        expect(records).toHaveLength(2);
        expect(records[0]).toMatchObject({
            type: 'customer',
            line: 1,
            enrolledAt: new Date('2024-05-01T00:00:00Z'),
            consents: { sms: { granted: true, at: new Date('2024-05-01T06:30:00Z') } },
            openingBalance: 1500,
        });
        expect(records[1]).toMatchObject({
            type: 'receipt',
            line: 3,
            purchasedAt: new Date('2025-01-02T10:15:00Z'),
            lines: [{ sku: 'A', quantity: 1.5, amount: 1200 }],
        });
    });

    it('turns lines that are not JSON objects into unreadable records and goes on', async () => {
        const input = Readable.from([
            '{"type":"receipt"\n',
            '[1,2]\n',
            'null\n',
            '{"type":"customer","cardNumber":"1234"}\n',
        ]);
        const records = await collect(readNdjson(input));
        expect(records.map((r) => r.type)).toEqual(['unreadable', 'unreadable', 'unreadable', 'customer']);
        expect(records[0]).toEqual({ type: 'unreadable', line: 1, message: 'is not valid JSON' });
        expect(records[1]).toMatchObject({ line: 2, message: 'is not a JSON object' });
    });

    it('leaves a date it cannot read invalid, for validation to reject', async () => {
        const [record] = await collect(
            readNdjson(Readable.from([JSON.stringify({ type: 'receipt', purchasedAt: 'yesterday' })])),
        );
        expect(Number.isNaN((record as { purchasedAt: Date }).purchasedAt.getTime())).toBe(true);
    });
});
