import data from './geo/wujin-outlines.json';

// The district boundary and 板块 outlines shipped with the app, for the offline map (no tiles). Built by
// scripts/build-outlines.mjs; approximate, with their provenance in the file. A deployment with surveyed
// boundaries replaces geo/wujin-outlines.json in the same format (`code` = the region's code).

export type OutlinePosition = [number, number];
export type Outline = {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: OutlinePosition[][] };
  properties: { code: string; name: string; kind: 'district' | 'subarea'; seat?: OutlinePosition };
};

export const OUTLINES = data as unknown as {
  type: 'FeatureCollection';
  provenance: string;
  features: Outline[];
};
