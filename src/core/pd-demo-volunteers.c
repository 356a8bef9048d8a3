/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-demo-private.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-training.h"

/* Volunteers: peers who give their time, their weekly shifts, supervision,
 * training and credentials. They are drawn from a generator of their own,
 * so that the members and meetings are those made without them. */

/* The roles of a new database, in the order of their position, with how
 * common each is and a usual weekly shift in quarter hours. */
static const struct
{
  const char *label;
  guint       weight;
  guint       quarters;
} volunteer_roles[] = {
  { "Peer recovery coach", 35, 12 },
  { "Group facilitator", 20, 8 },
  { "Front desk", 25, 16 },
  { "Outreach", 10, 12 },
  { "Driver", 7, 10 },
  { "Other", 3, 8 },
};

enum
{
  ROLE_COACH,
  ROLE_FACILITATOR,
  ROLE_FRONT_DESK,
  N_VOLUNTEER_ROLES = G_N_ELEMENTS (volunteer_roles),
};

/* Who takes a course. */
typedef enum
{
  COURSE_ONBOARDING,   /* everyone, in their first weeks */
  COURSE_YEARLY,       /* everyone, every year */
  COURSE_COACHES,      /* most peer recovery coaches, for their credential */
  COURSE_ANY,          /* some of anyone */
} CourseAudience;

typedef struct
{
  const char     *title;
  const char     *provider;
  guint           quarters;
  gboolean        online;
  const char     *domains;    /* codes of the first migration, separated by commas */
  CourseAudience  audience;
} CourseTemplate;

/* Every domain of a new database has at least one course. */
static const CourseTemplate course_templates[] = {
  { "Naloxone and Overdose Response", "County Health Department", 8, FALSE, "naloxone",
    COURSE_YEARLY },
  { "Volunteer Orientation: Ethics and Boundaries", "Peerdesk Community Centre", 12, FALSE,
    "ethics,confidentiality", COURSE_ONBOARDING },
  { "Confidentiality and Privacy", "Recovery Training Institute", 8, TRUE, "confidentiality",
    COURSE_ONBOARDING },
  { "Bloodborne Pathogens", "County Health Department", 4, TRUE, "bloodborne_pathogens",
    COURSE_ONBOARDING },
  { "Recovery Coach Academy", "Recovery Training Institute", 120, FALSE,
    "advocacy,mentoring_education,recovery_wellness,ethics", COURSE_COACHES },
  { "Advocacy in Action", "State Peer Network", 24, FALSE, "advocacy", COURSE_COACHES },
  { "Motivational Interviewing for Peers", "Recovery Training Institute", 48, FALSE,
    "mentoring_education", COURSE_COACHES },
  { "Wellness Recovery Action Planning", "State Peer Network", 32, FALSE, "recovery_wellness",
    COURSE_COACHES },
  { "Ethics for Peer Specialists", "State Peer Network", 24, TRUE, "ethics", COURSE_COACHES },
  { "Cultural Humility in Recovery", "Community College", 12, TRUE, "cultural_responsiveness",
    COURSE_ANY },
  { "Trauma-Informed Peer Support", "Recovery Training Institute", 24, FALSE, "trauma_informed",
    COURSE_ANY },
  { "Suicide Prevention Gatekeeper Training", "County Health Department", 8, FALSE, "other",
    COURSE_ANY },
};

/* A volunteer for every MEMBERS_PER_VOLUNTEER members, and never fewer
 * than MIN_VOLUNTEERS, so that a small demo has every kind of alert. */
#define MEMBERS_PER_VOLUNTEER 40
#define MIN_VOLUNTEERS 5

typedef struct
{
  gint64   id;
  gint64   member_id;       /* 0 if not a member */
  char    *name;
  guint32  start_day;
  guint32  last_day;        /* the last day they gave time */
  guint    roles;           /* bits of volunteer_roles */
  guint    primary;         /* index in volunteer_roles */
  gboolean lapsed;          /* let the yearly training lapse */
} DemoVolunteer;

