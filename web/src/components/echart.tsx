import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY } from '../theme';

// One ECharts chart in a div: the option as given (font of the product), resized with its box, and a click
// handler for drill-down (a bar, a slice, a funnel stage → the list that produced its number).

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  TitleComponent,
  CanvasRenderer,
]);

export type ChartClick = { name: string; dataIndex: number; seriesName?: string; value?: unknown };

export function EChart({
  option,
  height = 280,
  onClick,
  testId,
  theme,
}: {
  option: echarts.EChartsCoreOption;
  height?: number | string;
  onClick?: (event: ChartClick) => void;
  testId?: string;
  theme?: 'dark';
}) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, theme, { renderer: 'canvas' });
    chart.setOption({
      textStyle: { fontFamily: FONT_FAMILY },
      ...(theme === 'dark' ? { backgroundColor: 'transparent' } : {}),
      ...option,
    });
    chart.on('click', (params) => clickRef.current?.(params as unknown as ChartClick));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option, theme]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
      data-testid={testId}
    />
  );
}
