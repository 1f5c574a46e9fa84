-- The project list filters by 板块 (and the caller's region scope), state and library level, and sorts
-- by investment or date. With those columns in the index, the page's ids and the total come from an
-- index-only scan; only the 20–100 rows of the page are read from the table. Drizzle's schema cannot
-- express INCLUDE, so the index keeps its name and columns there and gains its INCLUDE list here.
DROP INDEX IF EXISTS "projects_region_idx";--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_id", "state")
  INCLUDE ("id", "levels", "total_investment", "updated_at", "planned_start_on", "actual_start_on", "enterprise_id")
  WHERE "deleted_at" IS NULL;
