CREATE TABLE "lead_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"participants" text,
	"next_step" text,
	"next_step_on" date,
	"next_step_done_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"organisation" text,
	"phone_cipher" text,
	"phone_index" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_profiles" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"company_name" text NOT NULL,
	"company_name_norm" text NOT NULL,
	"investor_uscc" text,
	"investor_group" text,
	"investor_origin" text,
	"intended_product" text,
	"estimated_land_mu" double precision,
	"source" text NOT NULL,
	"owner_user_id" uuid,
	"in_pool" boolean DEFAULT false NOT NULL,
	"pooled_at" timestamp with time zone,
	"assigned_via" text,
	"assigned_at" timestamp with time zone,
	"registered_region_id" uuid NOT NULL,
	"registered_on" date NOT NULL,
	"merged_into_project_id" uuid,
	"merged_at" timestamp with time zone,
	"merged_by" uuid,
	"score" double precision,
	"grade" text,
	"score_detail" jsonb,
	"scored_at" timestamp with time zone,
	"scored_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_commitments" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"agreement_no" text,
	"signed_on" date NOT NULL,
	"investment_yuan" bigint NOT NULL,
	"fixed_asset_yuan" bigint,
	"intensity_wan_per_mu" double precision NOT NULL,
	"annual_sales_yuan" bigint,
	"tax_wan_per_mu" double precision,
	"annual_tax_yuan" bigint,
	"jobs" integer,
	"capacity_value" double precision,
	"capacity_unit" text,
	"energy_tce" double precision,
	"rd_ratio" double precision,
	"plot_ratio" double precision,
	"start_by" date NOT NULL,
	"completion_by" date NOT NULL,
	"production_by" date,
	"target_year" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"meeting_name" text NOT NULL,
	"meeting_on" date NOT NULL,
	"criteria" jsonb NOT NULL,
	"result" text NOT NULL,
	"conditions" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "completion_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text NOT NULL,
	"survey_report_no" text,
	"survey_approved_on" date,
	"premium_paid" boolean DEFAULT false NOT NULL,
	"no_illegal_construction" boolean DEFAULT false NOT NULL,
	"survey_approved" boolean DEFAULT false NOT NULL,
	"joint_acceptance_passed" boolean DEFAULT false NOT NULL,
	"no_seizure" boolean DEFAULT false NOT NULL,
	"applied_on" date,
	"joint_acceptance_no" text,
	"joint_acceptance_on" date,
	"filing_no" text,
	"filing_on" date,
	"title_no" text,
	"title_on" date,
	"days_acceptance_to_title" integer,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "default_dispositions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"evaluation_id" uuid,
	"rectification_id" uuid,
	"measure" text NOT NULL,
	"description" text NOT NULL,
	"decision_no" text,
	"decided_on" date NOT NULL,
	"amount_yuan" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"notice_no" text NOT NULL,
	"requirements" text NOT NULL,
	"issued_on" date NOT NULL,
	"deadline_on" date NOT NULL,
	"status" text NOT NULL,
	"recheck_evaluation_id" uuid,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"data_year" integer NOT NULL,
	"due_on" date NOT NULL,
	"fill_by" date,
	"status" text NOT NULL,
	"committed" jsonb NOT NULL,
	"actual" jsonb,
	"settings" jsonb NOT NULL,
	"breakdown" jsonb,
	"score" double precision,
	"grade" text,
	"filled_at" timestamp with time zone,
	"filled_by" uuid,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"verify_note" text,
	"scored_at" timestamp with time zone,
	"scored_by" uuid,
	"notified_at" timestamp with time zone,
	"feedback" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mu_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"year" integer NOT NULL,
	"mu_class" text NOT NULL,
	"score" double precision,
	"sales_yuan" bigint,
	"tax_yuan" bigint,
	"land_mu" double precision,
	"energy_tce" double precision,
	"employees" integer,
	"rd_yuan" bigint,
	"import_job_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "optimisation_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluation_id" uuid,
	"project_id" uuid,
	"region_id" uuid NOT NULL,
	"industry_chain" text,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_org_id" uuid,
	"owner_name" text,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"closed_on" date,
	"closing_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_contacts" ADD CONSTRAINT "lead_contacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_profiles" ADD CONSTRAINT "lead_profiles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_profiles" ADD CONSTRAINT "lead_profiles_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_profiles" ADD CONSTRAINT "lead_profiles_registered_region_id_regions_id_fk" FOREIGN KEY ("registered_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_profiles" ADD CONSTRAINT "lead_profiles_merged_into_project_id_projects_id_fk" FOREIGN KEY ("merged_into_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_commitments" ADD CONSTRAINT "project_commitments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_applications" ADD CONSTRAINT "completion_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_dispositions" ADD CONSTRAINT "default_dispositions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_dispositions" ADD CONSTRAINT "default_dispositions_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_dispositions" ADD CONSTRAINT "default_dispositions_rectification_id_evaluation_rectifications_id_fk" FOREIGN KEY ("rectification_id") REFERENCES "public"."evaluation_rectifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rectifications" ADD CONSTRAINT "evaluation_rectifications_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rectifications" ADD CONSTRAINT "evaluation_rectifications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mu_evaluations" ADD CONSTRAINT "mu_evaluations_import_job_id_import_jobs_id_fk" FOREIGN KEY ("import_job_id") REFERENCES "public"."import_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimisation_actions" ADD CONSTRAINT "optimisation_actions_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimisation_actions" ADD CONSTRAINT "optimisation_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimisation_actions" ADD CONSTRAINT "optimisation_actions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimisation_actions" ADD CONSTRAINT "optimisation_actions_owner_org_id_orgs_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_activities_project_idx" ON "lead_activities" USING btree ("project_id","occurred_on");--> statement-breakpoint
CREATE INDEX "lead_activities_next_idx" ON "lead_activities" USING btree ("next_step_on") WHERE "lead_activities"."next_step_done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "lead_contacts_project_idx" ON "lead_contacts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "lead_profiles_name_norm_idx" ON "lead_profiles" USING btree ("company_name_norm");--> statement-breakpoint
CREATE INDEX "lead_profiles_uscc_idx" ON "lead_profiles" USING btree ("investor_uscc") WHERE "lead_profiles"."investor_uscc" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "lead_profiles_pool_idx" ON "lead_profiles" USING btree ("in_pool") WHERE "lead_profiles"."in_pool";--> statement-breakpoint
CREATE INDEX "project_reviews_project_idx" ON "project_reviews" USING btree ("project_id","meeting_on");--> statement-breakpoint
CREATE UNIQUE INDEX "completion_applications_project_uq" ON "completion_applications" USING btree ("project_id") WHERE "completion_applications"."deleted_at" IS NULL AND "completion_applications"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "completion_applications_status_idx" ON "completion_applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "default_dispositions_project_idx" ON "default_dispositions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "evaluation_rectifications_project_idx" ON "evaluation_rectifications" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "evaluation_rectifications_status_idx" ON "evaluation_rectifications" USING btree ("status","deadline_on");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_generated_uq" ON "evaluations" USING btree ("project_id","kind","data_year") WHERE "evaluations"."kind" <> 'recheck' AND "evaluations"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "evaluations_status_idx" ON "evaluations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "evaluations_project_idx" ON "evaluations" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mu_evaluations_uscc_year_uq" ON "mu_evaluations" USING btree ("uscc","year") WHERE "mu_evaluations"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "mu_evaluations_year_idx" ON "mu_evaluations" USING btree ("year","mu_class");--> statement-breakpoint
CREATE INDEX "optimisation_actions_region_idx" ON "optimisation_actions" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "optimisation_actions_evaluation_idx" ON "optimisation_actions" USING btree ("evaluation_id");--> statement-breakpoint
CREATE INDEX "projects_leads_created_idx" ON "projects" USING btree ("created_at" DESC NULLS FIRST,"id") WHERE "projects"."deleted_at" IS NULL AND "projects"."state" IN ('LEAD', 'NEGOTIATING');