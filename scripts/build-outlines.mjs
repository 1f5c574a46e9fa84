// Builds server/src/modules/land/geo/wujin-outlines.json: the district boundary and the ten 板块 outlines
// the land map draws when no map tiles are available. Both are approximations, made here and nowhere else:
// the district boundary is a hand-drawn polygon following the district's general shape (north against the
// Changzhou city districts, south-east along Taihu), and each 板块 is the Voronoi cell of its seat's
// approximate position, clipped to that boundary. They orient a reader; they are not survey data, and a
// deployment with real boundaries replaces the file (same format, `code` = the region code).
//
//   node scripts/build-outlines.mjs

import fs from 'node:fs';
import path from 'node:path';

const DISTRICT = [
  [119.66, 31.7],
  [119.7, 31.78],
  [119.8, 31.8],
  [119.9, 31.775],
  [119.97, 31.765],
  [120.04, 31.765],
  [120.1, 31.745],
  [120.15, 31.7],
  [120.19, 31.625],
  [120.17, 31.545],
  [120.09, 31.5],
  [120.0, 31.505],
  [119.92, 31.53],
  [119.84, 31.55],
  [119.75, 31.58],
  [119.68, 31.63],
];

/** Approximate seats (longitude, latitude) of the 板块, by region code. */
const SEATS = {
  'WJ-GXQ': ['武进国家高新区', 119.945, 31.655],
  'WJ-XTH': ['常州西太湖科技产业园', 119.85, 31.665],
  320412100: ['湖塘镇', 119.965, 31.715],
  'WJ-NTZ': ['牛塘镇', 119.895, 31.735],
  'WJ-LYZ': ['洛阳镇', 120.06, 31.705],
  'WJ-XYZ': ['雪堰镇', 120.12, 31.56],
  'WJ-QHZ': ['前黄镇', 119.985, 31.585],
  'WJ-LJZ': ['礼嘉镇', 120.04, 31.64],
  'WJ-JZZ': ['嘉泽镇', 119.78, 31.74],
  'WJ-HLZ': ['湟里镇', 119.72, 31.65],
};

/** Keeps the part of a convex-or-not polygon on the side of the bisector nearer to `a` than to `b`. */
function clipNearer(polygon, a, b) {
  const side = ([x, y]) => (x - a[0]) ** 2 + (y - a[1]) ** 2 - ((x - b[0]) ** 2 + (y - b[1]) ** 2);
  const out = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const round = (p) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const ring = (points) => [...points.map(round), round(points[0])];

const features = [
  {
    type: 'Feature',
    properties: { code: '320412', name: '武进区', kind: 'district' },
    geometry: { type: 'Polygon', coordinates: [ring(DISTRICT)] },
  },
];
for (const [code, [name, lon, lat]] of Object.entries(SEATS)) {
  let cell = DISTRICT;
  for (const [other, [, olon, olat]] of Object.entries(SEATS)) {
    if (other !== code) cell = clipNearer(cell, [lon, lat], [olon, olat]);
  }
  features.push({
    type: 'Feature',
    properties: { code, name, kind: 'subarea', seat: [lon, lat] },
    geometry: { type: 'Polygon', coordinates: [ring(cell)] },
  });
}

const target = path.join(
  import.meta.dirname,
  '..',
  'server',
  'src',
  'modules',
  'land',
  'geo',
  'wujin-outlines.json',
);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(
  target,
  `${JSON.stringify({
    type: 'FeatureCollection',
    provenance:
      'Approximation made by scripts/build-outlines.mjs: a hand-drawn district boundary and Voronoi cells of approximate 板块 seats. Not survey data; for orientation on an offline map only.',
    licence: 'Apache-2.0 (part of Groundbreak)',
    features,
  })}\n`,
);
console.log(`wrote ${features.length} outlines to ${path.relative(process.cwd(), target)}`);
