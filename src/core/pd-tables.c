/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-groups.h"
#include "pd-member.h"
#include "pd-staff-private.h"
#include "pd-tables.h"
#include "pd-volunteers.h"

/* Every table of records, described once: what its columns hold, which
 * values they allow and what they refer to. */

/* Demographics follow the HUD HMIS data standard: several yes/no choices
 * for gender and race, one answer for the others, and the same three
 * data-quality answers everywhere. */
#define DATA_QUALITY_CODES \
  { "doesnt_know", N_("Doesn’t know") }, \
  { "prefers_not_to_answer", N_("Prefers not to answer") }, \
  { "not_collected", N_("Not collected") }, \
  { NULL, NULL }

static const PdCode data_quality_codes[] = {
  DATA_QUALITY_CODES
};

static const PdCode status_codes[] = {
  { "active", N_("Active") },
  { "inactive", N_("Inactive") },
  { NULL, NULL }
};

static const PdCode gender_codes[] = {
  { "woman", N_("Woman") },
  { "man", N_("Man") },
  { "culturally_specific", N_("Culturally specific identity") },
  { "transgender", N_("Transgender") },
  { "non_binary", N_("Non-binary") },
  { "questioning", N_("Questioning") },
  { "different_identity", N_("Different identity") },
  DATA_QUALITY_CODES
};

static const PdCode race_codes[] = {
  { "american_indian", N_("American Indian, Alaska Native or Indigenous") },
  { "asian", N_("Asian or Asian American") },
  { "black", N_("Black, African American or African") },
  { "middle_eastern", N_("Middle Eastern or North African") },
  { "pacific_islander", N_("Native Hawaiian or Pacific Islander") },
  { "white", N_("White") },
  DATA_QUALITY_CODES
};

static const PdCode ethnicity_codes[] = {
  { "hispanic", N_("Hispanic or Latina/e/o") },
  { "not_hispanic", N_("Not Hispanic or Latina/e/o") },
  DATA_QUALITY_CODES
};

static const PdCode yes_no_codes[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
  DATA_QUALITY_CODES
};

static const PdCode housing_codes[] = {
  { "stably_housed", N_("Stably housed") },
  { "unstably_housed", N_("Unstably housed or at risk") },
  { "recovery_housing", N_("Recovery or transitional housing") },
  { "sheltered", N_("Homeless, sheltered") },
  { "unsheltered", N_("Homeless, unsheltered") },
  { "institution", N_("In an institution") },
  DATA_QUALITY_CODES
};

static const PdCode justice_codes[] = {
  { "none", N_("None") },
  { "probation_parole", N_("On probation or parole") },
  { "recently_released", N_("Released from incarceration in the last year") },
  { "pending_charges", N_("Charges pending") },
  { "treatment_court", N_("Drug or treatment court") },
  DATA_QUALITY_CODES
};

static const PdCode delivery_codes[] = {
  { "in_person", N_("In person") },
  { "online", N_("Online") },
  { NULL, NULL }
};

const PdCode *
pd_data_quality_codes (void)
{
  return data_quality_codes;
}

/* How long a name or a short text of a member may be, in characters. */
#define SHORT_TEXT 200

#define ID { .name = "id", .kind = PD_FIELD_ID }
#define REF(n, table) { .name = n, .kind = PD_FIELD_REF, .references = table }
#define OPTIONAL_REF(n, table) \
  { .name = n, .kind = PD_FIELD_REF, .optional = TRUE, .references = table }
#define INTEGER(n, lowest, highest) \
  { .name = n, .kind = PD_FIELD_INTEGER, .min = lowest, .max = highest }
#define FLAG(n) { .name = n, .kind = PD_FIELD_FLAG }
#define TEXT(n) { .name = n, .kind = PD_FIELD_TEXT }
#define LABEL(n) { .name = n, .kind = PD_FIELD_TEXT, .required = TRUE }
#define CODE(n, list) { .name = n, .kind = PD_FIELD_CODE, .code_list = list }
#define DATE(n) { .name = n, .kind = PD_FIELD_DATE }
#define OPTIONAL_DATE(n) { .name = n, .kind = PD_FIELD_DATE, .optional = TRUE }
#define CLOCK(n) { .name = n, .kind = PD_FIELD_CLOCK }
#define LOCAL_MINUTE(n) { .name = n, .kind = PD_FIELD_LOCAL_MINUTE }
#define LOCAL_SECOND(n) { .name = n, .kind = PD_FIELD_LOCAL_SECOND }
#define TIMESTAMP(n) { .name = n, .kind = PD_FIELD_TIMESTAMP }

