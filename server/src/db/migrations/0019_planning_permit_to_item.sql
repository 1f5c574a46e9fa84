-- The 建设用地规划许可证 number moves from the land supply record to the project's approval item of that
-- permit (LAND_PLAN_PERMIT), which is its single source from now on (the next migration drops the column).
-- Each project's latest supply is the one the gate read; when it carries a number, an existing item takes
-- it (已办结 on the contract day, or the day the supply was last saved, unless the item was 免办 or 不予许可,
-- which keep their status and are left alone), and a project without the item gets one from the catalogue's
-- values of migration 0016 (the catalogue itself is seeded after migrations).
UPDATE "project_approval_items" AS i
   SET "document_no" = s."planning_permit_no",
       "status" = 'done',
       "accepted_on" = COALESCE(i."accepted_on", s."issued_on"),
       "done_on" = COALESCE(i."done_on", s."issued_on"),
       "note" = COALESCE(i."note" || '；', '') || '许可证号由出让记录迁移' ||
                CASE WHEN i."document_no" IS NOT NULL THEN '（原为 ' || i."document_no" || '）' ELSE '' END,
       "version" = i."version" + 1,
       "updated_at" = now()
  FROM (SELECT l."project_id", l."planning_permit_no", COALESCE(l."contract_on", l."updated_at"::date) AS "issued_on"
          FROM (SELECT DISTINCT ON ("project_id") * FROM "land_supplies"
                 WHERE "deleted_at" IS NULL ORDER BY "project_id", "updated_at" DESC) AS l
         WHERE l."planning_permit_no" IS NOT NULL) AS s
 WHERE i."project_id" = s."project_id" AND i."code" = 'LAND_PLAN_PERMIT' AND i."deleted_at" IS NULL
   AND i."status" NOT IN ('exempt', 'refused')
   AND i."document_no" IS DISTINCT FROM s."planning_permit_no";
--> statement-breakpoint
INSERT INTO "project_approval_items" ("id", "project_id", "code", "stage", "name", "dept_kind", "promised_days",
                                      "unit", "prerequisites", "parallel_group", "sort_order", "status",
                                      "accepted_on", "done_on", "document_no", "note", "created_at", "updated_at")
SELECT gen_random_uuid(), s."project_id", 'LAND_PLAN_PERMIT', 1, '建设用地规划许可证', 'natural_resources', 5,
       'working', '{LAND_CONTRACT}', 'PL', 6, 'done', s."issued_on", s."issued_on", s."planning_permit_no",
       '由出让记录迁移', now(), now()
  FROM (SELECT l."project_id", l."planning_permit_no", COALESCE(l."contract_on", l."updated_at"::date) AS "issued_on"
          FROM (SELECT DISTINCT ON ("project_id") * FROM "land_supplies"
                 WHERE "deleted_at" IS NULL ORDER BY "project_id", "updated_at" DESC) AS l
         WHERE l."planning_permit_no" IS NOT NULL) AS s
 WHERE NOT EXISTS (SELECT 1 FROM "project_approval_items" AS i
                    WHERE i."project_id" = s."project_id" AND i."code" = 'LAND_PLAN_PERMIT' AND i."deleted_at" IS NULL);
