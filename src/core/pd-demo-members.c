/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-demo-private.h"
#include "pd-text.h"

/* The demo's members. Every value comes from a GRand seeded with the
 * options' seed and from today's date: two runs with the same seed on the
 * same day give the same members (only the creation times differ).
 *
 * Nothing generated can reach a real person: phone numbers are in the
 * 555-0100 to 555-0199 range kept for fiction, and email addresses are at
 * example.org, example.com and example.net, the domains kept for
 * documentation. */

enum
{
  RACE_AMERICAN_INDIAN = 1 << 0,
  RACE_ASIAN = 1 << 1,
  RACE_BLACK = 1 << 2,
  RACE_MIDDLE_EASTERN = 1 << 3,
  RACE_PACIFIC_ISLANDER = 1 << 4,
  RACE_WHITE = 1 << 5,
};

/* In the order of the race code list, so that joining them gives the
 * canonical code set. */
static const char *const race_codes[] = {
  "american_indian", "asian", "black", "middle_eastern", "pacific_islander", "white",
};

typedef struct
{
  guint races;
  guint weight;
} RaceWeight;

static const RaceWeight races_white[] = {
  { RACE_WHITE, 100 }, { 0, 0 }
};

static const RaceWeight races_black[] = {
  { RACE_BLACK, 100 }, { 0, 0 }
};

static const RaceWeight races_asian[] = {
  { RACE_ASIAN, 100 }, { 0, 0 }
};

static const RaceWeight races_filipino[] = {
  { RACE_ASIAN, 85 }, { RACE_ASIAN | RACE_PACIFIC_ISLANDER, 7 }, { RACE_ASIAN | RACE_WHITE, 8 },
  { 0, 0 }
};

static const RaceWeight races_middle_eastern[] = {
  { RACE_MIDDLE_EASTERN, 90 }, { RACE_WHITE, 10 }, { 0, 0 }
};

static const RaceWeight races_hispanic[] = {
  { RACE_WHITE, 60 }, { RACE_AMERICAN_INDIAN, 12 }, { RACE_AMERICAN_INDIAN | RACE_WHITE, 14 },
  { RACE_BLACK, 8 }, { RACE_BLACK | RACE_WHITE, 6 }, { 0, 0 }
};

static const RaceWeight races_native[] = {
  { RACE_AMERICAN_INDIAN, 82 }, { RACE_AMERICAN_INDIAN | RACE_WHITE, 12 },
  { RACE_AMERICAN_INDIAN | RACE_BLACK, 6 }, { 0, 0 }
};

static const RaceWeight races_pacific[] = {
  { RACE_PACIFIC_ISLANDER, 80 }, { RACE_ASIAN | RACE_PACIFIC_ISLANDER, 10 },
  { RACE_PACIFIC_ISLANDER | RACE_WHITE, 10 }, { 0, 0 }
};

/* A race sometimes added to a single one, for people of mixed descent. */
static const RaceWeight races_extra[] = {
  { RACE_WHITE, 40 }, { RACE_BLACK, 25 }, { RACE_AMERICAN_INDIAN, 25 }, { RACE_ASIAN, 10 },
  { 0, 0 }
};

typedef struct
{
  /* Lists of names in data/demo. A name may be there more than once, as
   * common as it is: Nguyễn is the family name of nearly four Vietnamese
   * in ten, and Kim, Lee and Park of half of all Koreans. */
  const char        *women;
  const char        *men;
  const char        *surnames;
  const char        *surnames_women;   /* feminine forms, where the language has them */
  const RaceWeight  *races;
  guint              weight;
  guint              hispanic;          /* per mille */
  guint              race_unknown;      /* per mille answering with a data-quality code */
  guint              plain;             /* per mille whose names were typed without accents */
  guint              two_surnames;      /* per mille */
  gboolean           english_names;     /* often known by an English given name */
  gboolean           indigenous;
  guint              us_given;          /* per mille with a given name common in the US */
  guint              us_family;         /* per mille with an English family name */
} Culture;