typedef struct
{
  PdDemo        *demo;
  PdDatabase    *db;
  GRand         *rand;
  guint32        today;
  guint32        history_day;
  char          *now;
  PdDemoCounts  *counts;
  gint64         role_ids[N_VOLUNTEER_ROLES];
  gint64         course_ids[G_N_ELEMENTS (course_templates)];
  GArray        *volunteers;  /* DemoVolunteer */
  /* Statements of the rows written for each volunteer, kept for them all. */
  PdStatement   *insert_hours;
  PdStatement   *insert_supervision;
  PdStatement   *insert_completion;
} Volunteers;

static void
demo_volunteer_clear (DemoVolunteer *volunteer)
{
  g_free (volunteer->name);
}

/* The id of the row of @sql, which takes the @key. */
static gint64
lookup_id (PdDatabase  *db,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);
  gboolean found;

  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "key", key);
  if (!pd_statement_fetch (stmt, &found, error))
    return 0;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "demo: there is no “%s” in the database",
                   key);
      return 0;
    }
  return pd_statement_get_int64 (stmt, 0);
}

static gboolean
read_roles (Volunteers  *v,
            GError     **error)
{
  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      v->role_ids[i] = lookup_id (v->db, "SELECT id FROM volunteer_roles WHERE label = :key",
                                  volunteer_roles[i].label, error);
      if (v->role_ids[i] == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_courses (Volunteers  *v,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (course_templates); i++)
    {
      const CourseTemplate *template = &course_templates[i];
      g_auto(GStrv) domains = g_strsplit (template->domains, ",", -1);
      g_autoptr(PdStatement) stmt = NULL;
      g_autoptr(PdStatement) link = NULL;

      stmt = pd_database_query (v->db,
                                "INSERT INTO courses (title, provider, quarter_hours, delivery,"
                                " required_yearly, created_at) VALUES (:title, :provider,"
                                " :quarter_hours, :delivery, :required_yearly, :now)",
                                error);
      if (stmt == NULL)
        return FALSE;
      pd_statement_bind_text (stmt, "title", template->title);
      pd_statement_bind_text (stmt, "provider", template->provider);
      pd_statement_bind_int (stmt, "quarter_hours", template->quarters);
      pd_statement_bind_text (stmt, "delivery", template->online ? "online" : "in_person");
      pd_statement_bind_boolean (stmt, "required_yearly", template->audience == COURSE_YEARLY);
      pd_statement_bind_text (stmt, "now", v->now);
      if (!pd_statement_execute (stmt, error))
        return FALSE;
      v->course_ids[i] = pd_statement_get_inserted_id (stmt);

      link = pd_database_query (v->db,
                                "INSERT INTO course_domains (course_id, domain_id)"
                                " VALUES (:course_id, :domain_id)",
                                error);
      if (link == NULL)
        return FALSE;
      for (guint j = 0; domains[j] != NULL; j++)
        {
          gint64 domain_id = lookup_id (v->db,
                                        "SELECT id FROM training_domains WHERE code = :key",
                                        domains[j], error);

          if (domain_id == 0)
            return FALSE;
          pd_statement_bind_int64 (link, "course_id", v->course_ids[i]);
          pd_statement_bind_int64 (link, "domain_id", domain_id);
          if (!pd_statement_execute (link, error))
            return FALSE;
        }
      v->counts->n_courses++;
    }
  return TRUE;
}

static guint
pick_role (Volunteers *v)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    total += volunteer_roles[i].weight;
  r = pd_demo_pick (v->rand, total);
  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      if (r < volunteer_roles[i].weight)
        return i;
      r -= volunteer_roles[i].weight;
    }
  g_assert_not_reached ();
}

