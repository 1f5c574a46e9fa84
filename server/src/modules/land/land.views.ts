import { M2_PER_MU, type ParcelStatus } from '@groundbreak/domain';
import { type Clock, shanghaiDate } from '../../clock';
import type { Principal } from '../registry';
import type { LandRepository } from './land.repository';
import { OUTLINES } from './outlines';

// What the map and the supply–demand page show: parcels as GeoJSON features (coloured by status in the
// browser), projects as points, the district and 板块 outlines shipped with the app (no online tiles), and
// per 板块 the land ready against the land asked for.

export function landMapAndBalance(deps: { land: LandRepository; clock: Clock }) {
  const { land, clock } = deps;
  let outlineRegions: Promise<Map<string, string>> | undefined;
  return {
    /** The map's answer as JSON text: the parcels' GeoJSON comes from PostgreSQL as it is. */
    async map(
      principal: Principal,
      f: { regionId?: string | undefined; status?: ParcelStatus[] | undefined },
    ): Promise<string> {
      const { features, undrawn } = await land.mapFeatures(principal, f);
      const points = await land.projectPoints(principal, f.regionId);
      outlineRegions ??= land.regionIdsByCode();
      const regionOf = await outlineRegions;
      const outlines = {
        type: 'FeatureCollection' as const,
        provenance: OUTLINES.provenance,
        features: OUTLINES.features.map((o) => ({
          type: 'Feature' as const,
          geometry: o.geometry,
          properties: {
            code: o.properties.code,
            name: o.properties.name,
            kind: o.properties.kind,
            regionId: regionOf.get(o.properties.code) ?? null,
          },
        })),
      };
      return `{"parcels":{"type":"FeatureCollection","features":${features}},"projects":${JSON.stringify(
        points,
      )},"undrawn":${undrawn},"outlines":${JSON.stringify(outlines)}}`;
    },

    async balance(principal: Principal) {
      const today = shanghaiDate(clock.now());
      const year = Number(today.slice(0, 4));
      const rows = await land.balance(principal, await land.districtPath(principal), year, today);
      const targets = await land.landTargets(year);
      const targetM2 = (metric: string, regionId: string) => {
        const mu = targets.get(`${metric}:${regionId}`);
        return mu === undefined ? null : Math.round(mu * M2_PER_MU);
      };
      const start = Date.UTC(year, 0, 1);
      const elapsed = (Date.parse(`${today}T00:00:00Z`) - start) / (Date.UTC(year + 1, 0, 1) - start);
      return {
        year,
        timeElapsedRate: Math.round(elapsed * 1000) / 1000,
        items: rows.map((r) => ({
          regionId: r.region_id,
          regionName: r.region_name,
          readyAreaM2: r.ready,
          availableAreaM2: r.available,
          demandAreaM2: r.demand,
          waitingProjects: r.waiting,
          approvedUnsuppliedAreaM2: r.approved_unsupplied,
          idleAreaM2: r.idle,
          digestedAreaM2: r.digested,
          digestionTargetM2: targetM2('land_digestion', r.region_id),
          revitalisedAreaM2: r.revitalised,
          revitalisationTargetM2: targetM2('land_revitalisation', r.region_id),
        })),
      };
    },
  };
}
