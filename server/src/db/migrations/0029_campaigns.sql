CREATE TABLE "campaign_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "campaign_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"name" text NOT NULL,
	"indicators" jsonb NOT NULL,
	"checklist" jsonb NOT NULL,
	"rectify_working_days" integer NOT NULL,
	"inspect_every_days" integer NOT NULL,
	"sort_order" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "campaign_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"inspection_id" uuid,
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
CREATE TABLE "campaign_task_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"step" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "campaign_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_no" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"batch_id" uuid,
	"category_code" text NOT NULL,
	"region_id" uuid NOT NULL,
	"village" text,
	"point_name" text NOT NULL,
	"address" text,
	"lon" double precision,
	"lat" double precision,
	"description" text NOT NULL,
	"requirement" text,
	"responsible_org_id" uuid,
	"responsible_person" text,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"completed_on" date,
	"accepted_on" date,
	"accepted_by" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"quantities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"investment_yuan" bigint,
	"micro_schedule" jsonb,
	"return_reason" text,
	"before_photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"after_photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_id" uuid NOT NULL,
	"lead_org_id" uuid,
	"area_tag" text,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "maintenance_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"point_id" uuid NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector_id" uuid,
	"inspector_name" text NOT NULL,
	"results" jsonb NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"note" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"order_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_points" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"keeper" text NOT NULL,
	"keeper_person" text,
	"checklist" jsonb NOT NULL,
	"every_days" integer NOT NULL,
	"entered_on" date NOT NULL,
	"last_inspected_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rectification_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"point_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"requirement" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"closed_by_inspection_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "campaign_batches" ADD CONSTRAINT "campaign_batches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_photos" ADD CONSTRAINT "campaign_photos_task_id_campaign_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."campaign_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_events" ADD CONSTRAINT "campaign_task_events_task_id_campaign_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."campaign_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_batch_id_campaign_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."campaign_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_category_code_campaign_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."campaign_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_responsible_org_id_orgs_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_lead_org_id_orgs_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_inspections" ADD CONSTRAINT "maintenance_inspections_point_id_maintenance_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."maintenance_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_points" ADD CONSTRAINT "maintenance_points_task_id_campaign_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."campaign_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_points" ADD CONSTRAINT "maintenance_points_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_point_id_maintenance_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."maintenance_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_inspection_id_maintenance_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."maintenance_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_batches_name_uq" ON "campaign_batches" USING btree ("campaign_id","name") WHERE "campaign_batches"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaign_photos_task_idx" ON "campaign_photos" USING btree ("task_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_photos_storage_key" ON "campaign_photos" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "campaign_task_events_task_idx" ON "campaign_task_events" USING btree ("task_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_tasks_no_uq" ON "campaign_tasks" USING btree ("task_no");--> statement-breakpoint
CREATE INDEX "campaign_tasks_region_status_idx" ON "campaign_tasks" USING btree ("region_id","status") WHERE "campaign_tasks"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaign_tasks_campaign_idx" ON "campaign_tasks" USING btree ("campaign_id","batch_id") WHERE "campaign_tasks"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "maintenance_inspections_point_idx" ON "maintenance_inspections" USING btree ("point_id","inspected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_points_task_uq" ON "maintenance_points" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "maintenance_points_region_idx" ON "maintenance_points" USING btree ("region_id") WHERE "maintenance_points"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_orders_no_uq" ON "rectification_orders" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "rectification_orders_point_idx" ON "rectification_orders" USING btree ("point_id","status");