/* A name, phone and email for a volunteer who is not a member. */
static void
make_volunteer_contact (Volunteers  *v,
                        char       **name,
                        char       **phone,
                        char       **email)
{
  PdDemo *demo = v->demo;
  guint culture = pd_demo_culture_at (pd_demo_pick (v->rand, demo->culture_total));
  gboolean woman = pd_demo_chance (v->rand, 550);
  const PdDemoNameList *given, *surnames;
  const PdDemoName *first, *last;
  char phone_text[32];

  given = woman ? &demo->names[culture].women : &demo->names[culture].men;
  surnames = woman && demo->names[culture].surnames_women.n > 0
             ? &demo->names[culture].surnames_women : &demo->names[culture].surnames;
  first = &given->names[pd_demo_pick (v->rand, given->n)];
  last = &surnames->names[pd_demo_pick (v->rand, surnames->n)];

  *name = g_strdup_printf ("%s %s",
                           first->nickname != NULL && pd_demo_chance (v->rand, 300)
                           ? first->nickname : first->name,
                           last->name);
  pd_demo_format_phone (v->rand, phone_text, sizeof phone_text);
  *phone = g_strdup (phone_text);
  *email = g_strdup_printf ("%s.%s@%s", first->ascii, last->ascii,
                            pd_demo_email_domain (v->rand));
}

static gboolean
insert_volunteer (Volunteers     *v,
                  DemoVolunteer  *volunteer,
                  const char     *phone,
                  const char     *email,
                  const char     *background_check,
                  const char     *status,
                  GError        **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(PdStatement) link = NULL;
  char start[16];

  pd_demo_format_julian (start, sizeof start, volunteer->start_day);
  stmt = pd_database_query (v->db,
                            "INSERT INTO volunteers (member_id, display_name, phone, email,"
                            " start_date, background_check_date, status, created_at,"
                            " updated_at) VALUES (:member_id, :name, :phone, :email,"
                            " :start_date, :background_check, :status, :now, :now)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (volunteer->member_id != 0)
    pd_statement_bind_int64 (stmt, "member_id", volunteer->member_id);
  else
    pd_statement_bind_null (stmt, "member_id");
  pd_statement_bind_text (stmt, "name", volunteer->name);
  pd_statement_bind_text (stmt, "phone", phone);
  pd_statement_bind_text (stmt, "email", email);
  pd_statement_bind_text (stmt, "start_date", start);
  pd_statement_bind_text (stmt, "background_check", background_check);
  pd_statement_bind_text (stmt, "status", status);
  pd_statement_bind_text (stmt, "now", v->now);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  volunteer->id = pd_statement_get_inserted_id (stmt);

  link = pd_database_query (v->db,
                            "INSERT INTO volunteer_role_links (volunteer_id, role_id)"
                            " VALUES (:volunteer_id, :role_id)",
                            error);
  if (link == NULL)
    return FALSE;
  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      if (!(volunteer->roles & (1u << i)))
        continue;
      pd_statement_bind_int64 (link, "volunteer_id", volunteer->id);
      pd_statement_bind_int64 (link, "role_id", v->role_ids[i]);
      if (!pd_statement_execute (link, error))
        return FALSE;
    }
  v->counts->n_volunteers++;
  return TRUE;
}

/* The first volunteers are active coaches, a facilitator and the front
 * desk, so that even the smallest demo has credentials to watch. */
