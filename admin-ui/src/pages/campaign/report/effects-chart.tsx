import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { CustomSeriesRenderItem } from 'echarts';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, CustomChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** One bar: a group's mean with its 95% interval. */
export interface EffectBar {
    label: string;
    mean: number;
    low: number | null;
    high: number | null;
    color: string;
}

/** Props of {@link EffectsChart}. */
export interface EffectsChartProps {
    bars: EffectBar[];
    /** Axis labels and tooltips. */
    format(value: number): string;
    /** The chart's text alternative (the table beside it says the same in full). */
    summary: string;
}

/** A whisker from low to high with caps, drawn over its bar. */
const whisker: CustomSeriesRenderItem = (_params, api) => {
    const x = api.value(0) as number;
    const top = api.coord([x, api.value(2)]);
    const bottom = api.coord([x, api.value(1)]);
    const cap = (api.size?.([1, 0]) as number[])[0] * 0.12;
    const style = { stroke: '#212529', lineWidth: 1.5 };
    const line = (x1: number, y1: number, x2: number, y2: number) => ({
        type: 'line' as const,
        shape: { x1, y1, x2, y2 },
        style,
    });
    return {
        type: 'group',
        children: [
            line(top[0], top[1], bottom[0], bottom[1]),
            line(top[0] - cap, top[1], top[0] + cap, top[1]),
            line(bottom[0] - cap, bottom[1], bottom[0] + cap, bottom[1]),
        ],
    };
};

/**
 * Control against test on one metric: bars of the means with 95% interval
 * whiskers (ECharts, in its own chunk). Screen readers get `summary`.
 */
export default function EffectsChart({ bars, format, summary }: EffectsChartProps) {
    const element = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!element.current) return;
        const chart = echarts.init(element.current, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            grid: { left: 8, right: 8, top: 12, bottom: 8, containLabel: true },
            tooltip: { trigger: 'item', valueFormatter: (v: unknown) => format(Number(v)) },
            xAxis: { type: 'category', data: bars.map((b) => b.label) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
            series: [
                {
                    type: 'bar',
                    barWidth: '45%',
                    data: bars.map((b) => ({ value: b.mean, itemStyle: { color: b.color } })),
                },
                {
                    type: 'custom',
                    renderItem: whisker,
                    tooltip: { show: false },
                    data: bars.flatMap((b, i) =>
                        b.low === null || b.high === null ? [] : [[i, b.low, b.high]],
                    ),
                    z: 10,
                },
            ],
        });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element.current);
        return () => {
            resize.disconnect();
            chart.dispose();
        };
    }, [bars, format]);
    return <div ref={element} role="img" aria-label={summary} style={{ width: '100%', height: 220 }} />;
}
