import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { resolveDemoChain, type DemoChainOptions } from './demo-chain.js';
import { demoCustomerHistory } from './demo-history.js';

/** Totals of an export. */
export interface DemoExportSummary {
    records: number;
    customers: number;
    receipts: number;
    lines: number;
}

/** Records per write: large enough to keep the stream busy, small enough to stay in constant memory. */
const CHUNK_RECORDS = 2000;

/**
 * Writes the demo chain as NDJSON, the history importer's input format: one
 * record a line, dates as ISO 8601 UTC strings. Honours back-pressure, so
 * a million customers stream to a file in constant memory. Does not end `out`.
 */
export async function writeDemoNdjson(
    out: Writable,
    options: DemoChainOptions,
    onProgress?: (done: number, total: number) => void,
): Promise<DemoExportSummary> {
    const chain = resolveDemoChain(options);
    const totals: DemoExportSummary = { records: 0, customers: 0, receipts: 0, lines: 0 };
    let chunk: string[] = [];
    const flush = async () => {
        if (!chunk.length) return;
        const ok = out.write(`${chunk.join('\n')}\n`);
        chunk = [];
        if (!ok) await once(out, 'drain');
        onProgress?.(totals.customers, chain.customers);
    };
    for (let index = 0; index < chain.customers; index++) {
        const { customer, receipts } = demoCustomerHistory(chain, index);
        chunk.push(JSON.stringify(customer));
        for (const r of receipts) {
            chunk.push(JSON.stringify(r));
            totals.lines += r.lines.length;
        }
        totals.customers++;
        totals.receipts += receipts.length;
        totals.records += 1 + receipts.length;
        if (chunk.length >= CHUNK_RECORDS) await flush();
    }
    await flush();
    return totals;
}