static gboolean
make_volunteers (Volunteers  *v,
                 GError     **error)
{
  PdDemo *demo = v->demo;
  guint n = MAX (MIN_VOLUNTEERS, demo->n_members / MEMBERS_PER_VOLUNTEER);
  g_autoptr(GHashTable) linked = g_hash_table_new (NULL, NULL);
  guint32 history_days = v->today - v->history_day;

  for (guint i = 0; i < n; i++)
    {
      DemoVolunteer volunteer = { 0, };
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      char background_check[16] = "";
      const char *status = "active";
      guint32 member = NO_MEMBER;

      /* Most have volunteered since before the history; some started in it. */
      if (i < 6 || pd_demo_chance (v->rand, 650))
        volunteer.start_day = v->history_day - 30 - pd_demo_pick (v->rand, 3 * 365);
      else
        volunteer.start_day = v->history_day +
                              pd_demo_pick (v->rand, MAX (history_days * 8 / 10, 1));

      /* Many are members who came to the centre first; not the fifth and
       * sixth, whose start must leave room for their leave. */
      if (demo->n_members > 0 && i != 4 && i != 5 &&
          (i == 1 || i == 2 || pd_demo_chance (v->rand, 600)))
        for (guint tries = 0; tries < 5 && member == NO_MEMBER; tries++)
          {
            guint32 index = pd_demo_pick (v->rand, demo->n_members);

            if (demo->active[index] && demo->joined[index] + 60 < v->today - 14 &&
                !g_hash_table_contains (linked, GUINT_TO_POINTER (index)))
              member = index;
          }
      if (member != NO_MEMBER)
        {
          g_autoptr(PdMember) row = pd_members_get (v->db, demo->ids[member], error);

          if (row == NULL)
            return FALSE;
          g_hash_table_add (linked, GUINT_TO_POINTER (member));
          volunteer.member_id = demo->ids[member];
          volunteer.name = pd_member_dup_display_name (row);
          phone = g_strdup (pd_member_get (row, PD_MEMBER_FIELD_PHONE));
          email = g_strdup (pd_member_get (row, PD_MEMBER_FIELD_EMAIL));
          volunteer.start_day = MAX (volunteer.start_day, demo->joined[member] + 60);
        }
      else
        make_volunteer_contact (v, &volunteer.name, &phone, &email);
      volunteer.start_day = MIN (volunteer.start_day, v->today - 14);

      switch (i)
        {
        case 0:
          volunteer.primary = ROLE_COACH;
          volunteer.roles = 1u << ROLE_COACH | 1u << ROLE_FACILITATOR;
          break;
        case 1:
        case 3:
          volunteer.primary = ROLE_COACH;
          volunteer.roles = 1u << ROLE_COACH;
          break;
        case 2:
          volunteer.primary = ROLE_FRONT_DESK;
          volunteer.roles = 1u << ROLE_FRONT_DESK;
          volunteer.lapsed = TRUE;
          break;
        default:
          volunteer.primary = pick_role (v);
          volunteer.roles = 1u << volunteer.primary;
          if (pd_demo_chance (v->rand, 300))
            volunteer.roles |= 1u << pick_role (v);
          break;
        }

      /* The fifth is on leave and the sixth has stopped, so that a small
       * centre has every status too. */
      volunteer.last_day = v->today - 1;
      if (i >= 4)
        {
          guint r = i == 4 ? 850 : i == 5 ? 950 : pd_demo_pick (v->rand, 1000);
          guint32 served = v->today - volunteer.start_day;

          if (r >= 880 && served > 200)
            {
              status = "former";
              volunteer.last_day = volunteer.start_day + 90 + pd_demo_pick (v->rand, served - 120);
            }
          else if (r >= 800 && served > 150)
            {
              status = "on_leave";
              volunteer.last_day = v->today - 20 - pd_demo_pick (v->rand, 100);
            }
        }

      if (pd_demo_chance (v->rand, 900))
        pd_demo_format_julian (background_check, sizeof background_check,
                       volunteer.start_day - 1 - pd_demo_pick (v->rand, 60));

      if (!insert_volunteer (v, &volunteer, phone, email, background_check, status, error))
        {
          demo_volunteer_clear (&volunteer);
          return FALSE;
        }
      g_array_append_val (v->volunteers, volunteer);
    }
  return TRUE;
}

/* Weekly shifts by role from the start of the history, or of their
 * volunteering, in quarter hours; a shift is now and then missed, and
 * the last two weeks' are not yet approved. */