/* Weighted roughly as the people a drop-in centre in a large US city sees. */
static const Culture cultures[] = {
  { "anglo-women", "anglo-men", "anglo-surnames", NULL, races_white,
    200, 25, 40, 0, 0, FALSE, FALSE, 0, 0 },
  { "irish-women", "irish-men", "irish-surnames", NULL, races_white,
    45, 10, 40, 250, 0, FALSE, FALSE, 500, 0 },
  { "german-women", "german-men", "german-surnames", NULL, races_white,
    40, 10, 40, 150, 0, FALSE, FALSE, 550, 0 },
  { "french-women", "french-men", "french-surnames", NULL, races_white,
    30, 10, 40, 250, 0, FALSE, FALSE, 450, 0 },
  { "italian-women", "italian-men", "italian-surnames", NULL, races_white,
    30, 10, 40, 200, 0, FALSE, FALSE, 500, 0 },
  { "polish-women", "polish-men", "polish-surnames", "polish-surnames-women", races_white,
    25, 5, 40, 200, 0, FALSE, FALSE, 450, 0 },
  { "eastern-women", "eastern-men", "eastern-surnames", "eastern-surnames-women", races_white,
    15, 5, 40, 0, 0, FALSE, FALSE, 300, 0 },
  { "jewish-women", "jewish-men", "jewish-surnames", NULL, races_white,
    20, 10, 40, 0, 0, FALSE, FALSE, 450, 0 },
  { "nordic-women", "nordic-men", "nordic-surnames", NULL, races_white,
    20, 5, 40, 200, 0, FALSE, FALSE, 550, 0 },
  { "hispanic-women", "hispanic-men", "hispanic-surnames", NULL, races_hispanic,
    180, 900, 180, 300, 150, FALSE, FALSE, 120, 0 },
  { "black-women", "black-men", "black-surnames", NULL, races_black,
    150, 20, 40, 50, 0, FALSE, FALSE, 450, 550 },
  { "vietnamese-women", "vietnamese-men", "vietnamese-surnames", NULL, races_asian,
    20, 5, 40, 500, 0, TRUE, FALSE, 80, 0 },
  { "chinese-women", "chinese-men", "chinese-surnames", NULL, races_asian,
    20, 5, 40, 0, 0, TRUE, FALSE, 80, 0 },
  { "korean-women", "korean-men", "korean-surnames", NULL, races_asian,
    12, 5, 40, 0, 0, TRUE, FALSE, 100, 0 },
  { "filipino-women", "filipino-men", "filipino-surnames", NULL, races_filipino,
    15, 30, 40, 0, 0, FALSE, FALSE, 350, 0 },
  { "indian-women", "indian-men", "indian-surnames", NULL, races_asian,
    15, 5, 40, 0, 0, FALSE, FALSE, 60, 0 },
  { "arab-women", "arab-men", "arab-surnames", NULL, races_middle_eastern,
    15, 5, 60, 0, 0, FALSE, FALSE, 60, 0 },
  { "turkish-women", "turkish-men", "turkish-surnames", NULL, races_middle_eastern,
    7, 5, 60, 300, 0, FALSE, FALSE, 30, 0 },
  { "somali-women", "somali-men", "somali-surnames", NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 30, 0 },
  { "nigerian-women", "nigerian-men", "nigerian-surnames", NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 120, 0 },
  { "ethiopian-women", "ethiopian-men", "ethiopian-surnames", NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 40, 0 },
  { "native-women", "native-men", "native-surnames", NULL, races_native,
    30, 40, 40, 0, 0, FALSE, TRUE, 550, 300 },
  { "pacific-women", "pacific-men", "pacific-surnames", NULL, races_pacific,
    15, 10, 40, 200, 0, FALSE, FALSE, 350, 100 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (cultures) == PD_DEMO_N_CULTURES);
#define N_CULTURES PD_DEMO_N_CULTURES

typedef struct
{
  const char *code;
  guint       weight;
} Weighted;

static const Weighted pronouns_woman[] = {
  { "she/her", 95 }, { "she/they", 5 }
};

static const Weighted pronouns_man[] = {
  { "he/him", 96 }, { "he/they", 4 }
};

static const Weighted pronouns_trans_woman[] = {
  { "she/her", 90 }, { "she/they", 10 }
};

static const Weighted pronouns_trans_man[] = {
  { "he/him", 90 }, { "he/they", 10 }
};

static const Weighted pronouns_non_binary[] = {
  { "they/them", 60 }, { "she/they", 20 }, { "he/they", 20 }
};

typedef enum
{
  NAMES_WOMEN,
  NAMES_MEN,
  NAMES_EITHER,
  NAMES_CHOSEN,
} NameKind;

typedef struct
{
  const char     *gender;
  guint           weight;
  NameKind        legal;
  NameKind        known_as;
  const Weighted *pronouns;   /* NULL: those of the legal name */
  guint           n_pronouns;
  guint           with_pronouns;   /* per mille */
} GenderProfile;

#define PRONOUNS(table) table, G_N_ELEMENTS (table)

static const GenderProfile gender_profiles[] = {
  { "man", 5600, NAMES_MEN, NAMES_MEN, PRONOUNS (pronouns_man), 285 },
  { "woman", 3800, NAMES_WOMEN, NAMES_WOMEN, PRONOUNS (pronouns_woman), 285 },
  { "woman;transgender", 80, NAMES_EITHER, NAMES_WOMEN, PRONOUNS (pronouns_trans_woman), 850 },
  { "man;transgender", 50, NAMES_EITHER, NAMES_MEN, PRONOUNS (pronouns_trans_man), 850 },
  { "non_binary", 120, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary), 850 },
  { "transgender;non_binary", 40, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary),
    850 },
  { "woman;non_binary", 20, NAMES_WOMEN, NAMES_WOMEN, PRONOUNS (pronouns_non_binary), 850 },
  { "questioning", 30, NAMES_EITHER, NAMES_EITHER, PRONOUNS (pronouns_non_binary), 500 },
  { "different_identity", 20, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary), 600 },
  { "prefers_not_to_answer", 60, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
  { "doesnt_know", 20, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
  { "not_collected", 160, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
};

static const Weighted ethnicity_other[] = {
  { "not_hispanic", 920 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 15 }, { "not_collected", 30 },
};

static const Weighted race_data_quality[] = {
  { "doesnt_know", 30 }, { "prefers_not_to_answer", 35 }, { "not_collected", 35 },
};

static const Weighted veteran_men[] = {
  { "yes", 90 }, { "no", 860 }, { "doesnt_know", 5 }, { "prefers_not_to_answer", 10 },
  { "not_collected", 35 },
};

static const Weighted veteran_women[] = {
  { "yes", 25 }, { "no", 925 }, { "doesnt_know", 5 }, { "prefers_not_to_answer", 10 },
  { "not_collected", 35 },
};

static const Weighted housing[] = {
  { "stably_housed", 450 }, { "unstably_housed", 150 }, { "recovery_housing", 180 },
  { "sheltered", 80 }, { "unsheltered", 50 }, { "institution", 20 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 20 }, { "not_collected", 40 },
};

static const Weighted justice[] = {
  { "none", 550 }, { "probation_parole", 180 }, { "recently_released", 80 },
  { "pending_charges", 50 }, { "treatment_court", 60 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 40 }, { "not_collected", 30 },
};

typedef struct
{
  const char *name;
  gboolean    family;
  guint       weight;
} Relationship;

static const Relationship relationships_women[] = {
  { "mother", TRUE, 20 }, { "sister", TRUE, 18 }, { "daughter", TRUE, 8 }, { "aunt", TRUE, 5 },
  { "grandmother", TRUE, 4 }, { "wife", TRUE, 10 }, { "cousin", TRUE, 5 },
  { "partner", FALSE, 10 }, { "friend", FALSE, 15 }, { "sponsor", FALSE, 8 },
};

static const Relationship relationships_men[] = {
  { "father", TRUE, 15 }, { "brother", TRUE, 18 }, { "son", TRUE, 8 }, { "uncle", TRUE, 5 },
  { "grandfather", TRUE, 3 }, { "husband", TRUE, 10 }, { "cousin", TRUE, 5 },
  { "partner", FALSE, 10 }, { "friend", FALSE, 15 }, { "sponsor", FALSE, 8 },
};

/* Real area codes; the 555-01xx numbers after them are fictional in all. */
static const char *const area_codes[] = {
  "206", "212", "213", "214", "215", "216", "267", "281", "303", "305", "312", "313", "314",
  "323", "347", "404", "412", "415", "443", "480", "503", "505", "510", "513", "602", "612",
  "614", "617", "702", "713", "718", "720", "773", "808", "832", "907", "919", "928", "971",
};

static const char *const email_domains[] = {
  "example.org", "example.com", "example.net", "example.com",
};

static const char *const notes[] = {
  "Prefers texts after 5pm.",
  "Interested in the peer mentor training.",
  "Asked about the Tuesday evening women's group.",
  "Would like help updating a résumé.",
  "Prefers morning visits; the afternoons are busy with work.",
  "Comes in most mornings for coffee and the job board.",
  "Volunteers at the front desk on Fridays.",
  "Interested in the SMART Recovery meeting.",
  "Asked about bus passes for appointments.",
  "Brings a service dog to visits.",
  "Uses a wheelchair; book the ground-floor room for groups.",
  "Needs a monthly attendance letter for treatment court.",
  "Asked to be reminded about the art group.",
  "Call, do not leave a voicemail.",
  "Prefers email to phone calls.",
  "Has a naloxone kit; interested in the overdose response training.",
  "Referred by the outpatient clinic.",
  "Referred by a friend who attends the Thursday group.",
  "Plays guitar; offered to help with the open mic night.",
  "Works nights; best reached around noon.",
  "Hard of hearing; prefers texts.",
  "Interested in volunteering at the community garden.",
  "Asked about GED classes.",
  "Enjoys the Saturday hike group.",
  "Asked for information on recovery housing.",
  "Changed phone number recently; confirm at next visit.",
  "Interested in the peer recovery specialist certification.",
  "Prefers a quiet space for one-to-one conversations.",
  "Sometimes brings their child on Saturdays; the family room works well.",
  "Helped set up the holiday potluck.",
  "Asked about the computer class on Wednesdays.",
  "Would like to co-facilitate a group someday.",
  "Has low vision; the large-print sign-in sheet helps.",
  "Asked about the employment workshop.",
};

static gboolean
load_names (PdDemo  *demo,
            GError **error)
{
  for (guint i = 0; i < N_CULTURES; i++)
    {
      PdDemoCultureNames *names = &demo->names[i];

      if (!pd_demo_name_list_load (&names->women, cultures[i].women, error) ||
          !pd_demo_name_list_load (&names->men, cultures[i].men, error) ||
          !pd_demo_name_list_load (&names->surnames, cultures[i].surnames, error) ||
          (cultures[i].surnames_women != NULL &&
           !pd_demo_name_list_load (&names->surnames_women, cultures[i].surnames_women, error)))
        return FALSE;
    }
  /* Names people take in place of their legal one: an English name used
   * at work, or a name chosen for themselves. */
  return pd_demo_name_list_load (&demo->english_women, "english-women", error) &&
         pd_demo_name_list_load (&demo->english_men, "english-men", error) &&
         pd_demo_name_list_load (&demo->chosen, "chosen", error);
}

PdDemo *
pd_demo_new (const PdDemoOptions  *options,
             GError              **error)
{
  g_autofree char *today = pd_date_today ();
  g_autoptr(PdDemo) demo = g_new0 (PdDemo, 1);
  GDate start;
  gboolean ok;

  demo->rand = g_rand_new_with_seed (options->seed);
  demo->n_members = options->n_members;

  ok = pd_date_parse (today, &demo->today);
  g_assert (ok);
  /* Members join over eight years, or over all the years of history: no
   * session is held before anyone could come. */
  start = demo->today;
  g_date_subtract_years (&start, MAX (8, options->n_years));
  demo->first_day = g_date_get_julian (&start);
  demo->n_days = g_date_get_julian (&demo->today) - demo->first_day;

  demo->first_name = g_string_sized_new (64);
  demo->last_name = g_string_sized_new (64);
  demo->emergency_name = g_string_sized_new (64);
  demo->email = g_string_sized_new (64);
  demo->race = g_string_sized_new (64);
  demo->notes = g_string_sized_new (256);

  demo->joined = g_new (guint32, MAX (options->n_members, 1));
  demo->active = g_new (guint8, MAX (options->n_members, 1));
  demo->ids = g_new (gint64, MAX (options->n_members, 1));

  if (!load_names (demo, error))
    return NULL;
  for (guint i = 0; i < N_CULTURES; i++)
    demo->culture_total += cultures[i].weight;
  for (guint i = 0; i < G_N_ELEMENTS (gender_profiles); i++)
    demo->profile_total += gender_profiles[i].weight;

  return g_steal_pointer (&demo);
}

void
pd_demo_free (PdDemo *demo)
{
  for (guint i = 0; i < N_CULTURES; i++)
    {
      pd_demo_name_list_clear (&demo->names[i].women);
      pd_demo_name_list_clear (&demo->names[i].men);
      pd_demo_name_list_clear (&demo->names[i].surnames);
      pd_demo_name_list_clear (&demo->names[i].surnames_women);
    }
  pd_demo_name_list_clear (&demo->english_women);
  pd_demo_name_list_clear (&demo->english_men);
  pd_demo_name_list_clear (&demo->chosen);

  g_string_free (demo->first_name, TRUE);
  g_string_free (demo->last_name, TRUE);
  g_string_free (demo->emergency_name, TRUE);
  g_string_free (demo->email, TRUE);
  g_string_free (demo->race, TRUE);
  g_string_free (demo->notes, TRUE);
  g_free (demo->joined);
  g_free (demo->active);
  g_free (demo->ids);
  g_rand_free (demo->rand);
  g_free (demo);
}

static gboolean
chance (PdDemo *demo,
        guint   per_mille)
{
  return pd_demo_chance (demo->rand, per_mille);
}

static guint
pick (PdDemo *demo,
      guint   n)
{
  return pd_demo_pick (demo->rand, n);
}

static const char *
pick_weighted (PdDemo         *demo,
               const Weighted *table,
               guint           n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return table[i].code;
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

#define PICK_WEIGHTED(demo, table) pick_weighted (demo, table, G_N_ELEMENTS (table))

static guint
pick_races (PdDemo           *demo,
            const RaceWeight *table)
{
  guint total = 0;
  guint r;

  for (guint i = 0; table[i].weight; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; table[i].weight; i++)
    {
      if (r < table[i].weight)
        return table[i].races;
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

static const Relationship *
pick_relationship (PdDemo             *demo,
                   const Relationship *table,
                   guint               n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return &table[i];
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

static const PdDemoName *
pick_name (PdDemo               *demo,
           const PdDemoNameList *list)
{
  return &list->names[pick (demo, list->n)];
}

/* The culture at @r, from 0 to the sum of their weights. */
guint
pd_demo_culture_at (guint r)
{
  for (guint i = 0; i < N_CULTURES; i++)
    {
      if (r < cultures[i].weight)
        return i;
      r -= cultures[i].weight;
    }
  g_assert_not_reached ();
}

static guint
pick_culture (PdDemo *demo)
{
  return pd_demo_culture_at (pick (demo, demo->culture_total));
}

static const GenderProfile *
pick_profile (PdDemo *demo)
{
  guint r = pick (demo, demo->profile_total);

  for (guint i = 0; i < G_N_ELEMENTS (gender_profiles); i++)
    {
      if (r < gender_profiles[i].weight)
        return &gender_profiles[i];
      r -= gender_profiles[i].weight;
    }
  g_assert_not_reached ();
}

static const PdDemoNameList *
given_names (PdDemo   *demo,
             guint     culture,
             NameKind  kind)
{
  switch (kind)
    {
    case NAMES_WOMEN:
      return &demo->names[culture].women;
    case NAMES_MEN:
      return &demo->names[culture].men;
    case NAMES_CHOSEN:
      return &demo->chosen;
    case NAMES_EITHER:
    default:
      return chance (demo, 500) ? &demo->names[culture].women : &demo->names[culture].men;
    }
}

static const char *
spelling (const PdDemoName *name,
          gboolean          plain)
{
  return plain ? name->plain : name->name;
}

static void
format_date (char        *buffer,
             gsize        size,
             const GDate *date,
             gboolean     with_day)
{
  g_assert (size >= PD_DATE_ISO_SIZE);
  if (with_day)
    pd_date_write_iso (date, buffer);
  else
    g_snprintf (buffer, size, "%04d-%02d", (int) g_date_get_year (date),
                (int) g_date_get_month (date));
}

void
pd_demo_format_julian (char    *buffer,
                       gsize    size,
                       guint32  day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  format_date (buffer, size, &date, TRUE);
}

/* The days the centre is closed, the same every year. */
gboolean
pd_demo_is_holiday (const GDate *day)
{
  GDateMonth month = g_date_get_month (day);
  GDateDay mday = g_date_get_day (day);

  if ((month == G_DATE_DECEMBER && mday == 25) || (month == G_DATE_JANUARY && mday == 1) ||
      (month == G_DATE_JULY && mday == 4))
    return TRUE;
  /* Thanksgiving, the fourth Thursday of November. */
  return month == G_DATE_NOVEMBER && g_date_get_weekday (day) == G_DATE_THURSDAY &&
         mday >= 22 && mday <= 28;
}

void
pd_demo_format_phone (GRand *rand,
                      char  *buffer,
                      gsize  size)
{
  g_snprintf (buffer, size, "(%s) 555-01%02u",
              area_codes[pd_demo_pick (rand, G_N_ELEMENTS (area_codes))], pd_demo_pick (rand, 100));
}

const char *
pd_demo_email_domain (GRand *rand)
{
  return email_domains[pd_demo_pick (rand, G_N_ELEMENTS (email_domains))];
}

static void
format_email (PdDemo           *demo,
              const PdDemoName *first,
              const PdDemoName *last,
              int               year)
{
  const char *f = first->ascii;
  const char *domain = pd_demo_email_domain (demo->rand);
  GString *out = demo->email;

  g_string_truncate (out, 0);
  if (last == NULL)
    {
      g_string_append_printf (out, "%s%u", f, 10 + pick (demo, 990));
    }
  else
    {
      const char *l = last->ascii;

      switch (pick (demo, 8))
        {
        case 0:
          g_string_append_printf (out, "%s.%s", f, l);
          break;
        case 1:
          g_string_append_printf (out, "%s%s", f, l);
          break;
        case 2:
          g_string_append_printf (out, "%c%s", f[0], l);
          break;
        case 3:
          g_string_append_printf (out, "%s_%s", f, l);
          break;
        case 4:
          g_string_append_printf (out, "%s.%s%02u", f, l, 1 + pick (demo, 99));
          break;
        case 5:
          g_string_append_printf (out, "%s%c%02u", f, l[0], 1 + pick (demo, 99));
          break;
        case 6:
          g_string_append_printf (out, "%s.%s", l, f);
          break;
        default:
          /* The last two digits of the year of birth. */
          if (year > 0)
            g_string_append_printf (out, "%s%02d", f, year % 100);
          else
            g_string_append_printf (out, "%s%s%u", f, l, 1 + pick (demo, 999));
          break;
        }
    }
  g_string_append_printf (out, "@%s", domain);
}

/* The legal first name, and the name the member goes by if it differs. */
static void
make_names (PdDemo               *demo,
            guint                 culture,
            const GenderProfile  *profile,
            gboolean              plain,
            const PdDemoName    **first_out,
            const PdDemoName    **email_name_out,
            const char          **preferred_out,
            NameKind             *legal_kind_out)
{
  const PdDemoCultureNames *names = &demo->names[culture];
  const PdDemoNameList *legal_list = given_names (demo, culture, profile->legal);
  NameKind legal_kind = legal_list == &names->women ? NAMES_WOMEN : NAMES_MEN;
  const PdDemoName *first, *email_name;
  const char *preferred = NULL;

  /* Many born in the US are given a name common there, whatever their
   * family's language. */
  if (chance (demo, cultures[culture].us_given))
    legal_list = legal_kind == NAMES_WOMEN ? &demo->names[0].women : &demo->names[0].men;
  first = pick_name (demo, legal_list);
  email_name = first;

  if ((profile->known_as == NAMES_WOMEN || profile->known_as == NAMES_MEN) &&
      profile->known_as != legal_kind)
    {
      /* A name in use long before it is the legal one. */
      if (chance (demo, 900))
        {
          email_name = pick_name (demo, given_names (demo, culture, profile->known_as));
          preferred = spelling (email_name, plain);
        }
    }
  else if (profile->known_as == NAMES_CHOSEN && chance (demo, 450))
    {
      email_name = pick_name (demo, &demo->chosen);
      preferred = email_name->name;
    }
  else if (chance (demo, 150))
    {
      if (first->nickname != NULL && chance (demo, 800))
        preferred = first->nickname;
      else if (cultures[culture].english_names && chance (demo, 600))
        {
          email_name = pick_name (demo, legal_kind == NAMES_WOMEN ? &demo->english_women
                                                                  : &demo->english_men);
          preferred = email_name->name;
        }
      else
        {
          /* Goes by a middle name. */
          const PdDemoName *middle = pick_name (demo, legal_list);

          if (strcmp (middle->name, first->name) != 0)
            {
              email_name = middle;
              preferred = spelling (middle, plain);
            }
        }
    }

  *first_out = first;
  *email_name_out = email_name;
  *preferred_out = preferred;
  *legal_kind_out = legal_kind;
}

static void
make_emergency_contact (PdDemo           *demo,
                        guint             culture,
                        const PdDemoName *member_first,
                        const PdDemoName *member_surname,
                        gboolean          plain)
{
  gboolean woman = chance (demo, 550);
  const PdDemoCultureNames *names;
  const Relationship *relationship;
  const PdDemoName *surname = NULL;
  const PdDemoName *first;

  relationship = woman ? pick_relationship (demo, relationships_women,
                                            G_N_ELEMENTS (relationships_women))
                       : pick_relationship (demo, relationships_men,
                                            G_N_ELEMENTS (relationships_men));
  if (relationship->family && member_surname != NULL && chance (demo, 700))
    surname = member_surname;
  else if (chance (demo, 150))
    culture = pick_culture (demo);
  names = &demo->names[culture];
  if (surname == NULL)
    surname = pick_name (demo, &names->surnames);

  /* Not someone of the member's own name. */
  do
    first = pick_name (demo, woman ? &names->women : &names->men);
  while (strcmp (first->name, member_first->name) == 0);

  g_string_truncate (demo->emergency_name, 0);
  g_string_append (demo->emergency_name, spelling (first, plain));
  if (chance (demo, 950))
    g_string_append_printf (demo->emergency_name, " %s", spelling (surname, plain));
  if (chance (demo, 550))
    g_string_append_printf (demo->emergency_name, " (%s)", relationship->name);
}

static void
make_race (PdDemo        *demo,
           const Culture *culture)
{
  guint races;

  g_string_truncate (demo->race, 0);
  if (chance (demo, culture->race_unknown))
    {
      g_string_append (demo->race, PICK_WEIGHTED (demo, race_data_quality));
      return;
    }

  races = pick_races (demo, culture->races);
  /* Half of the members of more than one race come from here, half from
   * the tables of each culture. */
  if ((races & (races - 1)) == 0 && chance (demo, 45))
    {
      guint extra;

      do
        extra = pick_races (demo, races_extra);
      while (extra == races);
      races |= extra;
    }

  for (guint i = 0; i < G_N_ELEMENTS (race_codes); i++)
    if (races & (1u << i))
      g_string_append_printf (demo->race, "%s%s", demo->race->len ? ";" : "", race_codes[i]);
}

static void
make_notes (PdDemo *demo)
{
  g_string_truncate (demo->notes, 0);
  if (!chance (demo, 100))
    return;

  g_string_append (demo->notes, notes[pick (demo, G_N_ELEMENTS (notes))]);
  if (chance (demo, 150))
    g_string_append_printf (demo->notes, " %s", notes[pick (demo, G_N_ELEMENTS (notes))]);
}

/* Ages 18 to 80, most between 25 and 55. */
static guint
pick_age (PdDemo *demo)
{
  guint r = pick (demo, 100);

  if (r < 12)
    return 18 + pick (demo, 7);
  if (r < 82)
    return 25 + pick (demo, 31);
  if (r < 96)
    return 56 + pick (demo, 14);
  return 70 + pick (demo, 11);
}

/* Fills @member with the @index-th demo member. Joined dates grow with
 * @index, so member numbers follow the order in which people joined, and
 * more people joined lately than long ago, as at a growing centre. */
void
pd_demo_member (PdDemo   *demo,
                guint     index,
                PdMember *member)
{
  const Culture *culture;
  const GenderProfile *profile;
  const PdDemoName *first, *email_name, *surname = NULL, *second_surname = NULL;
  const char *preferred, *pronouns = "", *gender;
  NameKind legal_kind;
  guint culture_index;
  gboolean plain, not_collected, has_phone, has_email;
  double t, x;
  guint joined_offset;
  GDate joined, birth, latest_birth;
  int birth_year = 0;
  guint r;

  /* Where the member is in time, from 0 (eight years ago) to 1 (today):
   * the inverse of a distribution whose density grows from 0.5 to 1.5. */
  t = (index + g_rand_double (demo->rand)) / demo->n_members;
  x = sqrt (0.25 + 2.0 * t) - 0.5;
  joined_offset = MIN ((guint) (x * demo->n_days), demo->n_days);
  g_date_clear (&joined, 1);
  g_date_set_julian (&joined, demo->first_day + joined_offset);
  format_date (demo->joined_date, sizeof demo->joined_date, &joined, TRUE);
  demo->joined[index] = demo->first_day + joined_offset;

  culture_index = pick_culture (demo);
  culture = &cultures[culture_index];
  profile = pick_profile (demo);
  plain = chance (demo, culture->plain);

  make_names (demo, culture_index, profile, plain, &first, &email_name, &preferred, &legal_kind);

  g_string_assign (demo->first_name, spelling (first, plain));

  /* Some first-timers give only a first name. */
  g_string_truncate (demo->last_name, 0);
  if (chance (demo, 990))
    {
      /* A family name from another culture, as marriages and adoptions
       * bring. */
      guint family = culture_index;

      if (chance (demo, culture->us_family))
        family = 0;
      else if (chance (demo, 150))
        family = pick_culture (demo);
      const PdDemoNameList *surnames = &demo->names[family].surnames;

      if (legal_kind == NAMES_WOMEN && cultures[family].surnames_women != NULL &&
          chance (demo, 600))
        surnames = &demo->names[family].surnames_women;
      surname = pick_name (demo, surnames);
      g_string_append (demo->last_name, spelling (surname, plain));
      if (chance (demo, culture->two_surnames))
        {
          do
            second_surname = pick_name (demo, surnames);
          while (strcmp (second_surname->name, surname->name) == 0);
          g_string_append_printf (demo->last_name, " %s", spelling (second_surname, plain));
        }
    }

  if (chance (demo, profile->with_pronouns))
    {
      if (profile->pronouns != NULL)
        pronouns = pick_weighted (demo, profile->pronouns, profile->n_pronouns);
      else if (legal_kind == NAMES_WOMEN)
        pronouns = PICK_WEIGHTED (demo, pronouns_woman);
      else
        pronouns = PICK_WEIGHTED (demo, pronouns_man);
    }

  /* Birth dates, never later than the member's eighteenth birthday
   * before joining. */
  r = pick (demo, 1000);
  if (r < 50)
    demo->birth_date[0] = '\0';
  else
    {
      birth = demo->today;
      g_date_subtract_years (&birth, pick_age (demo));
      g_date_subtract_days (&birth, pick (demo, 365));
      latest_birth = joined;
      g_date_subtract_years (&latest_birth, 18);
      if (g_date_compare (&birth, &latest_birth) > 0)
        {
          birth = latest_birth;
          g_date_subtract_days (&birth, pick (demo, 365));
        }
      birth_year = g_date_get_year (&birth);
      format_date (demo->birth_date, sizeof demo->birth_date, &birth, r >= 130);
    }

  has_phone = chance (demo, 850);
  if (has_phone)
    pd_demo_format_phone (demo->rand, demo->phone, sizeof demo->phone);
  else
    demo->phone[0] = '\0';

  has_email = chance (demo, 500);
  if (has_email)
    format_email (demo, email_name, surname, birth_year);
  else
    g_string_truncate (demo->email, 0);

  if (chance (demo, 600))
    {
      make_emergency_contact (demo, culture_index, first, surname, plain);
      if (chance (demo, 970))
        pd_demo_format_phone (demo->rand, demo->emergency_phone, sizeof demo->emergency_phone);
      else
        demo->emergency_phone[0] = '\0';
    }
  else
    {
      g_string_truncate (demo->emergency_name, 0);
      demo->emergency_phone[0] = '\0';
    }

  /* A quick registration at a busy front desk asks no demographics. */
  not_collected = chance (demo, 25);
  gender = profile->gender;
  if (culture->indigenous && chance (demo, 40))
    gender = "culturally_specific";
  if (not_collected)
    {
      gender = "not_collected";
      g_string_assign (demo->race, "not_collected");
    }
  else
    make_race (demo, culture);

  pd_member_set (member, PD_MEMBER_FIELD_NUMBER, "");
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, demo->first_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, demo->last_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, preferred);
  pd_member_set (member, PD_MEMBER_FIELD_PRONOUNS, pronouns);
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, demo->birth_date);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, demo->phone);
  pd_member_set (member, PD_MEMBER_FIELD_EMAIL, demo->email->str);
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_NAME, demo->emergency_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_PHONE, demo->emergency_phone);
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, demo->joined_date);
  /* Those who joined long ago have more often stopped coming. */
  demo->active[index] = !chance (demo, 440 - (guint) (400 * x));
  pd_member_set (member, PD_MEMBER_FIELD_STATUS, demo->active[index] ? "active" : "inactive");
  pd_member_set (member, PD_MEMBER_FIELD_GENDER, gender);
  pd_member_set (member, PD_MEMBER_FIELD_RACE, demo->race->str);
  pd_member_set (member, PD_MEMBER_FIELD_ETHNICITY,
                 not_collected ? "not_collected"
                 : chance (demo, culture->hispanic) ? "hispanic"
                 : PICK_WEIGHTED (demo, ethnicity_other));
  pd_member_set (member, PD_MEMBER_FIELD_VETERAN,
                 not_collected ? "not_collected"
                 : legal_kind == NAMES_MEN ? PICK_WEIGHTED (demo, veteran_men)
                 : PICK_WEIGHTED (demo, veteran_women));
  pd_member_set (member, PD_MEMBER_FIELD_HOUSING,
                 not_collected ? "not_collected" : PICK_WEIGHTED (demo, housing));
  pd_member_set (member, PD_MEMBER_FIELD_JUSTICE,
                 not_collected ? "not_collected" : PICK_WEIGHTED (demo, justice));
  /* Nobody can be contacted without a phone or an email. */
  pd_member_set (member, PD_MEMBER_FIELD_MAY_CONTACT,
                 chance (demo, 760) && (has_phone || has_email) ? "1" : "0");
  pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, chance (demo, 920) ? "1" : "0");
  make_notes (demo);
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, demo->notes->str);
  pd_member_set (member, PD_MEMBER_FIELD_CREATED_AT, "");
  pd_member_set (member, PD_MEMBER_FIELD_UPDATED_AT, "");
}
