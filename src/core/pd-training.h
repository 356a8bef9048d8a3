/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *code;
  char   *label;
} PdDomain;

typedef struct
{
  gint64    id;
  char     *title;
  char     *provider;
  guint     quarter_hours;
  char     *delivery;            /* "in_person" or "online" */
  gboolean  required_yearly;     /* the organisation requires it every year */
  GStrv     domains;             /* domain codes */
} PdCourse;

typedef struct
{
  gint64  id;
  gint64  volunteer_id;
  gint64  course_id;
  char   *course_title;
  char   *date;
  guint   quarter_hours;         /* credited, may differ from the course's */
  char   *certificate;
} PdCompletion;

typedef struct
{
  gint64  id;
  gint64  volunteer_id;
  char   *template;              /* a template's code, or "" */
  char   *name;
  char   *issuing_body;
  char   *number;
  char   *issued_date;           /* "" while not yet earned */
  char   *expiry_date;
  guint   renewal_cycle_months;
} PdCredential;

/* Credential templates are JSON files, one a credential, in
 * pd_credential_templates_dir (). Format 1:
 *
 *   {
 *     "format": 1,                          required, this format's number
 *     "code": "icrc-peer-recovery",         required, lower-case letters, digits and -;
 *                                           credentials name their template by it
 *     "name": "IC&RC Peer Recovery",        required
 *     "issuing_body": "IC&RC",              optional
 *     "renewal_cycle_months": 24,           required, 1 to 120
 *     "multi_domain_courses": "split",      required: "split" shares a course's hours evenly
 *                                           among its domains, "full" counts them in each
 *     "initial": REQUIREMENTS,              required: to earn the credential
 *     "renewal": REQUIREMENTS               required: to renew it, within one cycle
 *   }
 *
 * REQUIREMENTS is
 *
 *   {
 *     "total_hours": 46,                    required, training hours in all
 *     "domain_hours": { "ethics": 16 },     optional, the least training hours in a domain;
 *                                           codes of the built-in training domains only
 *     "practice_hours": 500,                optional, hours logged as a volunteer
 *     "supervised_hours": 25                optional, hours of supervision
 *   }
 *
 * Hours are numbers in steps of a quarter hour (0.25); a requirement left
 * out or 0 is not required, except that a domain listed needs more than 0
 * hours and no more than the total. Any other key is refused, so that a
 * misspelt one is not silently ignored. Comments, nesting deeper than
 * PD_JSON_MAX_DEPTH and "\u0000" are refused (see pd_json_check_text()),
 * and so is a file larger than PD_TEMPLATE_MAX_SIZE, before it is read. */
#define PD_TEMPLATE_MAX_SIZE (256 * 1024)

/* A set of requirements, from a JSON template: to earn a credential, or to
 * renew it within one cycle. */
typedef struct
{
  guint        total_quarters;
  GHashTable  *domain_quarters;  /* domain code → guint quarter hours, as pointers */
  guint        practice_quarters;
  guint        supervised_quarters;
} PdRequirements;

typedef struct
{
  char           *code;
  char           *name;
  char           *issuing_body;
  guint           renewal_cycle_months;
  gboolean        split_multi_domain;  /* a course in several domains: split its hours
                                        * evenly, or count them in full in each */
  PdRequirements  initial;
  PdRequirements  renewal;
} PdCredentialTemplate;

/* One requirement's progress: "ethics", 16 h needed, 12 h earned. */
typedef struct
{
  char  *requirement;            /* "total", "practice", "supervised" or a domain code */
  char  *label;
  guint  needed_quarters;
  guint  earned_quarters;
} PdProgressItem;

typedef struct
{
  gboolean   renewal;            /* measuring the renewal cycle, not the initial award */
  char      *from;               /* the cycle: dates counted, inclusive; */
  char      *to;                 /* @from is NULL for the initial award, which counts
                                  * everything up to today */
  char      *deadline;           /* by when the missing hours are due, or NULL */
  GPtrArray *items;              /* PdProgressItem */
  char      *missing;            /* "4 more ethics hours by 2027-03-31", or NULL when met */
} PdProgress;

typedef enum
{
  PD_ALERT_CREDENTIAL_EXPIRING,
  PD_ALERT_CREDENTIAL_EXPIRED,
  PD_ALERT_TRAINING_DUE,
} PdAlertKind;

typedef struct
{
  PdAlertKind  kind;
  gint64       volunteer_id;
  char        *volunteer_name;
  char        *what;             /* the credential's name or the course's title */
  char        *date;             /* the expiry date or the due date */
  char        *message;          /* a sentence for the list */
  gboolean     never_completed;  /* a course due that was never completed */
} PdAlert;

void        pd_domain_free                (PdDomain       *domain);
void        pd_course_free                (PdCourse       *course);
void        pd_completion_free            (PdCompletion   *completion);
void        pd_credential_free            (PdCredential   *credential);
void        pd_credential_template_free   (PdCredentialTemplate *template);
void        pd_progress_free              (PdProgress     *progress);
void        pd_alert_free                 (PdAlert        *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCourse, pd_course_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCredential, pd_credential_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCredentialTemplate, pd_credential_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdProgress, pd_progress_free)

/* Every change to domains, courses, completions and credentials is
 * notified as "training". */

/* The domains that are not archived, in their order. */
GPtrArray  *pd_domains_list               (PdDatabase     *db,
                                           GError        **error);
gint64      pd_domains_add                (PdDatabase     *db,
                                           const char     *code,
                                           const char     *label,
                                           GError        **error);

gint64      pd_courses_insert             (PdDatabase     *db,
                                           PdCourse       *course,
                                           GError        **error);
PdCourse   *pd_courses_get                (PdDatabase     *db,
                                           gint64          id,
                                           GError        **error);
