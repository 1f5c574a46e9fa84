-- The 建设用地规划许可证 number moves from the land supply record to the project's approval item of that
-- permit (LAND_PLAN_PERMIT), which is its single source from now on (the next migration drops the column).
-- The latest supply of each project carries the number; an item that exists takes it, and is 已办结 on the
-- contract day unless it was settled already; a project without the item gets one, from the catalogue's
-- values of migration 0016 (the catalogue itself is seeded after migrations).
UPDATE "project_approval_items" AS i
   SET "document_no" = s."planning_permit_no",
       "status" = 'done',
       "accepted_on" = COALESCE(i."accepted_on", s."contract_on"),
       "done_on" = COALESCE(i."done_on", s."contract_on"),
       "version" = i."version" + 1,
       "updated_at" = now()
  FROM (SELECT DISTINCT ON ("project_id") "project_id", "planning_permit_no", "contract_on"
          FROM "land_supplies"
         WHERE "deleted_at" IS NULL AND "planning_permit_no" IS NOT NULL
         ORDER BY "project_id", "updated_at" DESC) AS s
 WHERE i."project_id" = s."project_id" AND i."code" = 'LAND_PLAN_PERMIT' AND i."deleted_at" IS NULL
   AND i."document_no" IS DISTINCT FROM s."planning_permit_no";
--> statement-breakpoint
INSERT INTO "project_approval_items" ("id", "project_id", "code", "stage", "name", "dept_kind", "promised_days",
                                      "unit", "prerequisites", "parallel_group", "sort_order", "status",
                                      "accepted_on", "done_on", "document_no", "note", "created_at", "updated_at")
SELECT gen_random_uuid(), s."project_id", 'LAND_PLAN_PERMIT', 1, '建设用地规划许可证', 'natural_resources', 5,
       'working', '{LAND_CONTRACT}', 'PL', 6, 'done', s."contract_on", s."contract_on", s."planning_permit_no",
       '由出让记录迁移', now(), now()
  FROM (SELECT DISTINCT ON ("project_id") "project_id", "planning_permit_no", "contract_on"
          FROM "land_supplies"
         WHERE "deleted_at" IS NULL AND "planning_permit_no" IS NOT NULL
         ORDER BY "project_id", "updated_at" DESC) AS s
 WHERE NOT EXISTS (SELECT 1 FROM "project_approval_items" AS i
                    WHERE i."project_id" = s."project_id" AND i."code" = 'LAND_PLAN_PERMIT' AND i."deleted_at" IS NULL);
