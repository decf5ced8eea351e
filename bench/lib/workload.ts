/**
 * The benchmark's workload: three chronic categories with a few products
 * each, customers with predictable card numbers, and random receipts of
 * three lines from one category (so a receipt touches one statistics row,
 * as in the reference raw limits). Both the HTTP load and the raw baseline
 * draw from the same generator.
 */

/** A category the benchmark creates through Refill's catalogue service. */
export interface BenchCategory {
    code: string;
    name: string;
    atcPrefix: string;
    products: ReadonlyArray<{ sku: string; name: string; atc: string }>;
}

export const BENCH_CATEGORIES: readonly BenchCategory[] = [
    {
        code: 'C09',
        name: 'Antihypertensives (RAS)',
        atcPrefix: 'C09',
        products: [
            { sku: 'LOSARTAN-50', name: 'Losartan 50 mg', atc: 'C09CA01' },
            { sku: 'ENALAPRIL-10', name: 'Enalapril 10 mg', atc: 'C09AA02' },
            { sku: 'LISINOPRIL-10', name: 'Lisinopril 10 mg', atc: 'C09AA03' },
        ],
    },
    {
        code: 'C10',
        name: 'Lipid modifying agents',
        atcPrefix: 'C10',
        products: [
            { sku: 'ATORVASTATIN-20', name: 'Atorvastatin 20 mg', atc: 'C10AA05' },
            { sku: 'ROSUVASTATIN-10', name: 'Rosuvastatin 10 mg', atc: 'C10AA07' },
            { sku: 'SIMVASTATIN-20', name: 'Simvastatin 20 mg', atc: 'C10AA01' },
        ],
    },
    {
        code: 'A10',
        name: 'Drugs used in diabetes',
        atcPrefix: 'A10',
        products: [
            { sku: 'METFORMIN-850', name: 'Metformin 850 mg', atc: 'A10BA02' },
            { sku: 'GLICLAZIDE-60', name: 'Gliclazide MR 60 mg', atc: 'A10BB09' },
            { sku: 'INSULIN-GLARGINE', name: 'Insulin glargine 100 U/ml', atc: 'A10AE04' },
        ],
    },
];

/** The store every receipt is sold in. */
export const BENCH_STORE = { code: 'BENCH-1', name: 'Bench pharmacy 1' } as const;

/** Card number of the i-th seeded customer (1-based): its row id in a fresh database. */
export function cardNumber(i: number): string {
    return `BC${String(i).padStart(9, '0')}`;
}

/** One generated receipt line. */
export interface BenchLine {
    sku: string;
    name: string;
    atc: string;
    quantity: number;
    amount: number;
}

/** One generated receipt. */
export interface BenchReceipt {
    receiptId: string;
    /** 1-based index of the customer (its id in a fresh database). */
    customer: number;
    /** Index into {@link BENCH_CATEGORIES}. */
    category: number;
    lines: BenchLine[];
    total: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same receipts. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Makes receipts with unique ids `<prefix>-<n>` for a random one of `customers` customers. */
export function receiptGenerator(prefix: string, customers: number, seed: number): () => BenchReceipt {
    const random = seededRandom(seed);
    let n = 0;
    return () => {
        const category = Math.floor(random() * BENCH_CATEGORIES.length);
        const products = BENCH_CATEGORIES[category].products;
        const lines = products.map((p) => ({
            sku: p.sku,
            name: p.name,
            atc: p.atc,
            quantity: 1,
            // 100 to 2,000 roubles, in kopecks.
            amount: 10_000 + Math.floor(random() * 190_001),
        }));
        return {
            receiptId: `${prefix}-${++n}`,
            customer: 1 + Math.floor(random() * customers),
            category,
            lines,
            total: lines.reduce((s, l) => s + l.amount, 0),
        };
    };
}

/** The POST /pos/v1/receipts body for a receipt. */
export function receiptBody(receipt: BenchReceipt, storeCode: string, purchasedAt: Date): string {
    return JSON.stringify({
        receiptId: receipt.receiptId,
        cardNumber: cardNumber(receipt.customer),
        storeCode,
        purchasedAt: purchasedAt.toISOString(),
        lines: receipt.lines,
        redeem: 0,
    });
}
