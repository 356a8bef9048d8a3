/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"
#include "pd-period.h"

G_BEGIN_DECLS

/* The funder report: figures for a period, computed by aggregate queries,
 * small counts suppressed, written as XML that validates against
 * data/schema/peerdesk-report-1.xsd. Nothing in it identifies a member;
 * members who did not consent to de-identified reporting are left out of
 * every figure, and the report says how many were. */

#define PD_REPORT_SCHEMA_VERSION 1
#define PD_REPORT_NAMESPACE "https://peerdesk.org/schema/report/1"

#define PD_REPORT_THRESHOLD_DEFAULT 11
#define PD_REPORT_THRESHOLD_MIN 2
#define PD_REPORT_THRESHOLD_MAX 100

/* How many days before it expires a credential counts as expiring. */
#define PD_REPORT_RENEWAL_WINDOW_DEFAULT 90
#define PD_REPORT_RENEWAL_WINDOW_MIN 1
#define PD_REPORT_RENEWAL_WINDOW_MAX 730

/* The report's settings are the centre's, kept in the database so that the
 * app and peerdesk-cli make the same report. */
typedef struct
{
  char  *organisation;
  char  *site_id;
  char  *grant_id;
  guint  threshold;
  guint  renewal_window_days;
} PdReportSettings;

void        pd_report_settings_clear      (PdReportSettings        *settings);
gboolean    pd_report_settings_load       (PdDatabase              *db,
                                           PdReportSettings        *settings,
                                           GError                 **error);
gboolean    pd_report_settings_save       (PdDatabase              *db,
                                           const PdReportSettings  *settings,
                                           GError                 **error);
guint       pd_report_settings_get_renewal_window (PdDatabase      *db);
/* The organisation's name, or NULL while it has none: the centre's name
 * at the head of what it prints or publishes, which any role may see. */
char       *pd_report_settings_dup_organisation  (PdDatabase      *db);

/* A count that may be suppressed. */
typedef struct
{
  gint64    value;
  gboolean  suppressed;
} PdReportCount;

typedef struct
{
  char          *code;    /* the code or name the XML gives the cell */
  char          *label;   /* what people read: translated, or the centre's own name */
  PdReportCount  count;
} PdReportCell;

/* A table whose cells add up to a total kept elsewhere in the report (the
 * visits total, participants served…); several tables may share one. */
typedef struct
{
  const char    *element;   /* its element in the XML */
  const char    *title;     /* translated */
  GArray        *cells;     /* of PdReportCell */
  PdReportCount *total;     /* borrowed from the report */
} PdReportTable;

/* A figure that is never suppressed: sessions, hours, volunteers. */
typedef struct
{
  char   *code;
  char   *label;
  gint64  value;            /* sessions, or quarter hours */
} PdReportAmount;

typedef enum
{
  PD_REPORT_DEMOGRAPHIC_AGE_BAND,
  PD_REPORT_DEMOGRAPHIC_GENDER,
  PD_REPORT_DEMOGRAPHIC_RACE,
  PD_REPORT_DEMOGRAPHIC_ETHNICITY,
  PD_REPORT_DEMOGRAPHIC_VETERAN,
  PD_REPORT_DEMOGRAPHIC_HOUSING,
  PD_REPORT_DEMOGRAPHIC_JUSTICE,
  PD_REPORT_N_DEMOGRAPHICS
} PdReportDemographic;

typedef struct
{
  /* Header */
  char          *organisation;
  char          *site_id;           /* NULL or "" when the centre has none */
  char          *grant_id;
  PdPeriod       period;
  char          *generated_at;      /* local time, YYYY-MM-DDTHH:MM:SS */
  guint          threshold;
  guint          renewal_window_days;

  /* Participants */
  PdReportCount  served;
  PdReportCount  new_members;
  PdReportCount  left_out;

  /* Visits: by_visitor is "member", "anonymous" */
  PdReportCount  visits_total;
  PdReportTable  visits_by_visitor;
  PdReportTable  visits_by_purpose;

  /* Meetings: attendance is "named", "anonymous_headcount" */
  gint64         sessions_held;
  GArray        *sessions_by_kind;  /* of PdReportAmount, every kind */
  PdReportCount  attendance_total;
  PdReportTable  attendance;
  PdReportCount  unique_attendees;
  double         mean_per_session;
  gboolean       mean_suppressed;

  /* Volunteers (quarter hours; supervision in minutes) */
  gint64         volunteers_active;
  gint64         volunteer_quarter_hours;
  GArray        *hours_by_activity; /* of PdReportAmount */
  gint64         supervision_minutes;

  /* Training (quarter hours) */
  gint64         trainings_completed;
  gint64         training_quarter_hours;
  GArray        *training_by_domain; /* of PdReportAmount */

  /* Credentials on the last day of the period */
  gint64         credentials_active;
  gint64         credentials_expiring;
  gint64         credentials_expired;

  /* Each adds up to served */
  PdReportTable  demographics[PD_REPORT_N_DEMOGRAPHICS];
} PdReport;

typedef struct
{
  const PdPeriod *period;
  const char *organisation;         /* the rest default to the settings when NULL / 0 */
  const char *site_id;
  const char *grant_id;
  guint       threshold;
  int         renewal_window_days;  /* < 0: the setting; 0 counts none as expiring */
  GDateTime  *now;                  /* NULL: the current time */
} PdReportOptions;

PdReport   *pd_report_new                 (PdDatabase              *db,
                                           const PdReportOptions   *options,
                                           GError                 **error);
/* pd_report_new() for a printed copy: the same figures, recorded once as
 * printed (PD_AUDIT_EXPORT, "printed report figures" and the period). */
PdReport   *pd_report_new_printed         (PdDatabase              *db,
                                           const PdReportOptions   *options,
                                           GError                 **error);
/* pd_report_new() and pd_report_write() in one, recorded once as written. */
PdReport   *pd_report_export              (PdDatabase              *db,
                                           const PdReportOptions   *options,
                                           const char              *path,
                                           GError                 **error);
void        pd_report_free                (PdReport                *report);
gboolean    pd_report_write               (PdReport                *report,
                                           const char              *path,
                                           GError                 **error);
gboolean    pd_report_validate_file       (const char              *path,
                                           GError                 **error);
GBytes     *pd_report_get_schema          (void);

void        pd_report_suppress            (PdReport                *report);
gboolean    pd_report_table_is_protected  (const PdReportTable     *table,
                                           guint                    threshold);

char       *pd_report_format_hours        (gint64                   quarter_hours);
/* Minutes as hours to the hundredth, as the XML gives supervision: "2.33". */
char       *pd_report_format_minutes      (gint64                   minutes);
/* The same for people to read, in the locale's digits: "1,234.5 h". */
char       *pd_report_dup_hours_text      (gint64                   quarter_hours);
char       *pd_report_dup_minutes_text    (gint64                   minutes);
char       *pd_report_dup_sql             (PdDatabase              *db,
                                           const PdReportOptions   *options,
                                           GError                 **error);

/* Visits and attendance per month, for a chart: consenting members and
 * anonymous people alike, as in the report, but not suppressed. */
typedef struct
{
  int     year;
  int     month;
  gint64  visits;
  gint64  attendance;
} PdReportMonth;

GArray     *pd_report_months              (PdDatabase              *db,
                                           const PdPeriod          *period,
                                           GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReport, pd_report_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdReportSettings, pd_report_settings_clear)

G_END_DECLS
