import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Props of {@link BonusFlowChart}. */
export interface BonusFlowChartProps {
    flow: DashboardView['bonusFlow'];
    /** The chart's text alternative (the 90 days' totals). */
    summary: string;
}

/**
 * Bonuses accrued and redeemed per day (ECharts, in its own chunk: loaded
 * with the first chart, not with the app). Screen readers get `summary`.
 */
export default function BonusFlowChart({ flow, summary }: BonusFlowChartProps) {
    const t = useT();
    const f = useFormat();
    const element = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!element.current) return;
        const chart = echarts.init(element.current, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
            legend: { top: 0, left: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => f.count(Number(v)) },
            xAxis: {
                type: 'category',
                data: flow.map((d) => f.day(d.day)),
                boundaryGap: false,
            },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.count(v) } },
            series: [
                {
                    name: t('dashboard.accrued'),
                    type: 'line',
                    data: flow.map((d) => f.bonusCount(d.accrued)),
                    showSymbol: false,
                    itemStyle: { color: '#099268' },
                    areaStyle: { opacity: 0.15 },
                },
                {
                    name: t('dashboard.redeemed'),
                    type: 'line',
                    data: flow.map((d) => f.bonusCount(d.redeemed)),
                    showSymbol: false,
                    itemStyle: { color: '#e8590c' },
                    areaStyle: { opacity: 0.1 },
                },
            ],
        });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element.current);
        return () => {
            resize.disconnect();
            chart.dispose();
        };
    }, [flow, f, t]);
    return <div ref={element} role="img" aria-label={summary} style={{ width: '100%', height: 280 }} />;
}
