CREATE TABLE "import_job_rows" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sheet" text NOT NULL,
	"row_number" integer NOT NULL,
	"action" text NOT NULL,
	"target_id" uuid,
	"target_version" integer,
	"matched_by" text,
	"label" text NOT NULL,
	"patch" jsonb,
	"changes" jsonb,
	"errors" jsonb,
	"warnings" jsonb,
	CONSTRAINT "import_job_rows_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text,
	"status" text NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"message" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "import_job_rows" ADD CONSTRAINT "import_job_rows_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_job_rows_action_idx" ON "import_job_rows" USING btree ("job_id","action","seq");--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "import_jobs_committed_sha_idx" ON "import_jobs" USING btree ("kind","sha256") WHERE "import_jobs"."status" = 'committed';