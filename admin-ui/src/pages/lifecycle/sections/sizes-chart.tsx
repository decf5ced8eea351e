import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { LIFECYCLE_SEGMENTS, type LifecycleSizes, sizeOf } from '../../../api/lifecycle';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { SEGMENT_COLORS, segmentName } from '../lifecycle-words';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Props of {@link SizesChart}. */
export interface SizesChartProps {
    days: LifecycleSizes['days'];
    /** The chart's text alternative (the last day's sizes). */
    summary: string;
}

/**
 * The lifecycle segments' sizes per snapshot day, stacked (ECharts, in the
 * page's lazy chunk). Custom segments' sizes in the same answer are left out.
 */
export default function SizesChart({ days, summary }: SizesChartProps) {
    const t = useT();
    const f = useFormat();
    const element = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!element.current) return;
        const chart = echarts.init(element.current, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            grid: { left: 8, right: 8, top: 60, bottom: 8, containLabel: true },
            legend: { top: 0, left: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => f.count(Number(v)) },
            xAxis: { type: 'category', data: days.map((d) => f.day(d.day)), boundaryGap: false },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.count(v) } },
            series: LIFECYCLE_SEGMENTS.map((segment) => ({
                name: segmentName(t, segment),
                type: 'line',
                stack: 'customers',
                data: days.map((d) => sizeOf(d, segment)),
                showSymbol: days.length < 3,
                itemStyle: { color: SEGMENT_COLORS[segment] },
                lineStyle: { width: 1 },
                areaStyle: { opacity: 0.75 },
            })),
        });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element.current);
        return () => {
            resize.disconnect();
            chart.dispose();
        };
    }, [days, f, t]);
    return <div ref={element} role="img" aria-label={summary} style={{ width: '100%', height: 320 }} />;
}
