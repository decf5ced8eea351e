import { afterAll, describe, expect, it } from 'vitest';
import { readHistoryCsv } from '../../../../plugin/modules/import/history-csv-reader.js';
import { RefillError } from '../../../../plugin/kernel/errors/refill-error.js';
import { collect, fixtureDir } from './import-fixtures.js';

describe('history CSV reader', () => {
    const files = fixtureDir();
    afterAll(() => files.cleanup());

    it('reads a customers file: empty cells are absent, consents 1/0, the opening balance as a number', async () => {
        const path = files.write(
            'customers.csv',
            [
                'card_number,phone,email,name,timezone,home_store,enrolled_at,consent_sms,consent_email,consent_push,consent_telegram,consent_viber,consent_whatsapp,opening_balance',
                '1000001,+79161234567,a@example.com,"Ivanova, Anna",Europe/Moscow,S1,2024-05-01,1,0,,,,,1500',
                '1000002,,,,,,,,,,,,,',
            ].join('\n'),
        );
        const records = await collect(readHistoryCsv(path));
        expect(records[0]).toEqual({
            type: 'customer',
            line: 2,
            cardNumber: '1000001',
            phone: '+79161234567',
            email: 'a@example.com',
            name: 'Ivanova, Anna',
            timezone: 'Europe/Moscow',
            homeStore: 'S1',
            enrolledAt: new Date('2024-05-01T00:00:00Z'),
            consents: { sms: { granted: true }, email: { granted: false } },
            openingBalance: 1500,
        });
        expect(records[1]).toEqual({ type: 'customer', line: 3, cardNumber: '1000002' });
    });

    it('rejects a consent cell that is not 1, 0 or empty', async () => {
        const path = files.write('bad-consent.csv', 'card_number,consent_sms\n1000001,maybe\n');
        expect(await collect(readHistoryCsv(path))).toEqual([
            { type: 'unreadable', line: 2, message: 'consent_sms must be 1, 0 or empty' },
        ]);
    });

    it('groups consecutive rows of one receipt id into one receipt', async () => {
        const path = files.write(
            'receipts.csv',
            [
                'receipt_id,card_number,store_code,purchased_at,sku,name,atc,quantity,amount',
                'R-1,1000001,S1,2025-01-02T10:15:00Z,LOS-50,Losartan,C09CA01,1,45000',
                'R-1,1000001,S1,2025-01-02T10:15:00Z,VIT-C,"Vitamin C, 500 mg",,0.5,1200',
                'R-2,1000002,S2,2025-01-03 09:00,LOS-50,Losartan,,2,90000',
            ].join('\n'),
        );
        const records = await collect(readHistoryCsv(path));
        expect(records).toEqual([
            {
                type: 'receipt',
                line: 2,
                receiptId: 'R-1',
                cardNumber: '1000001',
                storeCode: 'S1',
                purchasedAt: new Date('2025-01-02T10:15:00Z'),
                lines: [
                    { sku: 'LOS-50', name: 'Losartan', atc: 'C09CA01', quantity: 1, amount: 45000 },
                    { sku: 'VIT-C', name: 'Vitamin C, 500 mg', atc: null, quantity: 0.5, amount: 1200 },
                ],
            },
            {
                type: 'receipt',
                line: 4,
                receiptId: 'R-2',
                cardNumber: '1000002',
                storeCode: 'S2',
                purchasedAt: new Date('2025-01-03T09:00:00Z'),
                lines: [{ sku: 'LOS-50', name: 'Losartan', atc: null, quantity: 2, amount: 90000 }],
            },
        ]);
    });

    it('makes rows of one receipt that disagree, or have the wrong field count, unreadable', async () => {
        const path = files.write(
            'mixed.csv',
            [
                'receipt_id,card_number,store_code,purchased_at,sku,name,atc,quantity,amount',
                'R-1,1000001,S1,2025-01-02T10:15:00Z,A,a,,1,100',
                'R-1,1000009,S1,2025-01-02T10:15:00Z,B,b,,1,100',
                'R-2,1000001,S1,2025-01-02T10:15:00Z,A,a,,1',
                'R-3,1000001,S1,2025-01-02T10:15:00Z,A,a,,x,100',
            ].join('\n'),
        );
        const records = await collect(readHistoryCsv(path));
        expect(records[0]).toEqual({
            type: 'unreadable',
            line: 2,
            message: 'line 3: the rows of one receipt disagree on card_number',
        });
        expect(records[1]).toMatchObject({ type: 'unreadable', line: 4 });
        // A cell that is not a number is left for validation to reject.
        expect(records[2]).toMatchObject({ type: 'receipt', lines: [{ quantity: 'x' }] });
    });

    it('fails on a header that is neither kind, with a coded error', async () => {
        const path = files.write('other.csv', 'sku,name\nA,a\n');
        await expect(collect(readHistoryCsv(path))).rejects.toMatchObject({ code: 'REFILL_VALIDATION' });
        const missing = files.write('partial.csv', 'receipt_id,card_number\nR,1\n');
        await expect(collect(readHistoryCsv(missing))).rejects.toBeInstanceOf(RefillError);
    });

    it('fails on a file that is not CSV with the line, not the content', async () => {
        const path = files.write('broken.csv', 'card_number,name\n1000001,"unclosed\n');
        await expect(collect(readHistoryCsv(path))).rejects.toMatchObject({
            code: 'REFILL_VALIDATION',
            message: expect.stringMatching(/^Not a readable CSV file near line/),
        });
    });
});
