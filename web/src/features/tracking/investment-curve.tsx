import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY } from '../../theme';

// A project's investment curve for one year: what each month's report gave (bars) and the running total
// (自年初累计), against the annual plan and the 序时 line (plan × months elapsed ÷ 12), in 万元.

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type CurvePoint = { month: string; monthYuan: number | null; ytdYuan: number | null };

const wan = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan / 100) / 100;

export function InvestmentCurve({
  year,
  points,
  plannedYuan,
}: {
  year: number;
  points: CurvePoint[];
  plannedYuan: number | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const byMonth = new Map(points.map((p) => [p.month, p]));
    chart.setOption({
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} 万元`),
      },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', name: '万元', nameGap: 12 },
      series: [
        {
          name: '本月完成',
          type: 'bar',
          data: months.map((m) => wan(byMonth.get(m)?.monthYuan)),
          itemStyle: { color: '#91caff' },
        },
        {
          name: '自年初累计',
          type: 'line',
          data: months.map((m) => wan(byMonth.get(m)?.ytdYuan)),
          connectNulls: false,
          itemStyle: { color: '#1677ff' },
        },
        ...(plannedYuan
          ? [
              {
                name: '序时进度',
                type: 'line',
                data: months.map((_m, i) => wan((plannedYuan * (i + 1)) / 12)),
                lineStyle: { type: 'dashed' },
                itemStyle: { color: '#faad14' },
                symbol: 'none',
              },
              {
                name: '年度计划',
                type: 'line',
                data: months.map(() => wan(plannedYuan)),
                lineStyle: { type: 'dotted' },
                itemStyle: { color: '#8c8c8c' },
                symbol: 'none',
              },
            ]
          : []),
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [year, points, plannedYuan]);
  return <div ref={ref} style={{ width: '100%', height: 280 }} data-testid="investment-curve" />;
}