/* A member field: the column after the id that PdMemberField @field names. */
#define FIELD(field, n, l, k, ...) \
  [1 + PD_MEMBER_FIELD_##field] = { .name = n, .label = l, .kind = k, __VA_ARGS__ }

static const PdColumn meta_columns[] = {
  LABEL ("key"), TEXT ("value"),
};

static const PdColumn member_columns[] = {
  ID,
  FIELD (NUMBER, "number", N_("Member number"), PD_FIELD_NUMBER),
  FIELD (FIRST_NAME, "first_name", N_("First name"), PD_FIELD_TEXT, .required = TRUE,
         .max = SHORT_TEXT),
  FIELD (LAST_NAME, "last_name", N_("Last name"), PD_FIELD_TEXT, .max = SHORT_TEXT),
  FIELD (PREFERRED_NAME, "preferred_name", N_("Preferred name"), PD_FIELD_TEXT,
         .max = SHORT_TEXT),
  FIELD (PRONOUNS, "pronouns", N_("Pronouns"), PD_FIELD_TEXT, .max = SHORT_TEXT),
  FIELD (BIRTH_DATE, "birth_date", N_("Birth date"), PD_FIELD_PARTIAL_DATE),
  FIELD (PHONE, "phone", N_("Phone"), PD_FIELD_PHONE),
  FIELD (EMAIL, "email", N_("Email"), PD_FIELD_EMAIL),
  FIELD (EMERGENCY_NAME, "emergency_name", N_("Emergency contact"), PD_FIELD_TEXT,
         .max = SHORT_TEXT),
  FIELD (EMERGENCY_PHONE, "emergency_phone", N_("Emergency contact phone"), PD_FIELD_PHONE),
  FIELD (JOINED_DATE, "joined_date", N_("Joined"), PD_FIELD_DATE),
  FIELD (STATUS, "status", N_("Status"), PD_FIELD_CODE, .codes = status_codes,
         .default_value = "active"),
  FIELD (GENDER, "gender", N_("Gender"), PD_FIELD_CODE_SET, .codes = gender_codes,
         .default_value = "not_collected"),
  FIELD (RACE, "race", N_("Race"), PD_FIELD_CODE_SET, .codes = race_codes,
         .default_value = "not_collected"),
  FIELD (ETHNICITY, "ethnicity", N_("Ethnicity"), PD_FIELD_CODE, .codes = ethnicity_codes,
         .default_value = "not_collected"),
  FIELD (VETERAN, "veteran", N_("Veteran"), PD_FIELD_CODE, .codes = yes_no_codes,
         .default_value = "not_collected"),
  FIELD (HOUSING, "housing", N_("Housing"), PD_FIELD_CODE, .codes = housing_codes,
         .default_value = "not_collected"),
  FIELD (JUSTICE, "justice", N_("Justice involvement"), PD_FIELD_CODE, .codes = justice_codes,
         .default_value = "not_collected"),
  FIELD (MAY_CONTACT, "may_contact", N_("May be contacted"), PD_FIELD_FLAG,
         .default_value = "0"),
  FIELD (REPORT_CONSENT, "report_consent", N_("Include in de-identified reports"),
         PD_FIELD_FLAG, .default_value = "1"),
  FIELD (NOTES, "notes", N_("Confidential notes"), PD_FIELD_TEXT, .max = 20000),
  FIELD (CREATED_AT, "created_at", N_("Created"), PD_FIELD_TIMESTAMP),
  FIELD (UPDATED_AT, "updated_at", N_("Updated"), PD_FIELD_TIMESTAMP),
};

G_STATIC_ASSERT (G_N_ELEMENTS (member_columns) == PD_MEMBER_N_FIELDS + 1);

static const PdColumn visit_purpose_columns[] = {
  ID, LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64), FLAG ("is_default"),
  FLAG ("archived"),
};

static const PdColumn visit_columns[] = {
  ID, OPTIONAL_REF ("member_id", "members"), LOCAL_SECOND ("visited_at"),
  REF ("purpose_id", "visit_purposes"), TEXT ("recorded_by"), TIMESTAMP ("created_at"),
};

static const PdColumn volunteer_role_columns[] = {
  ID, LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64), FLAG ("archived"),
};

static const PdColumn volunteer_columns[] = {
  ID, OPTIONAL_REF ("member_id", "members"), LABEL ("display_name"), TEXT ("phone"),
  TEXT ("email"), DATE ("start_date"), OPTIONAL_DATE ("background_check_date"),
  CODE ("status", pd_volunteer_statuses), TEXT ("notes"), TIMESTAMP ("created_at"),
  TIMESTAMP ("updated_at"),
};

static const PdColumn volunteer_role_link_columns[] = {
  REF ("volunteer_id", "volunteers"), REF ("role_id", "volunteer_roles"),
};

