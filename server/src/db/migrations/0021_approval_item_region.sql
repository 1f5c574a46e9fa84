-- An approval item carries its project's region (every business row carries the region it belongs to), so
-- that the department queue is scoped and counted from the item's own index instead of a join per item.
-- Generated, then completed by hand before it landed: the column is filled before it becomes NOT NULL, items
-- of projects already deleted are retired, and a trigger keeps both facts true from now on.
ALTER TABLE "project_approval_items" ADD COLUMN "region_id" uuid;--> statement-breakpoint
UPDATE "project_approval_items" AS i
   SET "region_id" = p."region_id",
       "deleted_at" = COALESCE(i."deleted_at", p."deleted_at")
  FROM "projects" AS p
 WHERE p."id" = i."project_id";--> statement-breakpoint
ALTER TABLE "project_approval_items" ALTER COLUMN "region_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "project_approval_items" ADD CONSTRAINT "project_approval_items_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_approval_items_scope_idx" ON "project_approval_items" USING btree ("dept_kind","region_id") WHERE "project_approval_items"."deleted_at" IS NULL AND "project_approval_items"."status" IN ('accepted', 'accepted_with_gaps', 'pre_review');--> statement-breakpoint
-- Whoever moves a project to another 板块 (an edit, an import, a claim) or deletes it, its items follow.
CREATE FUNCTION project_approval_items_follow_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "project_approval_items"
     SET "region_id" = NEW."region_id",
         "deleted_at" = COALESCE("deleted_at", NEW."deleted_at")
   WHERE "project_id" = NEW."id"
     AND ("region_id" IS DISTINCT FROM NEW."region_id" OR ("deleted_at" IS NULL AND NEW."deleted_at" IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER project_approval_items_follow_project AFTER UPDATE OF "region_id", "deleted_at" ON "projects"
  FOR EACH ROW WHEN (OLD."region_id" IS DISTINCT FROM NEW."region_id" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at")
  EXECUTE FUNCTION project_approval_items_follow_project();
