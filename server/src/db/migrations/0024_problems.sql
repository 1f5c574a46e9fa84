CREATE TABLE "problem_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"problem_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"org_name" text,
	"step" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"problem_no" text NOT NULL,
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"raised_on" date NOT NULL,
	"status" text DEFAULT 'collected' NOT NULL,
	"complexity" text,
	"lead_org_id" uuid,
	"co_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"limit_working_days" integer,
	"assigned_on" date,
	"due_on" date,
	"original_due_on" date,
	"requested_due_on" date,
	"extension_reason" text,
	"level" text DEFAULT 'L1' NOT NULL,
	"level_since" date NOT NULL,
	"escalations" integer DEFAULT 0 NOT NULL,
	"supervised_on" date,
	"needs_policy" boolean DEFAULT false NOT NULL,
	"resolved_on" date,
	"resolution" text,
	"evidence_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"closed_on" date,
	"closed_how" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_lead_org_id_orgs_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_no_key" ON "problems" USING btree ("problem_no");--> statement-breakpoint
CREATE INDEX "problems_region_status_idx" ON "problems" USING btree ("region_id","status") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_project_idx" ON "problems" USING btree ("project_id") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_lead_org_idx" ON "problems" USING btree ("lead_org_id","status") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
-- Added by hand before it landed: a problem takes its project's region when raised and follows the project
-- to another 板块 or into deletion, as reports and approval items do (0021, 0022); a problem's change marks
-- the project's stored light stale (0023).
CREATE TRIGGER problems_take_region BEFORE INSERT ON "problems"
  FOR EACH ROW EXECUTE FUNCTION take_project_region();--> statement-breakpoint
CREATE FUNCTION problems_follow_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "problems"
     SET "region_id" = NEW."region_id",
         "deleted_at" = COALESCE("deleted_at", NEW."deleted_at")
   WHERE "project_id" = NEW."id"
     AND ("region_id" IS DISTINCT FROM NEW."region_id" OR ("deleted_at" IS NULL AND NEW."deleted_at" IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER problems_follow_project AFTER UPDATE OF "region_id", "deleted_at" ON "projects"
  FOR EACH ROW WHEN (OLD."region_id" IS DISTINCT FROM NEW."region_id" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at")
  EXECUTE FUNCTION problems_follow_project();--> statement-breakpoint
CREATE TRIGGER problems_lights_ins AFTER INSERT ON "problems" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();--> statement-breakpoint
CREATE TRIGGER problems_lights_upd AFTER UPDATE ON "problems" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION project_lights_mark_stale();
