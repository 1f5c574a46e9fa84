CREATE TABLE "service_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_no" text NOT NULL,
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"items" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_on" date NOT NULL,
	"accepted_on" date,
	"helper_user_id" uuid,
	"helper_name" text,
	"done_on" date,
	"rating" integer,
	"rating_note" text,
	"rated_on" date,
	"poor_rated_on" date,
	"called_back_on" date,
	"callback_note" text,
	"rectified_on" date,
	"rerating" integer,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"step" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_service_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."service_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_tickets_no_key" ON "service_tickets" USING btree ("ticket_no");--> statement-breakpoint
CREATE INDEX "service_tickets_region_status_idx" ON "service_tickets" USING btree ("region_id","status") WHERE "service_tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "service_tickets_project_idx" ON "service_tickets" USING btree ("project_id") WHERE "service_tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
-- Added by hand before it landed: a ticket takes its project's region when created and follows the project
-- to another 板块 or into deletion, as reports, items and problems do.
CREATE TRIGGER service_tickets_take_region BEFORE INSERT ON "service_tickets"
  FOR EACH ROW EXECUTE FUNCTION take_project_region();--> statement-breakpoint
CREATE FUNCTION service_tickets_follow_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "service_tickets"
     SET "region_id" = NEW."region_id",
         "deleted_at" = COALESCE("deleted_at", NEW."deleted_at")
   WHERE "project_id" = NEW."id"
     AND ("region_id" IS DISTINCT FROM NEW."region_id" OR ("deleted_at" IS NULL AND NEW."deleted_at" IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER service_tickets_follow_project AFTER UPDATE OF "region_id", "deleted_at" ON "projects"
  FOR EACH ROW WHEN (OLD."region_id" IS DISTINCT FROM NEW."region_id" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at")
  EXECUTE FUNCTION service_tickets_follow_project();
