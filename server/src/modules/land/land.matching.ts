import {
  LAND_LIST_ITEM_CODES,
  type LandDemand,
  NEARLY_COMPLETE_OPEN_ITEMS,
  type ParcelStatus,
  type ParcelUse,
  type ProjectState,
  scoreParcel,
  scoreTotal,
} from '@groundbreak/domain';
import { type Clock, shanghaiDate } from '../../clock';
import { AppError } from '../../errors';
import { projectInScope } from '../projects/projects.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';
import type { LandRepository } from './land.repository';

// 地等项目: a project's demand ranked against the parcels of the caller's scope (a 板块 its own parcels;
// 区发改 and 自然资源和规划 the district), and for a parcel the projects waiting for land, ranked the same
// way. The scoring is domain/land/matching.ts; this file only feeds it.

const TOP = 20;
const TOTAL = LAND_LIST_ITEM_CODES.length;

export function createLandMatching(deps: { land: LandRepository; projects: ProjectsService; clock: Clock }) {
  const { land, projects, clock } = deps;

  return {
    async parcelsFor(principal: Principal, projectId: string) {
      const project = await projects.load(principal, projectId);
      const demandRow = await land.demandOf(projectId);
      if (!demandRow) throw new AppError('CONFLICT', '请先填写项目的用地需求（面积、用途）');
      const demand: LandDemand = {
        areaM2: demandRow.areaM2,
        use: demandRow.use as ParcelUse,
        industryChain: project.industryChain,
        plotRatioNeeded: demandRow.plotRatioNeeded,
        intensityWanPerMu: project.committedIntensityWanPerMu,
        wantedOn: demandRow.wantedOn,
      };
      const today = shanghaiDate(clock.now());
      const candidates = await land.candidates(principal, demand.areaM2 * 0.8, NEARLY_COMPLETE_OPEN_ITEMS);
      const offerOf = (c: (typeof candidates)[number]) => ({
        areaM2: c.areaM2,
        use: c.use as ParcelUse,
        status: c.status as ParcelStatus,
        industries: c.industries,
        plotRatioMin: c.plotRatioMin,
        plotRatioMax: c.plotRatioMax,
        intensityMinWanPerMu: c.intensityMinWanPerMu,
        listDone: c.listDone,
        listTotal: TOTAL,
        readyOn: c.readyOn,
      });
      // Every candidate ranked by its total; only the top is explained part by part and named.
      const top = candidates
        .map((c) => ({
          c,
          total: scoreTotal(demand, offerOf(c), today),
          // The preferred 板块 breaks ties: same score, the parcel where the project wants to be first.
          preferred: demandRow.preferredRegionId === c.regionId ? 1 : 0,
        }))
        .sort(
          (a, b) =>
            b.total - a.total || b.preferred - a.preferred || a.c.parcelNo.localeCompare(b.c.parcelNo),
        )
        .slice(0, TOP);
      const names = await land.parcelNames(top.map((t) => t.c.id));
      return {
        considered: candidates.length,
        items: top.map(({ c }) => {
          const score = scoreParcel(demand, offerOf(c), today);
          const named = names.get(c.id);
          return {
            parcelId: c.id,
            parcelNo: c.parcelNo,
            name: named?.name ?? '',
            regionName: named?.regionName ?? '',
            areaM2: c.areaM2,
            status: c.status as ParcelStatus,
            total: score.total,
            parts: score.parts,
          };
        }),
      };
    },

    async projectsFor(
      principal: Principal,
      parcel: {
        areaM2: number;
        use: string;
        status: string;
        industries: string[];
        plotRatioMin: number | null;
        plotRatioMax: number | null;
        intensityMinWanPerMu: number | null;
        listDone: number;
        readyOn: string | null;
      },
    ) {
      const today = shanghaiDate(clock.now());
      const waiting = await land.waitingProjects(projectInScope(principal));
      const ranked = waiting
        .map((w) => ({
          w,
          score: scoreParcel(
            {
              areaM2: w.demand.areaM2,
              use: w.demand.use as ParcelUse,
              industryChain: w.industryChain,
              plotRatioNeeded: w.demand.plotRatioNeeded,
              intensityWanPerMu: w.committedIntensityWanPerMu,
              wantedOn: w.demand.wantedOn,
            },
            {
              areaM2: parcel.areaM2,
              use: parcel.use as ParcelUse,
              status: parcel.status as ParcelStatus,
              industries: parcel.industries,
              plotRatioMin: parcel.plotRatioMin,
              plotRatioMax: parcel.plotRatioMax,
              intensityMinWanPerMu: parcel.intensityMinWanPerMu,
              listDone: parcel.listDone,
              listTotal: TOTAL,
              readyOn: parcel.readyOn,
            },
            today,
          ),
        }))
        .sort((a, b) => b.score.total - a.score.total || a.w.internalNo.localeCompare(b.w.internalNo))
        .slice(0, TOP);
      return {
        considered: waiting.length,
        items: ranked.map(({ w, score }) => ({
          projectId: w.id,
          internalNo: w.internalNo,
          name: w.name,
          regionName: w.regionName,
          state: w.state as ProjectState,
          areaM2: w.demand.areaM2,
          total: score.total,
          parts: score.parts,
        })),
      };
    },
  };
}

export type LandMatching = ReturnType<typeof createLandMatching>;
