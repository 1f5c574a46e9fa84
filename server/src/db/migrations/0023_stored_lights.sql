CREATE TABLE "project_light_months" (
	"month" text NOT NULL,
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"light" text NOT NULL,
	"since" date,
	"as_of" date NOT NULL,
	"period" text NOT NULL,
	"rule_set" text NOT NULL,
	"findings" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_light_months_month_project_id_pk" PRIMARY KEY("month","project_id")
);
--> statement-breakpoint
CREATE TABLE "project_lights" (
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"light" text NOT NULL,
	"since" date,
	"as_of" date NOT NULL,
	"period" text NOT NULL,
	"rule_set" text NOT NULL,
	"findings" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"stale" boolean DEFAULT false NOT NULL,
	CONSTRAINT "project_lights_project_id_pk" PRIMARY KEY("project_id")
);
--> statement-breakpoint
CREATE TABLE "tracking_months" (
	"month" text PRIMARY KEY NOT NULL,
	"closed_on" date NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"projects" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_light_months" ADD CONSTRAINT "project_light_months_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_light_months" ADD CONSTRAINT "project_light_months_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_lights" ADD CONSTRAINT "project_lights_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_lights" ADD CONSTRAINT "project_lights_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_light_months_region_idx" ON "project_light_months" USING btree ("month","region_id","light");--> statement-breakpoint
CREATE INDEX "project_lights_region_light_idx" ON "project_lights" USING btree ("region_id","light","since","project_id") WHERE "project_lights"."light" <> 'green';--> statement-breakpoint
CREATE INDEX "project_lights_stale_idx" ON "project_lights" USING btree ("project_id") WHERE "project_lights"."stale";--> statement-breakpoint
-- Added by hand before it landed: a change to any fact a light reads marks the project's stored light stale
-- (one statement-level trigger per table and event, so a bulk write costs one UPDATE); the tracking module
-- refreshes its own writes at once and a job refreshes the rest within minutes.
CREATE FUNCTION project_lights_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "project_lights" l SET "stale" = true
    FROM (SELECT DISTINCT "project_id" FROM changed) c
   WHERE l."project_id" = c."project_id" AND NOT l."stale";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER monthly_reports_lights_ins AFTER INSERT ON "monthly_reports" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER monthly_reports_lights_upd AFTER UPDATE ON "monthly_reports" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_approval_items_lights_ins AFTER INSERT ON "project_approval_items" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_approval_items_lights_upd AFTER UPDATE ON "project_approval_items" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_plans_lights_ins AFTER INSERT ON "project_plans" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_plans_lights_upd AFTER UPDATE ON "project_plans" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_year_plans_lights_ins AFTER INSERT ON "project_year_plans" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_year_plans_lights_upd AFTER UPDATE ON "project_year_plans" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER project_year_plans_lights_del AFTER DELETE ON "project_year_plans" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
-- A project's own facts (state, start dates, type) and its 板块: the light follows a move, is marked stale on
-- a change, and goes with the project when it is deleted.
CREATE FUNCTION project_lights_follow_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."deleted_at" IS NOT NULL THEN
    DELETE FROM "project_lights" WHERE "project_id" = NEW."id";
  ELSE
    UPDATE "project_lights" SET "region_id" = NEW."region_id", "stale" = true WHERE "project_id" = NEW."id";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER project_lights_follow_project AFTER UPDATE ON "projects"
  FOR EACH ROW WHEN (OLD."region_id" IS DISTINCT FROM NEW."region_id" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at"
    OR OLD."state" IS DISTINCT FROM NEW."state" OR OLD."planned_start_on" IS DISTINCT FROM NEW."planned_start_on"
    OR OLD."actual_start_on" IS DISTINCT FROM NEW."actual_start_on" OR OLD."project_type" IS DISTINCT FROM NEW."project_type"
    OR OLD."total_investment" IS DISTINCT FROM NEW."total_investment")
  EXECUTE FUNCTION project_lights_follow_project();