static gboolean
add_hours (Volunteers           *v,
           const DemoVolunteer  *volunteer,
           GError              **error)
{
  guint32 first = MAX (volunteer->start_day, v->history_day);

  for (guint role = 0; role < N_VOLUNTEER_ROLES; role++)
    {
      /* Monday to Saturday, as Julian days count them from a Monday, 1;
       * a second role every other week or so. */
      guint weekday = 1 + pd_demo_pick (v->rand, 6);
      gboolean main_role = role == volunteer->primary;
      guint32 day;

      if (!(volunteer->roles & (1u << role)))
        continue;

      day = first + (7 + weekday - (guint) (first % 7)) % 7;
      for (; day <= volunteer->last_day; day += 7)
        {
          const char *approved_by = "";
          guint quarters;
          char date_text[PD_DATE_ISO_SIZE];
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, day);
          if (pd_demo_is_holiday (&date) || !pd_demo_chance (v->rand, main_role ? 850 : 450))
            continue;

          quarters = volunteer_roles[role].quarters + pd_demo_pick (v->rand, 5);
          quarters = quarters > 2 ? quarters - 2 : 1;
          if (day + 14 < v->today || pd_demo_chance (v->rand, 300))
            approved_by = pd_demo_staff (v->rand);
          pd_date_write_iso (&date, date_text);

          pd_statement_bind_int64 (v->insert_hours, "volunteer_id", volunteer->id);
          pd_statement_bind_text (v->insert_hours, "date", date_text);
          pd_statement_bind_text (v->insert_hours, "activity", volunteer_roles[role].label);
          pd_statement_bind_int (v->insert_hours, "quarter_hours", quarters);
          pd_statement_bind_text (v->insert_hours, "approved_by", approved_by);
          if (!pd_statement_execute (v->insert_hours, error))
            return FALSE;
          v->counts->n_hours++;
        }
    }
  return TRUE;
}

/* Coaches meet a supervisor once a month, facilitators as a group every
 * other month. */
static gboolean
add_supervision (Volunteers           *v,
                 const DemoVolunteer  *volunteer,
                 GError              **error)
{
  gboolean coach = (volunteer->roles & (1u << ROLE_COACH)) != 0;
  gboolean facilitator = (volunteer->roles & (1u << ROLE_FACILITATOR)) != 0;
  guint32 first = MAX (volunteer->start_day, v->history_day);
  guint month = 0;

  if (!coach && !facilitator)
    return TRUE;

  for (guint32 day = first + pd_demo_pick (v->rand, 28); day <= volunteer->last_day;
       day += 28 + pd_demo_pick (v->rand, 7), month++)
    {
      gboolean individual = coach && (!facilitator || month % 2 == 0);
      char date[16];

      if ((!coach && month % 2 == 1) || !pd_demo_chance (v->rand, 850))
        continue;
      pd_demo_format_julian (date, sizeof date, day);
      pd_statement_bind_int64 (v->insert_supervision, "volunteer_id", volunteer->id);
      pd_statement_bind_text (v->insert_supervision, "date", date);
      pd_statement_bind_text (v->insert_supervision, "supervisor", pd_demo_staff (v->rand));
      pd_statement_bind_int (v->insert_supervision, "minutes", individual ? 60 : 90);
      pd_statement_bind_text (v->insert_supervision, "kind", individual ? "individual" : "group");
      if (!pd_statement_execute (v->insert_supervision, error))
        return FALSE;
      v->counts->n_supervision++;
    }
  return TRUE;
}

