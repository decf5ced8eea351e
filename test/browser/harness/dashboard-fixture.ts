/** A `GET /dashboard` answer shaped as the contract says, with figures chosen to show the plural forms. */
export function dashboardFixture(asOf = '2026-12-05T09:30:00.000Z') {
    const day = (offset: number) =>
        new Date(Date.parse('2026-12-05') - offset * 86_400_000).toISOString().slice(0, 10);
    return {
        asOf,
        timezone: 'Europe/Moscow',
        currency: 'RUB',
        members: { total: 12_345, active30d: 1, newThisMonth: 21 },
        // Bonuses in minor units, like money: 500 is 5 bonuses.
        liability: { outstanding: 500, burnsNext30d: 200 },
        bonusFlow: Array.from({ length: 90 }, (_, i) => ({
            day: day(89 - i),
            accrued: 40_000 + ((i * 3_700) % 25_000),
            redeemed: 15_000 + ((i * 5_300) % 20_000),
        })),
        receipts: [0, 1, 2].flatMap((offset) => [
            {
                day: day(offset),
                storeId: 1,
                storeCode: 'MSK-001',
                receipts: 120 + offset,
                revenue: 9_876_543,
            },
            { day: day(offset), storeId: 2, storeCode: 'EKB-002', receipts: 80, revenue: 5_432_100 },
        ]),
        campaigns: [
            {
                id: 7,
                name: 'Статины: возврат',
                status: 'active',
                members: 1200,
                uplift: { estimate: 0.042, low: 0.011, high: 0.073 },
            },
            { id: 8, name: 'Инсулин: напоминание', status: 'draft', members: 0, uplift: null },
        ],
        messagesToday: [
            { channel: 'sms', sent: 120, delivered: 118, failed: 2 },
            { channel: 'email', sent: 40, delivered: 40, failed: 0 },
        ],
        failedJobs: [
            { name: 'expire-bonuses', failedAt: '2026-12-05T01:00:00.000Z', error: 'database is locked' },
        ],
    };
}
