ALTER TABLE "parcels" ADD COLUMN "list_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "list_counted_on" date;--> statement-breakpoint
CREATE INDEX "parcels_available_idx" ON "parcels" USING btree ("status","area_m2") WHERE "parcels"."deleted_at" IS NULL AND "parcels"."project_id" IS NULL;