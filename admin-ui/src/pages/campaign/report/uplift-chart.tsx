import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** One day of the cumulative uplift: the estimate and its 95% interval (percentage points). */
export interface UpliftPoint {
    day: string;
    estimate: number;
    low: number | null;
    high: number | null;
}

/** Props of {@link UpliftChart}. */
export interface UpliftChartProps {
    points: UpliftPoint[];
    /** Names of the line and the band (legend). */
    names: { estimate: string; band: string };
    format(value: number): string;
    /** The chart's text alternative (the table below says the same day by day). */
    summary: string;
}

/**
 * The cumulative conversion uplift by assignment day: a line with its 95%
 * interval as a band (the lower bound plus a stacked width), and the zero
 * line. ECharts, in its own chunk.
 */
export default function UpliftChart({ points, names, format, summary }: UpliftChartProps) {
    const element = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!element.current) return;
        const chart = echarts.init(element.current, null, { renderer: 'canvas' });
        const band = (p: UpliftPoint) => (p.low === null || p.high === null ? null : p.high - p.low);
        chart.setOption({
            animation: false,
            grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
            legend: { top: 0, left: 0, data: [names.estimate, names.band] },
            tooltip: {
                trigger: 'axis',
                formatter: (items: Array<{ dataIndex: number }>) => {
                    const p = points[items[0]?.dataIndex ?? 0];
                    const range =
                        p.low === null || p.high === null ? '' : ` (${format(p.low)} … ${format(p.high)})`;
                    return `${p.day}<br/>${names.estimate}: ${format(p.estimate)}${range}`;
                },
            },
            xAxis: { type: 'category', data: points.map((p) => p.day), boundaryGap: false },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
            series: [
                {
                    name: 'low',
                    type: 'line',
                    stack: 'band',
                    stackStrategy: 'all',
                    data: points.map((p) => p.low),
                    lineStyle: { opacity: 0 },
                    showSymbol: false,
                    silent: true,
                },
                {
                    name: names.band,
                    type: 'line',
                    stack: 'band',
                    stackStrategy: 'all',
                    data: points.map(band),
                    lineStyle: { opacity: 0 },
                    areaStyle: { color: '#74c0fc', opacity: 0.45 },
                    itemStyle: { color: '#74c0fc' },
                    showSymbol: false,
                    silent: true,
                },
                {
                    name: names.estimate,
                    type: 'line',
                    data: points.map((p) => p.estimate),
                    itemStyle: { color: '#1864ab' },
                    showSymbol: points.length < 20,
                    markLine: {
                        silent: true,
                        symbol: 'none',
                        label: { show: false },
                        lineStyle: { color: '#495057', type: 'dashed' },
                        data: [{ yAxis: 0 }],
                    },
                },
            ],
        });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element.current);
        return () => {
            resize.disconnect();
            chart.dispose();
        };
    }, [points, names, format]);
    return <div ref={element} role="img" aria-label={summary} style={{ width: '100%', height: 280 }} />;
}
