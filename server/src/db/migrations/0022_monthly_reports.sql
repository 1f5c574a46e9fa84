CREATE TABLE "monthly_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"month_yuan" bigint,
	"ytd_yuan" bigint,
	"since_start_yuan" bigint,
	"equipment_yuan" bigint,
	"construction_yuan" bigint,
	"progress_text" text,
	"plan_node_key" text,
	"node_percent" integer,
	"work_this_month" text,
	"work_next_month" text,
	"problems_text" text,
	"in_statistics" boolean,
	"statistics_yuan" bigint,
	"funds_in_place_yuan" bigint,
	"workers" integer,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_project_month_key" ON "monthly_reports" USING btree ("project_id","month") WHERE "monthly_reports"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "monthly_reports_month_region_idx" ON "monthly_reports" USING btree ("month","region_id","status") WHERE "monthly_reports"."deleted_at" IS NULL;--> statement-breakpoint
-- Added by hand before it landed: a report follows its project to another 板块 (whoever moves it) and is
-- deleted with it, as approval items are (0021).
CREATE FUNCTION monthly_reports_follow_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "monthly_reports"
     SET "region_id" = NEW."region_id",
         "deleted_at" = COALESCE("deleted_at", NEW."deleted_at")
   WHERE "project_id" = NEW."id"
     AND ("region_id" IS DISTINCT FROM NEW."region_id" OR ("deleted_at" IS NULL AND NEW."deleted_at" IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER monthly_reports_follow_project AFTER UPDATE OF "region_id", "deleted_at" ON "projects"
  FOR EACH ROW WHEN (OLD."region_id" IS DISTINCT FROM NEW."region_id" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at")
  EXECUTE FUNCTION monthly_reports_follow_project();
--> statement-breakpoint
-- An approval item or a report takes its project's region when it is written, under a share lock on the
-- project: a move of the project committed meanwhile waits for the insert (and then carries the new row
-- along) or is seen by it, so no row keeps a 板块 its project has left. A deleted project takes no new rows.
CREATE FUNCTION take_project_region() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p RECORD;
BEGIN
  SELECT "region_id", "deleted_at" INTO p FROM "projects" WHERE "id" = NEW."project_id" FOR SHARE;
  IF p."deleted_at" IS NOT NULL AND NEW."deleted_at" IS NULL THEN
    RAISE EXCEPTION 'project % is deleted', NEW."project_id" USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW."region_id" := p."region_id";
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER project_approval_items_take_region BEFORE INSERT ON "project_approval_items"
  FOR EACH ROW EXECUTE FUNCTION take_project_region();--> statement-breakpoint
CREATE TRIGGER monthly_reports_take_region BEFORE INSERT ON "monthly_reports"
  FOR EACH ROW EXECUTE FUNCTION take_project_region();
