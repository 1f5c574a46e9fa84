import { area } from '@turf/area';
import { booleanValid } from '@turf/boolean-valid';
import { kinks } from '@turf/kinks';

// Parcel polygons from GeoJSON (WGS84 or CGCS2000 longitude/latitude — the two differ by centimetres, far
// below a parcel's drawing accuracy). A feature that is not a valid polygon is refused with its index and
// the reason, never repaired by a guess; the area comes from the polygon and is compared with the area the
// feature declares.

export type Position = [number, number];
export type ParcelGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export type ParcelFeature = {
  /** Position of the feature in the file (from 0). */
  index: number;
  properties: Record<string, unknown>;
  geometry: ParcelGeometry;
  /** Geodesic area of the polygon, m². */
  areaM2: number;
  /** A representative point (the mean of the outer ring's vertices), for the map's project pins and labels. */
  centre: Position;
};

export type GeometryProblem = { index: number; reason: string };
export type GeometryWarning = { index: number; message: string };

/** Declared area differing from the polygon's by more than this share is a warning. */
export const AREA_TOLERANCE = 0.05;

/** Property names an office's GIS export uses for the declared area (m² unless it says 亩). */
const AREA_KEYS_M2 = [
  'areaM2',
  'area_m2',
  'AREA',
  'area',
  'Shape_Area',
  '面积',
  '面积㎡',
  '面积(平方米)',
  '用地面积',
];
const AREA_KEYS_MU = ['面积(亩)', '面积（亩）', '亩数'];

function declaredAreaM2(properties: Record<string, unknown>): number | null {
  for (const key of AREA_KEYS_MU) {
    const v = Number(properties[key]);
    if (properties[key] !== undefined && Number.isFinite(v) && v > 0) return (v * 10_000) / 15;
  }
  for (const key of AREA_KEYS_M2) {
    const v = Number(properties[key]);
    if (properties[key] !== undefined && Number.isFinite(v) && v > 0) return v;
  }
  return null;
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || !ring.every(isPosition)) return '坐标格式不正确';
  if (ring.length < 4) return '多边形至少需要 4 个坐标点（首尾相同）';
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return '多边形未闭合（首尾坐标不同）';
  for (const [lon, lat] of ring as Position[]) {
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      return `坐标 (${lon}, ${lat}) 不是经纬度（疑似投影坐标），请导出为 WGS84 或 CGCS2000 经纬度`;
    }
    if (lon < 73 || lon > 136 || lat < 3 || lat > 54) return `坐标 (${lon}, ${lat}) 不在中国境内`;
  }
  return null;
}

function geometryProblem(geometry: unknown): string | null {
  if (!geometry || typeof geometry !== 'object') return '缺少几何图形';
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return `几何类型为 ${String(g.type)}，地块须为面（Polygon 或 MultiPolygon）`;
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return '坐标为空';
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return '坐标为空';
    for (const ring of rings) {
      const problem = ringProblem(ring);
      if (problem) return problem;
    }
  }
  const feature = { type: 'Feature' as const, properties: {}, geometry: g as ParcelGeometry };
  const crossings = kinks(feature).features;
  if (crossings.length > 0) {
    const [x, y] = crossings[0]?.geometry.coordinates ?? [];
    return `多边形自相交（在 ${Number(x).toFixed(6)}, ${Number(y).toFixed(6)} 附近）`;
  }
  if (!booleanValid(feature)) return '多边形无效（如内环不在外环之内）';
  return null;
}

function centreOf(geometry: ParcelGeometry): Position {
  const ring = (geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]) ?? [];
  const points = ring.slice(0, -1);
  const n = Math.max(points.length, 1);
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

/** Reads the parcels of a GeoJSON FeatureCollection (or one Feature): valid ones, and every problem. */
export function readParcelFeatures(input: unknown): {
  features: ParcelFeature[];
  problems: GeometryProblem[];
  warnings: GeometryWarning[];
} {
  const doc = input as { type?: unknown; features?: unknown } | null;
  const list =
    doc?.type === 'FeatureCollection' && Array.isArray(doc.features)
      ? (doc.features as unknown[])
      : doc?.type === 'Feature'
        ? [doc]
        : null;
  if (!list)
    return {
      features: [],
      problems: [{ index: -1, reason: '不是 GeoJSON 要素集合（FeatureCollection）' }],
      warnings: [],
    };
  const features: ParcelFeature[] = [];
  const problems: GeometryProblem[] = [];
  const warnings: GeometryWarning[] = [];
  list.forEach((item, index) => {
    const f = item as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    if (f?.type !== 'Feature') {
      problems.push({ index, reason: '不是 GeoJSON 要素（Feature）' });
      return;
    }
    let reason: string | null;
    try {
      reason = geometryProblem(f.geometry);
    } catch {
      reason = '几何图形无法解析';
    }
    if (reason) {
      problems.push({ index, reason });
      return;
    }
    const geometry = f.geometry as ParcelGeometry;
    const properties = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<
      string,
      unknown
    >;
    const areaM2 = Math.round(area({ type: 'Feature', properties: {}, geometry }) * 100) / 100;
    const declared = declaredAreaM2(properties);
    if (declared !== null && Math.abs(areaM2 - declared) / declared > AREA_TOLERANCE) {
      warnings.push({
        index,
        message: `图形面积 ${areaM2.toFixed(0)} ㎡ 与填报面积 ${declared.toFixed(0)} ㎡ 相差 ${(
          (Math.abs(areaM2 - declared) / declared) * 100
        ).toFixed(1)}%（超过 5%）`,
      });
    }
    features.push({ index, properties, geometry, areaM2, centre: centreOf(geometry) });
  });
  return { features, problems, warnings };
}

/** Geodesic area of a polygon in m² (for parcels drawn or imported). */
export function polygonAreaM2(geometry: ParcelGeometry): number {
  return area({ type: 'Feature', properties: {}, geometry });
}
