CREATE TABLE "agent_authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"agent_user_id" uuid NOT NULL,
	"item_codes" text[] NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_authorizations" ADD CONSTRAINT "agent_authorizations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_authorizations_agent_idx" ON "agent_authorizations" USING btree ("agent_user_id");--> statement-breakpoint
CREATE INDEX "agent_authorizations_person_idx" ON "agent_authorizations" USING btree ("person_id");