CREATE TABLE "annual_plan_items" (
	"plan_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"start_category" text NOT NULL,
	"completing" boolean NOT NULL,
	"planned_investment" bigint NOT NULL,
	CONSTRAINT "annual_plan_items_plan_id_project_id_pk" PRIMARY KEY("plan_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "annual_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"approved_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text NOT NULL,
	"region_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_libraries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"applied_on" date NOT NULL,
	"applied_by" uuid,
	"entered_on" date,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	"source_doc" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_state_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"event" text NOT NULL,
	"reason" text,
	"overridden" boolean DEFAULT false NOT NULL,
	"unmet" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_year_plans" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"planned_investment" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "project_year_plans_project_id_year_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"internal_no" text NOT NULL,
	"name" text NOT NULL,
	"project_code" text,
	"state" text NOT NULL,
	"suspended_from_state" text,
	"suspend_reason_category" text,
	"suspend_reason" text,
	"suspended_on" date,
	"expected_resume_on" date,
	"terminated_on" date,
	"terminate_reason" text,
	"region_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"investor_name" text,
	"investor_origin" text,
	"industry_chain" text,
	"responsible_org_id" uuid,
	"source" text,
	"builder_name" text,
	"uscc" text,
	"legal_representative" text,
	"contact_name" text,
	"contact_phone" text,
	"location" text,
	"longitude" double precision,
	"latitude" double precision,
	"construction_nature" text,
	"land_use" text,
	"project_type" text,
	"industry_code" text,
	"strategic_emerging" boolean DEFAULT false NOT NULL,
	"total_investment" bigint,
	"fixed_asset_investment" bigint,
	"equipment_investment" bigint,
	"foreign_investment_usd_wan" double precision,
	"registered_capital" bigint,
	"land_area_m2" double precision,
	"floor_area_m2" double precision,
	"plot_ratio" double precision,
	"building_coverage" double precision,
	"green_ratio" double precision,
	"scale_content" text,
	"design_capacity" text,
	"committed_intensity_wan_per_mu" double precision,
	"committed_sales_yuan" bigint,
	"committed_tax_wan_per_mu" double precision,
	"committed_jobs" integer,
	"committed_energy_tce" double precision,
	"signed_on" date,
	"access_review_passed_on" date,
	"filed_on" date,
	"planned_start_on" date,
	"actual_start_on" date,
	"planned_completion_on" date,
	"actual_completion_on" date,
	"planned_production_on" date,
	"actual_production_on" date,
	"planned_target_on" date,
	"capacity_reached_on" date,
	"land_ready_start" boolean DEFAULT false NOT NULL,
	"four_permits_on" date,
	"progress_text" text,
	"leader_user_id" uuid,
	"specialist_user_id" uuid,
	"in_stats" boolean DEFAULT false NOT NULL,
	"in_stats_on" date,
	"parcel_code" text,
	"parcel_available" boolean DEFAULT false NOT NULL,
	"land_list_completed_on" date,
	"land_contract_no" text,
	"land_contract_on" date,
	"land_planning_permit_no" text,
	"approval_started_on" date,
	"construction_permit_no" text,
	"construction_permit_on" date,
	"post_evaluation_approved_on" date,
	"levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"module" text NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"region_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"value" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "annual_plan_items" ADD CONSTRAINT "annual_plan_items_plan_id_annual_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."annual_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_plan_items" ADD CONSTRAINT "annual_plan_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_plans" ADD CONSTRAINT "annual_plans_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_libraries" ADD CONSTRAINT "project_libraries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_state_changes" ADD CONSTRAINT "project_state_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_year_plans" ADD CONSTRAINT "project_year_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_responsible_org_id_orgs_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_specialist_user_id_users_id_fk" FOREIGN KEY ("specialist_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_plans_year_version_key" ON "annual_plans" USING btree ("region_id","year","version");--> statement-breakpoint
CREATE INDEX "attachments_project_idx" ON "attachments" USING btree ("project_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_storage_key" ON "attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "project_libraries_live_key" ON "project_libraries" USING btree ("project_id","level","year") WHERE "project_libraries"."status" IN ('applied', 'entered') AND "project_libraries"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "project_libraries_entered_idx" ON "project_libraries" USING btree ("level","entered_on");--> statement-breakpoint
CREATE INDEX "project_libraries_status_idx" ON "project_libraries" USING btree ("status","applied_on");--> statement-breakpoint
CREATE INDEX "project_state_changes_project_idx" ON "project_state_changes" USING btree ("project_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_internal_no_key" ON "projects" USING btree ("internal_no");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_project_code_key" ON "projects" USING btree ("project_code") WHERE "projects"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_id","state") WHERE "projects"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "projects" USING btree ("state");--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "projects_investment_idx" ON "projects" USING btree ("total_investment");--> statement-breakpoint
CREATE INDEX "projects_levels_idx" ON "projects" USING gin ("levels");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "saved_views_user_idx" ON "saved_views" USING btree ("user_id","module");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_key" ON "targets" USING btree ("year","region_id","metric") WHERE "targets"."deleted_at" IS NULL;