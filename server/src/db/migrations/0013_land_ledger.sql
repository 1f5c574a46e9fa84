CREATE TABLE "idle_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parcel_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"cause" text,
	"disposal" text,
	"notice_on" date,
	"determination_no" text,
	"determined_on" date,
	"plan" text,
	"decision_no" text,
	"decided_on" date,
	"fee_yuan" bigint,
	"deadline_on" date,
	"result" text,
	"closed_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "land_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_id" uuid NOT NULL,
	"doc_no" text,
	"approved_on" date,
	"valid_until" date,
	"parcel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"new_farmland_m2" double precision,
	"relocated_land_m2" double precision,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "land_supplies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parcel_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"method" text NOT NULL,
	"announced_on" date,
	"deal_on" date,
	"price_yuan" bigint,
	"grantee" text,
	"contract_no" text,
	"contract_on" date,
	"agreed_start_on" date,
	"agreed_completion_on" date,
	"planning_permit_no" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "parcel_list_items" (
	"parcel_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"doc_no" text,
	"approved_on" date,
	"valid_until" date,
	"conclusion" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "parcel_list_items_parcel_id_code_pk" PRIMARY KEY("parcel_id","code")
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parcel_no" text NOT NULL,
	"unit_code" text,
	"name" text NOT NULL,
	"region_id" uuid NOT NULL,
	"location" text,
	"boundary" text,
	"geometry" jsonb,
	"centre_lon" double precision,
	"centre_lat" double precision,
	"area_m2" double precision NOT NULL,
	"use" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"plot_ratio_min" double precision,
	"plot_ratio_max" double precision,
	"building_coverage_min" double precision,
	"green_ratio_max" double precision,
	"height_limit_m" double precision,
	"intensity_min_wan_per_mu" double precision,
	"tax_min_wan_per_mu" double precision,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"conversion_batch" text,
	"conversion_approval_no" text,
	"conversion_approved_on" date,
	"conversion_authority" text,
	"conversion_valid_until" date,
	"ready_on" date,
	"project_id" uuid,
	"developed_area_m2" double precision,
	"invested_yuan" bigint,
	"last_progress_on" date,
	"idle_light" text DEFAULT 'none' NOT NULL,
	"idle_days" integer,
	"idle_reason" text,
	"idle_checked_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_land_demands" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"area_m2" double precision NOT NULL,
	"use" text NOT NULL,
	"plot_ratio_needed" double precision,
	"preferred_region_id" uuid,
	"wanted_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "regional_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"doc_no" text,
	"approved_on" date,
	"valid_until" date,
	"conclusion" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "idle_cases" ADD CONSTRAINT "idle_cases_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_programmes" ADD CONSTRAINT "land_programmes_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_supplies" ADD CONSTRAINT "land_supplies_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_supplies" ADD CONSTRAINT "land_supplies_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_list_items" ADD CONSTRAINT "parcel_list_items_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_land_demands" ADD CONSTRAINT "project_land_demands_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_land_demands" ADD CONSTRAINT "project_land_demands_preferred_region_id_regions_id_fk" FOREIGN KEY ("preferred_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_assessments" ADD CONSTRAINT "regional_assessments_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idle_cases_parcel_idx" ON "idle_cases" USING btree ("parcel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "land_supplies_parcel_key" ON "land_supplies" USING btree ("parcel_id") WHERE "land_supplies"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "land_supplies_project_idx" ON "land_supplies" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_no_key" ON "parcels" USING btree ("parcel_no") WHERE "parcels"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "parcels_region_idx" ON "parcels" USING btree ("region_id","status") WHERE "parcels"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "parcels_project_idx" ON "parcels" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "regional_assessments_key" ON "regional_assessments" USING btree ("region_id","code") WHERE "regional_assessments"."deleted_at" IS NULL;