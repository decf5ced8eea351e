/** A bonus lot as the allocation rules see it. */
export interface LotView {
    remaining: number;
    state: 'pending' | 'active' | 'spent' | 'expired';
    activeFrom: Date;
    expiresAt: Date;
    purchaseId: number | null;
    /** Tie-breaker: creation order (new lots sort last). */
    seq: number;
}

/** What to take from one lot. */
export interface Take<L extends LotView> {
    lot: L;
    amount: number;
}

const bySoonestExpiry = (a: LotView, b: LotView) =>
    a.expiresAt.getTime() - b.expiresAt.getTime() || a.seq - b.seq;

/** Active lots with bonuses left, soonest-expiring first: the order spending takes them in. */
export function spendOrder<L extends LotView>(lots: readonly L[]): L[] {
    return lots.filter((l) => l.state === 'active' && l.remaining > 0).sort(bySoonestExpiry);
}

/**
 * The order a return takes back earned bonuses in: first the lots the
 * returned purchase itself credited, then other active lots, then pending
 * ones, each group soonest-expiring first.
 */
export function reversalOrder<L extends LotView>(lots: readonly L[], purchaseId: number): L[] {
    const open = lots.filter((l) => (l.state === 'active' || l.state === 'pending') && l.remaining > 0);
    const own = open.filter((l) => l.purchaseId === purchaseId).sort(bySoonestExpiry);
    const active = open
        .filter((l) => l.purchaseId !== purchaseId && l.state === 'active')
        .sort(bySoonestExpiry);
    const pending = open
        .filter((l) => l.purchaseId !== purchaseId && l.state === 'pending')
        .sort(bySoonestExpiry);
    return [...own, ...active, ...pending];
}

/** Takes up to `amount` from `ordered` lots in order; returns the takes and what could not be covered. */
export function takeFromLots<L extends LotView>(
    ordered: readonly L[],
    amount: number,
): { takes: Take<L>[]; shortfall: number } {
    const takes: Take<L>[] = [];
    let left = amount;
    for (const lot of ordered) {
        if (left <= 0) break;
        const take = Math.min(left, lot.remaining);
        if (take > 0) {
            takes.push({ lot, amount: take });
            left -= take;
        }
    }
    return { takes, shortfall: left };
}
