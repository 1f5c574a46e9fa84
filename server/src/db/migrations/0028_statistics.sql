CREATE TABLE "briefings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"title" text NOT NULL,
	"paragraphs" jsonb NOT NULL,
	"red_list" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_shape" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"red_total" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"issue_year" integer,
	"issue_no" integer,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"region_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"shape" integer NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "stats_snapshots_region_id_year_month_pk" PRIMARY KEY("region_id","year","month")
);
--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_snapshots" ADD CONSTRAINT "stats_snapshots_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefings_region_created_idx" ON "briefings" USING btree ("region_id","created_at") WHERE "briefings"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "briefings_issue_no_uq" ON "briefings" USING btree ("region_id","issue_year","issue_no") WHERE "briefings"."issue_no" IS NOT NULL;