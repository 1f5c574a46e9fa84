import type { ProgressResponse, progressQuery } from '@groundbreak/contract';
import {
  type CountedTask,
  microVariance,
  rankSubareas,
  type TaskStatus,
  taskLight,
  taskProgress,
} from '@groundbreak/domain';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { campaignCategories, campaignTasks, regions } from '../../db/schema/index';
import { regionInScope } from '../../lib/scope';
import type { Principal } from '../registry';
import type { CampaignsService } from './campaigns.service';

// The progress of a campaign (or one batch) on a day: per 板块 and category the tasks, those accepted, those
// overdue, 完成率 and 按时完成率 (domain taskProgress); the 板块 ranked on them with each calculation shown
// (a maintained point failing an inspection — a rebound — costs points); the points for the map, lit as on the task
// list; the 微更新 projects with 按期 / 需加快. Only the tasks in the caller's scope are counted: a 板块 sees
// its own figures, the district the whole campaign.

export function createProgressService(deps: {
  database: Database;
  clock: Clock;
  campaigns: CampaignsService;
}) {
  const { db } = deps.database;

  return {
    async progress(principal: Principal, query: z.output<typeof progressQuery>): Promise<ProgressResponse> {
      const campaign = await deps.campaigns.load(principal, query.campaignId);
      const day = query.asOf ?? shanghaiDate(deps.clock.now());
      const rules = await deps.campaigns.lightRules();
      const rows = await db
        .select({
          id: campaignTasks.id,
          taskNo: campaignTasks.taskNo,
          pointName: campaignTasks.pointName,
          status: campaignTasks.status,
          dueOn: campaignTasks.dueOn,
          acceptedOn: campaignTasks.acceptedOn,
          lon: campaignTasks.lon,
          lat: campaignTasks.lat,
          investmentYuan: campaignTasks.investmentYuan,
          microSchedule: campaignTasks.microSchedule,
          categoryCode: campaignTasks.categoryCode,
          regionId: campaignTasks.regionId,
          regionName: regions.name,
        })
        .from(campaignTasks)
        .innerJoin(regions, eq(regions.id, campaignTasks.regionId))
        .where(
          and(
            eq(campaignTasks.campaignId, campaign.id),
            isNull(campaignTasks.deletedAt),
            regionInScope(principal, campaignTasks.regionId),
            query.batchId ? eq(campaignTasks.batchId, query.batchId) : undefined,
            // A task registered after the day does not exist yet on it.
            sql`${campaignTasks.createdAt} < (${day}::date + 1)`,
          ),
        )
        .orderBy(asc(campaignTasks.taskNo));
      const categories = await db
        .select()
        .from(campaignCategories)
        .orderBy(asc(campaignCategories.sortOrder));
      // The 板块 of the campaign's district the caller sees.
      const subareas = await db
        .select({ id: regions.id, name: regions.name })
        .from(regions)
        .where(
          and(
            eq(regions.parentId, campaign.regionId),
            isNull(regions.deletedAt),
            regionInScope(principal, regions.id),
          ),
        )
        .orderBy(asc(regions.sortOrder), asc(regions.code));

      const counted = (list: typeof rows): CountedTask[] =>
        list.map((t) => ({ status: t.status as TaskStatus, dueOn: t.dueOn, acceptedOn: t.acceptedOn }));
      const overdueOf = (list: typeof rows) => taskProgress(counted(list), day).overdue;
      const byCategory = categories
        .map((c) => ({ c, list: rows.filter((t) => t.categoryCode === c.code) }))
        .filter(({ c, list }) => list.length > 0 || c.enabled)
        .map(({ c, list }) => ({ code: c.code, name: c.name, ...taskProgress(counted(list), day) }));
      // A task belongs to the 板块 whose subtree holds its region.
      const { rows: owners } = await db.execute<{ id: string; subarea: string | null }>(sql`
        SELECT tr.id::text, (SELECT s.id::text FROM regions s
                              WHERE s.parent_id = ${campaign.regionId}::uuid AND tr.path LIKE s.path || '%' LIMIT 1) AS subarea
          FROM regions tr
         WHERE tr.id IN (SELECT DISTINCT region_id FROM campaign_tasks WHERE campaign_id = ${campaign.id}::uuid)`);
      const subareaOf = new Map(owners.map((r) => [r.id, r.subarea]));
      // Rebounds: maintained points of the campaign that failed an inspection by the day, per 板块.
      const { rows: failed } = await db.execute<{ region_id: string; n: number }>(sql`
        SELECT t.region_id::text, count(DISTINCT mp.id)::int AS n
          FROM maintenance_points mp
          JOIN campaign_tasks t ON t.id = mp.task_id
          JOIN maintenance_inspections i ON i.point_id = mp.id AND NOT i.passed AND i.inspected_on <= ${day}::date
         WHERE t.campaign_id = ${campaign.id}::uuid AND t.deleted_at IS NULL AND mp.deleted_at IS NULL
           ${query.batchId ? sql`AND t.batch_id = ${query.batchId}::uuid` : sql``}
         GROUP BY t.region_id`);
      const reboundsOf = (subarea: string) =>
        failed.filter((f) => subareaOf.get(f.region_id) === subarea).reduce((sum, f) => sum + f.n, 0);
      // 板块 without a task of the campaign (outside its area) are not ranked.
      const ranked = rankSubareas(
        subareas
          .filter((s) => rows.some((t) => subareaOf.get(t.regionId) === s.id))
          .map((s) => ({
            key: s.id,
            progress: taskProgress(counted(rows.filter((t) => subareaOf.get(t.regionId) === s.id)), day),
            rebounds: reboundsOf(s.id),
          })),
      );
      const names = new Map(subareas.map((s) => [s.id, s.name]));
      const categoryName = new Map(categories.map((c) => [c.code, c.name]));
      return {
        asOf: day,
        campaign: { id: campaign.id, name: campaign.name },
        totals: taskProgress(counted(rows), day),
        byCategory,
        subareas: ranked.map((r) => ({
          regionId: r.key,
          regionName: names.get(r.key) ?? '',
          ...r.progress,
          rebounds: r.rebounds,
          score: r.score,
          rank: r.rank,
          calculation: r.calculation,
          byCategory: categories
            .map((c) => {
              const list = rows.filter(
                (t) => subareaOf.get(t.regionId) === r.key && t.categoryCode === c.code,
              );
              return {
                code: c.code,
                total: list.length,
                accepted: list.filter((t) => t.status === 'accepted').length,
                overdue: overdueOf(list),
              };
            })
            .filter((x) => x.total > 0),
        })),
        points: rows.flatMap((t) =>
          t.lon === null || t.lat === null
            ? []
            : [
                {
                  id: t.id,
                  taskNo: t.taskNo,
                  pointName: t.pointName,
                  regionName: t.regionName,
                  categoryName: categoryName.get(t.categoryCode) ?? t.categoryCode,
                  status: t.status,
                  light: taskLight(t, day, rules).light,
                  lon: t.lon,
                  lat: t.lat,
                },
              ],
        ),
        micro: rows.flatMap((t) => {
          if (!t.microSchedule) return [];
          const v = microVariance(t.microSchedule, day);
          return [
            {
              id: t.id,
              taskNo: t.taskNo,
              pointName: t.pointName,
              regionName: t.regionName,
              status: t.status,
              investmentYuan: t.investmentYuan,
              flag: v.flag,
              explanation: v.explanation,
            },
          ];
        }),
      };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