static gboolean
add_completion (Volunteers           *v,
                const DemoVolunteer  *volunteer,
                guint                 course,
                guint32               day,
                GError              **error)
{
  char date[16];
  char certificate[32] = "";

  pd_demo_format_julian (date, sizeof date, day);
  /* Certificates are numbered by the year they were given. */
  if (pd_demo_chance (v->rand, 600))
    g_snprintf (certificate, sizeof certificate, "C-%.4s-%05u", date,
                pd_demo_pick (v->rand, 100000));
  pd_statement_bind_int64 (v->insert_completion, "volunteer_id", volunteer->id);
  pd_statement_bind_int64 (v->insert_completion, "course_id", v->course_ids[course]);
  pd_statement_bind_text (v->insert_completion, "date", date);
  pd_statement_bind_int (v->insert_completion, "quarter_hours", course_templates[course].quarters);
  pd_statement_bind_text (v->insert_completion, "certificate", certificate);
  if (!pd_statement_execute (v->insert_completion, error))
    return FALSE;
  v->counts->n_completions++;
  return TRUE;
}

/* Orientation in the first weeks, naloxone every year (a few let it
 * lapse, the third volunteer always, and are due), and the coaches'
 * longer courses over the years. */
static gboolean
add_completions (Volunteers           *v,
                 const DemoVolunteer  *volunteer,
                 GError              **error)
{
  gboolean coach = (volunteer->roles & (1u << ROLE_COACH)) != 0;
  guint32 last = MIN (volunteer->last_day, v->today - 1);

  for (guint i = 0; i < G_N_ELEMENTS (course_templates); i++)
    {
      guint32 day = volunteer->start_day;

      switch (course_templates[i].audience)
        {
        case COURSE_ONBOARDING:
          day += 7 + pd_demo_pick (v->rand, 50);
          if (day <= last && !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        case COURSE_YEARLY:
          for (day += 7 + pd_demo_pick (v->rand, 50); day <= last;
               day += 330 + pd_demo_pick (v->rand, 60))
            {
              if (volunteer->lapsed && day + 400 > v->today)
                break;
              if (!add_completion (v, volunteer, i, day, error))
                return FALSE;
              if (pd_demo_chance (v->rand, 120))
                break;
            }
          break;
        case COURSE_COACHES:
          day += 30 + pd_demo_pick (v->rand, 700);
          if (coach && day <= last && pd_demo_chance (v->rand, 750) &&
              !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        case COURSE_ANY:
        default:
          day += pd_demo_pick (v->rand, 900);
          if (day <= last && pd_demo_chance (v->rand, 300) &&
              !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/* The coaches' credentials, from the shipped templates in turn: the first
 * has expired, the next two expire within weeks, the rest later. */
static gboolean
add_credentials (Volunteers  *v,
                 GError     **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  guint k = 0;

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), error);
  if (templates == NULL)
    {
      g_prefix_error (error, "demo credentials: ");
      return FALSE;
    }
  if (templates->len == 0)
    return TRUE;

  stmt = pd_database_query (v->db,
                            "INSERT INTO credentials (volunteer_id, template, name,"
                            " issuing_body, number, issued_date, expiry_date,"
                            " renewal_cycle_months, created_at, updated_at)"
                            " VALUES (:volunteer_id, :template, :name, :issuing_body, :number,"
                            " :issued_date, :expiry_date, :renewal_cycle_months, :now, :now)",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < v->volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v->volunteers, DemoVolunteer, i);
      const PdCredentialTemplate *template;
      g_autofree char *issued = NULL;
      g_autofree char *number = NULL;
      char expiry[16] = "";
      guint32 expiry_day;
      guint cycle_days;

      if (!(volunteer->roles & (1u << ROLE_COACH)) || volunteer->last_day + 1 < v->today - 30)
        continue;

      template = g_ptr_array_index (templates, k % templates->len);
      cycle_days = template->renewal_cycle_months * 30;
      if (k == 0)
        expiry_day = v->today - 10 - pd_demo_pick (v->rand, 50);
      else if (k <= 2)
        expiry_day = v->today + 15 + pd_demo_pick (v->rand, 60);
      else
        expiry_day = v->today + 100 + pd_demo_pick (v->rand, MAX (cycle_days, 200) - 99);
      k++;

      if (template->renewal_cycle_months > 0)
        {
          pd_demo_format_julian (expiry, sizeof expiry, expiry_day);
          issued = pd_date_add_months (expiry, -(int) template->renewal_cycle_months);
        }
      else
        {
          char date[16];

          pd_demo_format_julian (date, sizeof date, MIN (volunteer->start_day + 200, v->today - 1));
          issued = g_strdup (date);
        }
      number = g_strdup_printf ("%.3s-%06u", template->code, pd_demo_pick (v->rand, 1000000));
      for (char *c = number; *c != '\0'; c++)
        *c = g_ascii_toupper (*c);

      pd_statement_bind_int64 (stmt, "volunteer_id", volunteer->id);
      pd_statement_bind_text (stmt, "template", template->code);
      pd_statement_bind_text (stmt, "name", template->name);
      pd_statement_bind_text (stmt, "issuing_body",
                              template->issuing_body != NULL ? template->issuing_body : "");
      pd_statement_bind_text (stmt, "number", number);
      pd_statement_bind_text (stmt, "issued_date", issued);
      pd_statement_bind_text (stmt, "expiry_date", expiry);
      pd_statement_bind_int (stmt, "renewal_cycle_months", template->renewal_cycle_months);
      pd_statement_bind_text (stmt, "now", v->now);
      if (!pd_statement_execute (stmt, error))
        return FALSE;
      v->counts->n_credentials++;
    }
  return TRUE;
}

/* Some groups that staff led are led by a volunteer facilitator; the
 * column came with the volunteers, and is left alone where it is absent. */
static int
query_column_exists (PdDatabase  *db,
                     const char  *table,
                     const char  *column,
                     GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  stmt = pd_database_query_dialect (db,
                                    "SELECT count(*) FROM pragma_table_info (:table)"
                                    " WHERE name = :column",
                                    "SELECT count(*) FROM information_schema.columns"
                                    " WHERE table_schema = current_schema ()"
                                    " AND table_name = :table AND column_name = :column",
                                    error);
  if (stmt == NULL)
    return -1;
  pd_statement_bind_text (stmt, "table", table);
  pd_statement_bind_text (stmt, "column", column);
  if (!pd_statement_fetch (stmt, &found, error))
    return -1;
  return found && pd_statement_get_int (stmt, 0) > 0 ? 1 : 0;
}

static gboolean
add_facilitators (Volunteers  *v,
                  GError     **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) facilitators = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PdStatement) select = NULL;
  g_autoptr(PdStatement) update = NULL;

  switch (query_column_exists (v->db, "groups", "facilitator_volunteer_id", error))
    {
    case 1:
      break;
    case 0:
      return TRUE;
    default:
      return FALSE;
    }

  for (guint i = 0; i < v->volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v->volunteers, DemoVolunteer, i);

      if ((volunteer->roles & (1u << ROLE_FACILITATOR)) && volunteer->last_day + 1 == v->today)
        g_array_append_val (facilitators, i);
    }
  if (facilitators->len == 0)
    return TRUE;

  select = pd_database_query (v->db,
                              "SELECT id FROM groups WHERE kind <> 'mutual_aid' AND archived = 0"
                              " AND facilitator_member_id IS NULL ORDER BY id",
                              error);
  if (select == NULL)
    return FALSE;
  while (pd_statement_next (select))
    {
      gint64 id = pd_statement_get_int64 (select, 0);

      g_array_append_val (groups, id);
    }
  if (!pd_statement_finish (select, error))
    return FALSE;

  update = pd_database_query (v->db,
                              "UPDATE groups SET facilitator_volunteer_id = :volunteer_id,"
                              " facilitator_member_id = :member_id, facilitator_name = :name"
                              " WHERE id = :id",
                              error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0, next = 0; i < groups->len; i++)
    {
      const DemoVolunteer *volunteer;

      if (!pd_demo_chance (v->rand, 500))
        continue;
      volunteer = &g_array_index (v->volunteers, DemoVolunteer,
                                  g_array_index (facilitators, guint,
                                                 next++ % facilitators->len));
      pd_statement_bind_int64 (update, "volunteer_id", volunteer->id);
      /* A member is named by their record, as the groups page shows them. */
      if (volunteer->member_id != 0)
        {
          pd_statement_bind_int64 (update, "member_id", volunteer->member_id);
          pd_statement_bind_text (update, "name", "");
        }
      else
        {
          pd_statement_bind_null (update, "member_id");
          pd_statement_bind_text (update, "name", volunteer->name);
        }
      pd_statement_bind_int64 (update, "id", g_array_index (groups, gint64, i));
      if (!pd_statement_execute (update, error))
        return FALSE;
    }
  return TRUE;
}