static const PdColumn group_columns[] = {
  ID, LABEL ("name"), CODE ("kind", pd_group_kinds),
  OPTIONAL_REF ("facilitator_member_id", "members"), TEXT ("facilitator_name"), TEXT ("room"),
  TEXT ("description"), INTEGER ("weekdays", 0, 127), CLOCK ("start_time"),
  INTEGER ("duration_minutes", 1, 1440), DATE ("start_date"), OPTIONAL_DATE ("end_date"),
  CODE ("attendance_mode", pd_attendance_modes), FLAG ("archived"), TIMESTAMP ("created_at"),
  TIMESTAMP ("updated_at"), OPTIONAL_REF ("facilitator_volunteer_id", "volunteers"),
};

static const PdColumn session_columns[] = {
  ID, REF ("group_id", "groups"), LOCAL_MINUTE ("starts_at"),
  INTEGER ("duration_minutes", 1, 1440), FLAG ("cancelled"), TEXT ("cancel_reason"),
  TEXT ("notes"), INTEGER ("headcount", 0, G_MAXINT64),
};

static const PdColumn attendance_columns[] = {
  REF ("session_id", "sessions"), REF ("member_id", "members"), TIMESTAMP ("recorded_at"),
  /* Who marked the member present: the staff member signed in. */
  { .name = "recorded_by", .kind = PD_FIELD_TEXT, .since_format = 2 },
};

static const PdColumn hours_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), DATE ("date"), LABEL ("activity"),
  INTEGER ("quarter_hours", 1, G_MAXINT64), OPTIONAL_REF ("session_id", "sessions"),
  TEXT ("approved_by"), TIMESTAMP ("created_at"),
};

static const PdColumn supervision_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), DATE ("date"), LABEL ("supervisor"),
  INTEGER ("minutes", 1, G_MAXINT64), CODE ("kind", pd_supervision_kinds), TEXT ("notes"),
  TIMESTAMP ("created_at"),
};

static const PdColumn training_domain_columns[] = {
  ID, LABEL ("code"), LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64),
  FLAG ("archived"),
};

static const PdColumn course_columns[] = {
  ID, LABEL ("title"), TEXT ("provider"), INTEGER ("quarter_hours", 1, G_MAXINT64),
  { .name = "delivery", .kind = PD_FIELD_CODE, .codes = delivery_codes },
  FLAG ("required_yearly"), TIMESTAMP ("created_at"),
};

static const PdColumn course_domain_columns[] = {
  REF ("course_id", "courses"), REF ("domain_id", "training_domains"),
};

static const PdColumn completion_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), REF ("course_id", "courses"), DATE ("date"),
  INTEGER ("quarter_hours", 1, G_MAXINT64), TEXT ("certificate"), TIMESTAMP ("created_at"),
};

static const PdColumn credential_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), TEXT ("template"), LABEL ("name"),
  TEXT ("issuing_body"), TEXT ("number"), OPTIONAL_DATE ("issued_date"),
  OPTIONAL_DATE ("expiry_date"), INTEGER ("renewal_cycle_months", 0, G_MAXINT64),
  TIMESTAMP ("created_at"), TIMESTAMP ("updated_at"),
};

/* Accounts without their passphrase and PIN hashes, which never leave the
 * database, nor their failed sign-ins: an import starts with no secret
 * (pd_staff_needs_passphrase()) and no lock. */
static const PdColumn staff_columns[] = {
  ID, { .name = "name", .kind = PD_FIELD_TEXT, .required = TRUE, .max = PD_STAFF_MAX_NAME },
  CODE ("role", pd_staff_get_role_codes), INTEGER ("created_at", 0, G_MAXINT64),
  { .name = "removed_at", .kind = PD_FIELD_INTEGER, .optional = TRUE, .max = G_MAXINT64 },
};

/* An entry's member is a number, not a reference: the trail keeps the
 * entries of members since erased. */
static const PdColumn audit_columns[] = {
  ID, INTEGER ("at", 0, G_MAXINT64), TEXT ("staff"), TEXT ("os_user"),
  CODE ("kind", pd_audit_get_kind_codes),
  { .name = "member_id", .kind = PD_FIELD_INTEGER, .optional = TRUE, .min = 1,
    .max = G_MAXINT64 },
  TEXT ("detail"), INTEGER ("count", -1, G_MAXINT64),
};

static char *
value_text (const PdTable *table,
            const PdValue *values,
            const char    *name)
{
  return (char *) pd_table_value (table, values, name)->text;
}

static gint64
value_number (const PdTable *table,
              const PdValue *values,
              const char    *name)
{
  return pd_table_value (table, values, name)->number;
}

