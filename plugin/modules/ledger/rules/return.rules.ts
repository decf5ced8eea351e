import { proportionalShare } from '../../../kernel/units/money.js';

/** A purchase line as a return needs it: what was bought, earned and paid, and what was already returned. */
export interface ReturnableLine {
    lineNo: number;
    sku: string;
    quantityMilli: number;
    amount: number;
    earned: number;
    redeemed: number;
    returnedQuantityMilli: number;
    returnedAmount: number;
    reversedEarned: number;
    refundedRedeemed: number;
}

/** One requested returned item. */
export interface ReturnRequestLine {
    sku: string;
    quantityMilli: number;
}

/** What a return does to one purchase line. */
export interface LineReturn {
    lineNo: number;
    quantityMilli: number;
    /** Money handed back for it. */
    amount: number;
    /** Earned bonuses to take back. */
    reverse: number;
    /** Spent bonuses to give back. */
    refund: number;
}

/** A requested quantity beyond what is left to return. */
export interface ReturnExcess {
    sku: string;
    requestedMilli: number;
    returnableMilli: number;
}

/**
 * Plans a (partial) return: takes each SKU's quantity from the purchase lines
 * of that SKU in receipt order, then reverses each line's earned bonuses and
 * refunds its spent bonuses in proportion to the quantity returned so far.
 * Shares are computed on the running total (target minus what earlier returns
 * already took), so several partial returns add up exactly to one full return.
 */
export function planReturn(
    lines: readonly ReturnableLine[],
    request: readonly ReturnRequestLine[],
): { lines: LineReturn[]; excess: ReturnExcess[] } {
    const wanted = new Map<string, number>();
    for (const r of request) wanted.set(r.sku, (wanted.get(r.sku) ?? 0) + r.quantityMilli);

    const excess: ReturnExcess[] = [];
    const planned = new Map<number, number>();
    for (const [sku, requestedMilli] of wanted) {
        const candidates = lines.filter((l) => l.sku === sku).sort((a, b) => a.lineNo - b.lineNo);
        const returnableMilli = candidates.reduce((s, l) => s + l.quantityMilli - l.returnedQuantityMilli, 0);
        if (requestedMilli > returnableMilli) {
            excess.push({ sku, requestedMilli, returnableMilli });
            continue;
        }
        let left = requestedMilli;
        for (const line of candidates) {
            const take = Math.min(left, line.quantityMilli - line.returnedQuantityMilli);
            if (take > 0) planned.set(line.lineNo, take);
            left -= take;
        }
    }
    if (excess.length) return { lines: [], excess };

    const result: LineReturn[] = [];
    for (const line of lines) {
        const q = planned.get(line.lineNo);
        if (!q) continue;
        const returnedAfter = line.returnedQuantityMilli + q;
        const share = (total: number) => proportionalShare(total, returnedAfter, line.quantityMilli);
        result.push({
            lineNo: line.lineNo,
            quantityMilli: q,
            amount: share(line.amount) - line.returnedAmount,
            reverse: share(line.earned) - line.reversedEarned,
            refund: share(line.redeemed) - line.refundedRedeemed,
        });
    }
    return { lines: result, excess };
}
