ALTER TABLE "users" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "contact_phone_index" text;--> statement-breakpoint
CREATE INDEX "users_phone_idx" ON "users" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "projects_contact_phone_idx" ON "projects" USING btree ("contact_phone_index");