CREATE TABLE "approval_catalogue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"stage" integer NOT NULL,
	"name" text NOT NULL,
	"dept_kind" text NOT NULL,
	"output" text NOT NULL,
	"statutory_days" integer,
	"promised_days" integer NOT NULL,
	"unit" text NOT NULL,
	"prerequisites" text[] DEFAULT '{}'::text[] NOT NULL,
	"parallel_group" text,
	"land_uses" text[],
	"investment" text,
	"automatic" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_approval_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"code" text NOT NULL,
	"stage" integer NOT NULL,
	"name" text NOT NULL,
	"dept_kind" text NOT NULL,
	"promised_days" integer NOT NULL,
	"unit" text NOT NULL,
	"prerequisites" text[] DEFAULT '{}'::text[] NOT NULL,
	"parallel_group" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"applied_on" date,
	"accepted_on" date,
	"done_on" date,
	"due_on" date,
	"document_no" text,
	"simulated" boolean DEFAULT false NOT NULL,
	"converted_on" date,
	"commitment" boolean DEFAULT false NOT NULL,
	"commitment_check_due_on" date,
	"commitment_check_result" text,
	"gaps" text,
	"gaps_due_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "project_approval_items" ADD CONSTRAINT "project_approval_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_catalogue_code_key" ON "approval_catalogue" USING btree ("code") WHERE "approval_catalogue"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "project_approval_items_project_code_key" ON "project_approval_items" USING btree ("project_id","code") WHERE "project_approval_items"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "project_approval_items_queue_idx" ON "project_approval_items" USING btree ("dept_kind","due_on") WHERE "project_approval_items"."deleted_at" IS NULL AND "project_approval_items"."status" IN ('accepted', 'accepted_with_gaps', 'pre_review');