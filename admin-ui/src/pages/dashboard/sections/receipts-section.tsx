import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { DashboardSection, EmptyNote } from './dashboard-section';
import { FiguresTable } from './figures-table';

interface StoreTotal {
    storeCode: string;
    receipts: number;
    revenue: number;
}

/** The 30 days' receipts and revenue per store, largest revenue first. */
export function storeTotals(days: DashboardView['receipts']): StoreTotal[] {
    const totals = new Map<string, StoreTotal>();
    for (const d of days) {
        const total = totals.get(d.storeCode) ?? { storeCode: d.storeCode, receipts: 0, revenue: 0 };
        total.receipts += d.receipts;
        total.revenue += d.revenue;
        totals.set(d.storeCode, total);
    }
    return [...totals.values()].sort(
        (a, b) => b.revenue - a.revenue || a.storeCode.localeCompare(b.storeCode),
    );
}

/** Receipts and revenue per store over 30 days. */
export function ReceiptsSection({ receipts }: { receipts: DashboardView['receipts'] }) {
    const t = useT();
    const f = useFormat();
    const rows = storeTotals(receipts);
    return (
        <DashboardSection title={t('dashboard.receipts')}>
            {rows.length === 0 ? (
                <EmptyNote />
            ) : (
                <FiguresTable
                    rows={rows}
                    rowKey={(r) => r.storeCode}
                    columns={[
                        { header: t('dashboard.receiptsStore'), cell: (r) => r.storeCode },
                        {
                            header: t('dashboard.receiptsCount'),
                            cell: (r) => f.count(r.receipts),
                            numeric: true,
                        },
                        {
                            header: t('dashboard.receiptsRevenue'),
                            cell: (r) => f.money(r.revenue),
                            numeric: true,
                        },
                    ]}
                />
            )}
        </DashboardSection>
    );
}