static gboolean
check_volunteer (const PdTable  *table,
                 const PdValue  *values,
                 GError        **error)
{
  PdVolunteer volunteer = {
    .display_name = value_text (table, values, "display_name"),
    .phone = value_text (table, values, "phone"),
    .email = value_text (table, values, "email"),
    .start_date = value_text (table, values, "start_date"),
    .background_check_date = value_text (table, values, "background_check_date"),
    .status = value_text (table, values, "status"),
    .notes = value_text (table, values, "notes"),
  };

  return pd_volunteer_validate (&volunteer, error);
}

static gboolean
check_group (const PdTable  *table,
             const PdValue  *values,
             GError        **error)
{
  PdGroup group = {
    .name = value_text (table, values, "name"),
    .kind = value_text (table, values, "kind"),
    .facilitator_name = value_text (table, values, "facilitator_name"),
    .room = value_text (table, values, "room"),
    .description = value_text (table, values, "description"),
    .weekdays = value_number (table, values, "weekdays"),
    .start_time = value_text (table, values, "start_time"),
    .duration_minutes = value_number (table, values, "duration_minutes"),
    .start_date = value_text (table, values, "start_date"),
    .end_date = value_text (table, values, "end_date"),
    .attendance_mode = value_text (table, values, "attendance_mode"),
  };

  return pd_group_validate (&group, error);
}

static gboolean
check_hours (const PdTable  *table,
             const PdValue  *values,
             GError        **error)
{
  gint64 quarter_hours = value_number (table, values, "quarter_hours");
  PdHours hours = {
    .date = value_text (table, values, "date"),
    .activity = value_text (table, values, "activity"),
    .quarter_hours = (guint) MIN (quarter_hours, G_MAXUINT),
    .approved_by = value_text (table, values, "approved_by"),
  };

  return pd_hours_validate (&hours, error);
}

/* A name as pd_staff_add() takes it, so that signing in finds it. */
static gboolean
check_staff (const PdTable  *table,
             const PdValue  *values,
             GError        **error)
{
  const char *name = value_text (table, values, "name");
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_autofree char *composed = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);

  if (!pd_staff_check_name (name, error))
    return FALSE;
  if (strcmp (trimmed, name) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A staff account’s name cannot begin or end with spaces."));
      return FALSE;
    }
  if (composed == NULL || strcmp (composed, name) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A staff account’s name is kept in Unicode’s composed form (NFC)."));
      return FALSE;
    }
  return TRUE;
}

#define COLUMNS(array) array, G_N_ELEMENTS (array)

static const PdTable tables[] = {
  { "meta", COLUMNS (meta_columns), "key",
    "key = '" PD_META_NEXT_MEMBER_NUMBER "' OR substr (key, 1, length ('" PD_META_REPORT_PREFIX
    "')) = '" PD_META_REPORT_PREFIX "'" },
  { "members", COLUMNS (member_columns), "id", NULL, "members" },
  { "visit_purposes", COLUMNS (visit_purpose_columns), "id", NULL, "visit_purposes", TRUE },
  { "visits", COLUMNS (visit_columns), "id", NULL, "visits" },
  { "volunteer_roles", COLUMNS (volunteer_role_columns), "id", NULL, "volunteer_roles", TRUE },
  { "volunteers", COLUMNS (volunteer_columns), "id", NULL, "volunteers", FALSE,
    check_volunteer },
  { "volunteer_role_links", COLUMNS (volunteer_role_link_columns), "volunteer_id, role_id",
    NULL, "volunteers" },
  { "groups", COLUMNS (group_columns), "id", NULL, "groups", FALSE, check_group },
  { "sessions", COLUMNS (session_columns), "id", NULL, "sessions" },
  { "attendance", COLUMNS (attendance_columns), "session_id, member_id", NULL, "attendance" },
  { "hours", COLUMNS (hours_columns), "id", NULL, "volunteers", FALSE, check_hours },
  { "supervision", COLUMNS (supervision_columns), "id", NULL, "volunteers" },
  { "training_domains", COLUMNS (training_domain_columns), "id", NULL, "training", TRUE },
  { "courses", COLUMNS (course_columns), "id", NULL, "training" },
  { "course_domains", COLUMNS (course_domain_columns), "course_id, domain_id", NULL,
    "training" },
  { "completions", COLUMNS (completion_columns), "id", NULL, "training" },
  { "credentials", COLUMNS (credential_columns), "id", NULL, "training" },
  { "staff", COLUMNS (staff_columns), "id", NULL, "staff", FALSE, check_staff },
  { "audit", COLUMNS (audit_columns), "id", NULL, "audit" },
};

const PdTable *
pd_tables_get_exported (guint *n_tables)
{
  g_return_val_if_fail (n_tables != NULL, NULL);

  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const PdTable *
pd_tables_get_members (void)
{
  return &tables[1];
}
