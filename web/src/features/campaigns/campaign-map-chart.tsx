import type { LandMap, ProgressResponse } from '@groundbreak/contract';
import { TASK_STATUS_LABELS } from '@groundbreak/domain';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { escapeHtml } from '../../lib/html';
import { FONT_FAMILY } from '../../theme';
import { TASK_STATUS_COLORS } from './campaign-parts';

// The campaign's points on the offline map the land ledger uses (no tiles: the district and 板块 outlines
// shipped with the app), coloured by the task's state; a click opens the task. Without the outlines the
// points still show, on plain longitude/latitude axes.

echarts.use([ScatterChart, GeoComponent, GridComponent, TooltipComponent, CanvasRenderer]);

type Point = ProgressResponse['points'][number];
type Outlines = LandMap['outlines'];

const MAP_NAME = 'groundbreak-campaign-outlines';
let registeredOutlines: string | undefined;

type Box = [number, number, number, number];

function boxOf(positions: readonly (readonly [number, number])[]): Box | undefined {
  if (positions.length === 0) return undefined;
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** The district's outline box (zoom 1 of the geo component shows it whole). */
function districtBox(outlines: Outlines): Box | undefined {
  const district = outlines.features.find((f) => f.properties.kind === 'district');
  const g = district?.geometry as
    | { type: 'Polygon'; coordinates: [number, number][][] }
    | { type: 'MultiPolygon'; coordinates: [number, number][][][] }
    | undefined;
  if (!g) return undefined;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return boxOf(rings.flat());
}

/** Centre and zoom that frame the points (with room around them), never smaller than the district. */
function frameOf(outlines: Outlines, points: readonly Point[]) {
  const whole = districtBox(outlines);
  const box = boxOf(points.map((p) => [p.lon, p.lat] as const));
  if (!whole || !box) return {};
  const zoom = Math.min(
    (whole[2] - whole[0]) / Math.max(box[2] - box[0], 0.005),
    (whole[3] - whole[1]) / Math.max(box[3] - box[1], 0.005),
  );
  return { center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], zoom: Math.max(1, zoom * 0.75) };
}

function pointTooltip(p: Point): string {
  return [
    `<b>${escapeHtml(p.pointName)}</b>（${escapeHtml(p.taskNo)}）`,
    `${escapeHtml(p.regionName)} · ${escapeHtml(p.categoryName)}`,
    TASK_STATUS_LABELS[p.status],
  ].join('<br/>');
}

export function CampaignMapChart({
  points,
  outlines,
  height,
  onPointClick,
}: {
  points: readonly Point[];
  outlines: Outlines | undefined;
  height: number;
  onPointClick: (id: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts>(undefined);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      const id = (params.data as { id?: string } | undefined)?.id;
      if (id) clickRef.current(id);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    if (outlines) {
      const text = JSON.stringify(outlines);
      if (registeredOutlines !== text) {
        echarts.registerMap(MAP_NAME, outlines as never);
        registeredOutlines = text;
      }
    }
    const districtName = outlines?.features.find((f) => f.properties.kind === 'district')?.properties.name;
    const data = points.map((p) => ({
      value: [p.lon, p.lat],
      id: p.id,
      point: p,
      itemStyle: { color: TASK_STATUS_COLORS[p.status] },
    }));
    const series = {
      type: 'scatter',
      name: '整治点位',
      symbolSize: 10,
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      cursor: 'pointer',
      data,
      tooltip: { formatter: (params: { data: { point: Point } }) => pointTooltip(params.data.point) },
      ...(outlines ? { coordinateSystem: 'geo', geoIndex: 0 } : {}),
    };
    chart.setOption(
      {
        animation: false,
        textStyle: { fontFamily: FONT_FAMILY },
        tooltip: { trigger: 'item', confine: true },
        ...(outlines
          ? {
              geo: {
                map: MAP_NAME,
                roam: true,
                ...frameOf(outlines, points),
                scaleLimit: { min: 0.8, max: 200 },
                itemStyle: { areaColor: '#f4f7fb', borderColor: '#9fb3cc', borderWidth: 1 },
                emphasis: { disabled: true },
                select: { disabled: true },
                tooltip: { show: false },
                label: { show: true, color: '#8c9bb0', fontSize: 12 },
                regions: districtName
                  ? [
                      {
                        name: districtName,
                        itemStyle: { areaColor: 'rgba(0,0,0,0)', borderColor: '#0b2a55', borderWidth: 2 },
                        label: { show: false },
                      },
                    ]
                  : [],
              },
            }
          : {
              grid: { left: 56, right: 16, top: 16, bottom: 32 },
              xAxis: { type: 'value', scale: true, name: '经度' },
              yAxis: { type: 'value', scale: true, name: '纬度' },
            }),
        series: [series],
      } as never,
      { notMerge: true },
    );
  }, [points, outlines]);

  return <div ref={ref} data-testid="campaign-map" style={{ width: '100%', height }} />;
}
