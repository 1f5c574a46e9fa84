CREATE TABLE "plan_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"anchor" text NOT NULL,
	"nodes" jsonb NOT NULL,
	"links" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"template_code" text NOT NULL,
	"anchor" text NOT NULL,
	"target_on" date NOT NULL,
	"nodes" jsonb NOT NULL,
	"links" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"revision_reason" text,
	"baseline" jsonb,
	"baseline_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "project_plans" ADD CONSTRAINT "project_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_templates_code_key" ON "plan_templates" USING btree ("code") WHERE "plan_templates"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "project_plans_project_key" ON "project_plans" USING btree ("project_id") WHERE "project_plans"."deleted_at" IS NULL;