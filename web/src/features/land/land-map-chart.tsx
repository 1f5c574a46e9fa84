import type { LandMap } from '@groundbreak/contract';
import { PARCEL_STATUS_LABELS, PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { ParcelStatus } from '@groundbreak/domain';
import { CustomChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { escapeHtml } from '../../lib/html';
import { FONT_FAMILY } from '../../theme';
import { PARCEL_STATUS_COLORS } from './parcel-tags';

// The land map without tiles (many government networks are offline): the district boundary and the 板块
// outlines shipped with the app as the base, parcels as polygons coloured by status, projects as points.
// Drag to pan, scroll to zoom; a click on a parcel or a point calls back with its id. The time from the
// option to the first finished frame is left on the container (data-render-ms) for the browser bench.

echarts.use([CustomChart, ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

type Position = [number, number];
type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

const MAP_NAME = 'groundbreak-outlines';
let registeredOutlines: string | undefined;

function outerRings(geometry: unknown): Position[][] {
  const g = geometry as Geometry | null;
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates.slice(0, 1);
  return g.coordinates.map((polygon) => polygon[0] ?? []);
}

function centreOf(ring: Position[]): Position {
  const points = ring.slice(0, -1);
  const n = Math.max(points.length, 1);
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

export interface LandMapChartProps {
  map: LandMap;
  /** The parcel to outline and centre on (the detail page's small map). */
  focusParcelId?: string;
  /** The region to frame (a 板块 chosen in the filter): its outline, else the parcels drawn. */
  focusRegionId?: string | undefined;
  height: number;
  onParcelClick?: (id: string) => void;
  onProjectClick?: (id: string) => void;
  showProjects?: boolean;
}

export function LandMapChart({
  map,
  focusParcelId,
  focusRegionId,
  height,
  onParcelClick,
  onProjectClick,
  showProjects = true,
}: LandMapChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts>(undefined);
  const handlers = useRef({ onParcelClick, onProjectClick });
  handlers.current = { onParcelClick, onProjectClick };

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
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
    const element = ref.current;
    if (!chart || !element) return;
    const outlines = JSON.stringify(map.outlines);
    if (registeredOutlines !== outlines) {
      echarts.registerMap(MAP_NAME, map.outlines as never);
      registeredOutlines = outlines;
    }
    const parcels = map.parcels.features.map((f) => {
      const rings = outerRings(f.geometry);
      return { feature: f, rings, centre: centreOf(rings[0] ?? []) };
    });
    const focus = parcels.find((p) => p.feature.id === focusParcelId);
    const frame = focus ? frameBox(map, boxOf(focus.rings), 0.2) : frameOf(map, parcels, focusRegionId);
    const districtName = map.outlines.features.find((f) => f.properties.kind === 'district')?.properties.name;
    const started = performance.now();
    chart.off('finished');
    chart.on('finished', () => {
      element.dataset.renderMs = String(Math.round(performance.now() - started));
      chart.off('finished');
    });
    chart.setOption(
      {
        animation: false,
        textStyle: { fontFamily: FONT_FAMILY },
        tooltip: { trigger: 'item', confine: true },
        geo: {
          map: MAP_NAME,
          roam: true,
          scaleLimit: { min: 0.8, max: 400 },
          ...(frame ?? {}),
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
        series: [
          {
            type: 'custom',
            name: '地块',
            coordinateSystem: 'geo',
            geoIndex: 0,
            data: parcels.map((p) => p.centre),
            renderItem: (params: { dataIndex: number }, api: { coord: (p: Position) => number[] }) => {
              const parcel = parcels[params.dataIndex];
              if (!parcel) return null;
              const focused = parcel.feature.id === focusParcelId;
              return {
                type: 'group',
                children: parcel.rings.map((ring) => ({
                  type: 'polygon',
                  shape: { points: ring.map((c) => api.coord(c)) },
                  style: {
                    fill: PARCEL_STATUS_COLORS[parcel.feature.properties.status as ParcelStatus],
                    opacity: focusParcelId && !focused ? 0.35 : 0.85,
                    stroke: focused ? '#000' : '#ffffff',
                    lineWidth: focused ? 2 : 0.5,
                  },
                })),
              };
            },
            tooltip: {
              formatter: (params: { dataIndex: number }) => {
                const f = parcels[params.dataIndex]?.feature;
                if (!f) return '';
                const p = f.properties;
                return [
                  `<b>${escapeHtml(p.name)}</b>（${escapeHtml(p.parcelNo)}）`,
                  `${escapeHtml(p.regionName)} · ${PARCEL_STATUS_LABELS[p.status as ParcelStatus]}`,
                  `${(p.areaM2 / 666.67).toFixed(1)} 亩${p.projectName ? ` · ${escapeHtml(p.projectName)}` : ''}`,
                ].join('<br/>');
              },
            },
          },
          ...(showProjects
            ? [
                {
                  type: 'scatter',
                  name: '项目',
                  coordinateSystem: 'geo',
                  geoIndex: 0,
                  symbol: 'circle',
                  symbolSize: 6,
                  itemStyle: { color: 'rgba(255,255,255,0.9)', borderColor: '#0b2a55', borderWidth: 1.5 },
                  data: map.projects.map((p) => ({
                    value: p.position,
                    name: p.name,
                    id: p.id,
                    state: p.state,
                  })),
                  tooltip: {
                    formatter: (params: {
                      data: { name: string; state: keyof typeof PROJECT_STATE_LABELS };
                    }) =>
                      `<b>${escapeHtml(params.data.name)}</b><br/>项目 · ${PROJECT_STATE_LABELS[params.data.state]}`,
                  },
                },
              ]
            : []),
        ],
      } as never,
      { notMerge: true },
    );
    chart.off('click');
    chart.on('click', (params) => {
      if (params.seriesType === 'custom') {
        const id = parcels[params.dataIndex]?.feature.id;
        if (id) handlers.current.onParcelClick?.(id);
      } else if (params.seriesType === 'scatter') {
        const id = (params.data as { id?: string } | undefined)?.id;
        if (id) handlers.current.onProjectClick?.(id);
      }
    });
  }, [map, focusParcelId, focusRegionId, showProjects]);

  return <div ref={ref} data-testid="land-map" style={{ width: '100%', height }} />;
}

type Box = [number, number, number, number];

function boxOf(rings: Position[][]): Box | undefined {
  const points = rings.flat();
  if (points.length === 0) return undefined;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Centre and zoom that frame a region within the district (the geo component's zoom 1 shows the district). */
function frameOf(
  map: LandMap,
  parcels: { rings: Position[][] }[],
  regionId: string | undefined,
): { center: Position; zoom: number } | undefined {
  if (!regionId) return undefined;
  const outline = map.outlines.features.find((f) => f.properties.regionId === regionId);
  const region = outline ? boxOf(outerRings(outline.geometry)) : boxOf(parcels.flatMap((p) => p.rings));
  return frameBox(map, region, 0.9);
}

/** Centre and zoom that show `box` filling `share` of the view. */
function frameBox(map: LandMap, box: Box | undefined, share: number) {
  const district = map.outlines.features.find((f) => f.properties.kind === 'district');
  const whole = district ? boxOf(outerRings(district.geometry)) : undefined;
  if (!box || !whole) return undefined;
  const zoom = Math.min(
    (whole[2] - whole[0]) / Math.max(box[2] - box[0], 1e-4),
    (whole[3] - whole[1]) / Math.max(box[3] - box[1], 1e-4),
  );
  return {
    center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] as Position,
    zoom: Math.max(1, zoom * share),
  };
}
