CREATE TABLE "case_events" (
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"actor_name" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_events_case_id_seq_pk" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "case_timers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"state" text NOT NULL,
	"action" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"remaining_days" integer,
	"fired_at" timestamp with time zone,
	"fired_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"item_code" text NOT NULL,
	"item_version_id" uuid NOT NULL,
	"item_version" integer NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"applicant_person_id" uuid NOT NULL,
	"submitted_by_id" uuid,
	"agent_user_id" uuid,
	"applicant_real_name_level" text,
	"subject_kind" text NOT NULL,
	"subject_id" uuid,
	"subject_label" text NOT NULL,
	"outlet_id" uuid,
	"handling_office_id" uuid NOT NULL,
	"fee_fen" integer NOT NULL,
	"delivery" text NOT NULL,
	"delivery_address" text,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"provided" text[] DEFAULT '{}'::text[] NOT NULL,
	"check" jsonb NOT NULL,
	"rule_set" text,
	"decided_by" text,
	"correction" text,
	"outcome" jsonb,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_date" date,
	"statutory_due_date" date,
	"state_entered_at" timestamp with time zone NOT NULL,
	"state_due_date" date,
	"paused_since" date,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"code" text PRIMARY KEY NOT NULL,
	"current_version" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"definition_hash" text NOT NULL,
	"effective_from" date NOT NULL,
	"change_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "catalog_versions_code_version" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "partner_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"token_id" uuid,
	"person_id" uuid,
	"vehicle_id" uuid,
	"vin" text,
	"case_number" text,
	"valid_from" date,
	"valid_until" date,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_records_source_ref" UNIQUE("source","reference")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "partner_source" text;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timers" ADD CONSTRAINT "case_timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_version_id_catalog_versions_id_fk" FOREIGN KEY ("item_version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_applicant_person_id_persons_id_fk" FOREIGN KEY ("applicant_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_outlet_id_offices_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handling_office_id_offices_id_fk" FOREIGN KEY ("handling_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_code_catalog_items_code_fk" FOREIGN KEY ("code") REFERENCES "public"."catalog_items"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_records" ADD CONSTRAINT "partner_records_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_records" ADD CONSTRAINT "partner_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_records" ADD CONSTRAINT "partner_records_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_timers_due_idx" ON "case_timers" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "case_timers_case_idx" ON "case_timers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_applicant_idx" ON "cases" USING btree ("applicant_person_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_office_status_idx" ON "cases" USING btree ("handling_office_id","status");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "cases_subject_idx" ON "cases" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "catalog_versions_code_idx" ON "catalog_versions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "partner_records_person_idx" ON "partner_records" USING btree ("person_id","source");--> statement-breakpoint
CREATE INDEX "partner_records_vehicle_idx" ON "partner_records" USING btree ("vehicle_id","source");--> statement-breakpoint
CREATE INDEX "partner_records_vin_idx" ON "partner_records" USING btree ("vin","source");--> statement-breakpoint
CREATE INDEX "partner_records_case_idx" ON "partner_records" USING btree ("case_number");