/* @title_or_id is a course's id ("12" or "#12") or its title in any case. */
PdCourse   *pd_courses_find               (PdDatabase     *db,
                                           const char     *title_or_id,
                                           GError        **error);
GPtrArray  *pd_courses_list               (PdDatabase     *db,
                                           GError        **error);

gint64      pd_completions_add            (PdDatabase     *db,
                                           gint64          volunteer_id,
                                           gint64          course_id,
                                           const char     *date,
                                           guint           quarter_hours,
                                           const char     *certificate,
                                           GError        **error);
/* Newest first; a @volunteer_id of 0 is everyone's. */
GPtrArray  *pd_completions_list           (PdDatabase     *db,
                                           gint64          volunteer_id,
                                           GError        **error);

gint64      pd_credentials_insert         (PdDatabase     *db,
                                           PdCredential   *credential,
                                           GError        **error);
gboolean    pd_credentials_update         (PdDatabase     *db,
                                           PdCredential   *credential,
                                           GError        **error);
PdCredential *pd_credentials_get          (PdDatabase     *db,
                                           gint64          id,
                                           GError        **error);
/* By name; a @volunteer_id of 0 is everyone's. */
GPtrArray  *pd_credentials_list           (PdDatabase     *db,
                                           gint64          volunteer_id,
                                           GError        **error);

/* Clamps to the end of a shorter month: "2026-01-31" + 1 is "2026-02-28".
 * NULL if @date is not a date (YYYY-MM-DD). */
char       *pd_date_add_months            (const char     *date,
                                           int             months);

PdCredentialTemplate *pd_credential_template_load (const char *path,
                                                   GError    **error);
/* Errors are PD_ERROR_INVALID and start with @name, then the key's JSON
 * path: "icrc.json: initial.domain_hours.ethics: expected a number of
 * hours, got a string". */
PdCredentialTemplate *pd_credential_template_parse (const char *json,
                                                    gssize      length,
                                                    const char *name,
                                                    GError    **error);
/* Every *.json file of @dir, sorted by code; any bad file or two files
 * with the same code fail the whole load, naming the file. */
GPtrArray  *pd_credential_templates_load_all (const char  *dir,
                                              GError     **error);
/* The template of @templates with @code, or NULL. */
const PdCredentialTemplate *pd_credential_templates_find (GPtrArray  *templates,
                                                          const char *code);
/* $PEERDESK_TEMPLATES_DIR if set, else the installed templates (found
 * beside the program, see pd-install-dirs.h), else the source tree's, so
 * that an uninstalled build finds them. */
const char *pd_credential_templates_dir   (void);

/* Without an issued date, measures the initial award: everything up to
 * @today (NULL for today) counts, and the deadline is the expiry date if
 * the credential has one. With one, measures the renewal cycle that ends
 * at the expiry date (the issued date plus the cycle if it has none) and
 * starts the cycle's months before it, though not before the issued date:
 * completions, hours and supervision dated in it, inclusive, count, and the
 * deadline is the expiry date. The cycle's months are the credential's,
 * or the template's when it has none.
 *
 * Training hours are the completions' credited hours, once in the total;
 * with "split" a course's hours are shared among its domains in quarter
 * hours, any remainder going a quarter each to its first domains in the
 * domains' order (2.25 h in advocacy and ethics: 1.25 h and 1 h); with
 * "full" they count in full in each domain. Supervised hours are the sum
 * of the supervision minutes in quarter hours, rounded down.
 *
 * @missing names each domain short of its hours, then the total's
 * shortfall beyond those, then practice and supervised hours. */
PdProgress *pd_credential_progress        (PdDatabase     *db,
                                           const PdCredential *credential,
                                           const PdCredentialTemplate *template,
                                           const char     *today,
                                           GError        **error);
/* For active volunteers, sorted by date: issued credentials that expire
 * within @window_days of @today (NULL for today) or have expired, leaving
 * out one expired when the volunteer has another of the same name that
 * expires later; and courses required yearly that the volunteer last
 * completed more than a year before @today, or never (due @today). */
GPtrArray  *pd_alerts_list                (PdDatabase     *db,
                                           const char     *today,
                                           guint           window_days,
                                           GError        **error);
/* The same alerts, the @limit most urgent only, worked out in SQLite:
 * expired credentials first, then those expiring soonest, then trainings
 * due, each oldest date first. @n_alerts (may be NULL) is set to how many
 * there are in all. */
GPtrArray  *pd_alerts_list_urgent         (PdDatabase     *db,
                                           const char     *today,
                                           guint           window_days,
                                           guint           limit,
                                           guint          *n_alerts,
                                           GError        **error);
/* pd_alerts_list_urgent() on a thread, with a connection of its own to
 * the database's file. */
void        pd_alerts_list_urgent_async   (PdDatabase          *db,
                                           const char          *today,
                                           guint                window_days,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *pd_alerts_list_urgent_finish  (PdDatabase          *db,
                                           GAsyncResult        *result,
                                           guint               *n_alerts,
                                           GError             **error);

typedef enum
{
  PD_CREDENTIAL_WORKING_TOWARD,  /* no issued date: not held yet */
  PD_CREDENTIAL_HELD,
  PD_CREDENTIAL_EXPIRING,        /* held, and expires within the window */
  PD_CREDENTIAL_EXPIRED,
} PdCredentialStatus;

/* As the reports have it: a credential is held from its issued date
 * through its expiry date, inclusive, and expired from the day after; it
 * is expiring when it expires within @window_days of @today (NULL for
 * today), today included. */
PdCredentialStatus pd_credential_status   (const PdCredential *credential,
                                           const char         *today,
                                           guint               window_days);

G_END_DECLS
