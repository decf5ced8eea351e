import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { LifecycleFlows, LifecycleSegment } from '../../../api/lifecycle';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { SEGMENT_COLORS, segmentName } from '../lifecycle-words';

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

/** Props of {@link FlowsChart}. */
export interface FlowsChartProps {
    flows: LifecycleFlows['flows'];
    /** The chart's text alternative (the table below says the same in full). */
    summary: string;
}

/** A node's id: the segment left (`from:`) or entered (`to:`), so a sankey has no cycle. */
function nodeId(side: 'from' | 'to', segment: LifecycleSegment | null): string {
    return `${side}:${segment ?? 'none'}`;
}

/**
 * The month's moves between segments as a sankey (ECharts, lazy): the
 * segments left on the left, the segments entered on the right.
 */
export default function FlowsChart({ flows, summary }: FlowsChartProps) {
    const t = useT();
    const f = useFormat();
    const element = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!element.current) return;
        const names = new Map<string, string>();
        const colors = new Map<string, string>();
        for (const flow of flows) {
            for (const [side, segment] of [
                ['from', flow.from],
                ['to', flow.to],
            ] as const) {
                names.set(nodeId(side, segment), segmentName(t, segment));
                colors.set(nodeId(side, segment), segment ? SEGMENT_COLORS[segment] : '#adb5bd');
            }
        }
        const chart = echarts.init(element.current, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            tooltip: {
                trigger: 'item',
                formatter: (p: {
                    dataType: string;
                    data: { source?: string; target?: string; value?: number };
                }) =>
                    p.dataType === 'edge'
                        ? `${names.get(p.data.source ?? '')} → ${names.get(p.data.target ?? '')}: ${f.count(p.data.value ?? 0)}`
                        : '',
            },
            series: [
                {
                    type: 'sankey',
                    left: 8,
                    right: 120,
                    top: 8,
                    bottom: 8,
                    nodeGap: 12,
                    layoutIterations: 0,
                    emphasis: { focus: 'adjacency' },
                    label: { formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
                    lineStyle: { color: 'gradient', opacity: 0.35 },
                    data: [...names.keys()].map((id) => ({ name: id, itemStyle: { color: colors.get(id) } })),
                    links: flows.map((flow) => ({
                        source: nodeId('from', flow.from),
                        target: nodeId('to', flow.to),
                        value: flow.customers,
                    })),
                },
            ],
        });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element.current);
        return () => {
            resize.disconnect();
            chart.dispose();
        };
    }, [flows, f, t]);
    return <div ref={element} role="img" aria-label={summary} style={{ width: '100%', height: 360 }} />;
}