static void
volunteers_clear (Volunteers *v)
{
  g_clear_pointer (&v->insert_hours, pd_statement_release);
  g_clear_pointer (&v->insert_supervision, pd_statement_release);
  g_clear_pointer (&v->insert_completion, pd_statement_release);
  g_clear_pointer (&v->rand, g_rand_free);
  g_clear_pointer (&v->now, g_free);
  g_clear_pointer (&v->volunteers, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Volunteers, volunteers_clear)

/* Called inside the demo's transaction. */
gboolean
pd_demo_add_volunteers (PdDemo        *demo,
                        PdDatabase    *db,
                        guint32        seed,
                        guint          n_years,
                        PdDemoCounts  *counts,
                        GError       **error)
{
  const guint32 seeds[] = { seed, 0x766f6c75 };  /* "volu" */
  g_auto(Volunteers) v = { 0, };
  GDate start;

  v.demo = demo;
  v.db = db;
  v.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  v.today = g_date_get_julian (&demo->today);
  start = demo->today;
  g_date_subtract_years (&start, n_years);
  v.history_day = g_date_get_julian (&start);
  v.now = pd_timestamp_now ();
  v.counts = counts;
  v.volunteers = g_array_new (FALSE, FALSE, sizeof (DemoVolunteer));
  g_array_set_clear_func (v.volunteers, (GDestroyNotify) demo_volunteer_clear);

  if (!read_roles (&v, error) || !add_courses (&v, error) || !make_volunteers (&v, error))
    return FALSE;

  /* created_at is the same for every row, bound once. */
  v.insert_hours = pd_database_query (db,
                                      "INSERT INTO hours (volunteer_id, date, activity,"
                                      " quarter_hours, approved_by, created_at)"
                                      " VALUES (:volunteer_id, :date, :activity, :quarter_hours,"
                                      " :approved_by, :now)",
                                      error);
  if (v.insert_hours == NULL)
    return FALSE;
  pd_statement_bind_text (v.insert_hours, "now", v.now);
  v.insert_supervision = pd_database_query (db,
                                            "INSERT INTO supervision (volunteer_id, date,"
                                            " supervisor, minutes, kind, created_at)"
                                            " VALUES (:volunteer_id, :date, :supervisor,"
                                            " :minutes, :kind, :now)",
                                            error);
  if (v.insert_supervision == NULL)
    return FALSE;
  pd_statement_bind_text (v.insert_supervision, "now", v.now);
  v.insert_completion = pd_database_query (db,
                                           "INSERT INTO completions (volunteer_id, course_id,"
                                           " date, quarter_hours, certificate, created_at)"
                                           " VALUES (:volunteer_id, :course_id, :date,"
                                           " :quarter_hours, :certificate, :now)",
                                           error);
  if (v.insert_completion == NULL)
    return FALSE;
  pd_statement_bind_text (v.insert_completion, "now", v.now);

  for (guint i = 0; i < v.volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v.volunteers, DemoVolunteer, i);

      if (!add_hours (&v, volunteer, error) || !add_supervision (&v, volunteer, error) ||
          !add_completions (&v, volunteer, error))
        return FALSE;
    }
  return add_credentials (&v, error) && add_facilitators (&v, error);
}
