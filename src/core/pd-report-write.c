/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "pd-error.h"
#include "pd-report.h"
#include "pd-safe-file.h"
#include "pd-schema-resources.h"
#include "pd-text.h"

/* Writing the report as XML, and checking it against the published
 * schema before the file takes its name. */

#define SCHEMA_RESOURCE "/org/peerdesk/Peerdesk/schema/peerdesk-report-1.xsd"

char *
pd_report_format_hours (gint64 quarter_hours)
{
  static const char *const quarters[] = { "", ".25", ".5", ".75" };

  return g_strdup_printf ("%" PRId64 "%s", quarter_hours / 4,
                          quarters[quarter_hours % 4]);
}

char *
pd_report_format_minutes (gint64 minutes)
{
  /* Hundredths of an hour, rounded to the nearest, without trailing zeros. */
  gint64 hundredths = (minutes * 100 + 30) / 60;

  if (hundredths % 100 == 0)
    return g_strdup_printf ("%" PRId64, hundredths / 100);
  if (hundredths % 10 == 0)
    return g_strdup_printf ("%" PRId64 ".%" PRId64, hundredths / 100,
                            hundredths % 100 / 10);
  return g_strdup_printf ("%" PRId64 ".%02" PRId64, hundredths / 100,
                          hundredths % 100);
}

/* Hours as people read them: the locale's digits and a unit. */
static char *
dup_hours_text (const char *plain)
{
  g_autofree char *number = pd_text_format_number (plain);

  /* Translators: a number of hours */
  return g_strdup_printf (_("%s h"), number);
}

char *
pd_report_dup_hours_text (gint64 quarter_hours)
{
  g_autofree char *plain = pd_report_format_hours (quarter_hours);

  return dup_hours_text (plain);
}

char *
pd_report_dup_minutes_text (gint64 minutes)
{
  g_autofree char *plain = pd_report_format_minutes (minutes);

  return dup_hours_text (plain);
}

typedef struct
{
  xmlTextWriterPtr writer;
  gboolean         failed;
} Writer;

static void
w_start (Writer     *w,
         const char *element)
{
  if (!w->failed && xmlTextWriterStartElement (w->writer, BAD_CAST element) < 0)
    w->failed = TRUE;
}

static void
w_end (Writer *w)
{
  if (!w->failed && xmlTextWriterEndElement (w->writer) < 0)
    w->failed = TRUE;
}

static void
w_attribute (Writer     *w,
             const char *name,
             const char *value)
{
  if (!w->failed && xmlTextWriterWriteAttribute (w->writer, BAD_CAST name, BAD_CAST value) < 0)
    w->failed = TRUE;
}

static void
w_text (Writer     *w,
        const char *element,
        const char *text)
{
  if (!w->failed
      && xmlTextWriterWriteElement (w->writer, BAD_CAST element, BAD_CAST text) < 0)
    w->failed = TRUE;
}

static void
w_int (Writer     *w,
       const char *element,
       gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" PRId64, value);
  w_text (w, element, text);
}

static void
w_hours (Writer     *w,
         const char *element,
         gint64      quarter_hours)
{
  g_autofree char *text = pd_report_format_hours (quarter_hours);

  w_text (w, element, text);
}

/* The count's own content: <count>N</count> or <suppressed/>. */
static void
w_count_content (Writer              *w,
                 const PdReportCount *count)
{
  if (count->suppressed)
    {
      w_start (w, "suppressed");
      w_end (w);
    }
  else
    w_int (w, "count", count->value);
}

static void
w_count (Writer              *w,
         const char          *element,
         const PdReportCount *count)
{
  w_start (w, element);
  w_count_content (w, count);
  w_end (w);
}

static void
w_table (Writer              *w,
         const PdReportTable *table,
         const char          *attribute)
{
  w_start (w, table->element);
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      w_start (w, "cell");
      w_attribute (w, attribute, cell->code);
      w_count_content (w, &cell->count);
      w_end (w);
    }
  w_end (w);
}

static void
w_amounts (Writer     *w,
           const char *element,
           const char *attribute,
           const char *value_attribute,
           GArray     *amounts,
           gboolean    hours)
{
  for (guint i = 0; i < amounts->len; i++)
    {
      const PdReportAmount *amount = &g_array_index (amounts, PdReportAmount, i);
      g_autofree char *value = hours ? pd_report_format_hours (amount->value)
                                     : g_strdup_printf ("%" PRId64, amount->value);

      w_start (w, element);
      w_attribute (w, attribute, amount->code);
      w_attribute (w, value_attribute, value);
      w_end (w);
    }
}

static void
write_report (Writer         *w,
              const PdReport *report)
{
  g_autofree char *threshold = g_strdup_printf ("%u", report->threshold);
  g_autofree char *window = g_strdup_printf ("%u", report->renewal_window_days);
  g_autofree char *supervision = pd_report_format_minutes (report->supervision_minutes);
  g_autofree char *first = pd_date_to_iso (&report->period.first);
  g_autofree char *last = pd_date_to_iso (&report->period.last);

  if (xmlTextWriterStartDocument (w->writer, "1.0", "UTF-8", NULL) < 0)
    w->failed = TRUE;
  w_start (w, "report");
  w_attribute (w, "xmlns", PD_REPORT_NAMESPACE);
  w_attribute (w, "version", G_STRINGIFY (PD_REPORT_SCHEMA_VERSION));

  w_start (w, "header");
  w_text (w, "organisation", report->organisation);
  if (report->site_id != NULL && report->site_id[0] != '\0')
    w_text (w, "site-id", report->site_id);
  if (report->grant_id != NULL && report->grant_id[0] != '\0')
    w_text (w, "grant-id", report->grant_id);
  w_text (w, "period-start", first);
  w_text (w, "period-end", last);
  w_text (w, "generated-at", report->generated_at);
  w_text (w, "software-version", PACKAGE_VERSION);
  w_text (w, "schema-version", G_STRINGIFY (PD_REPORT_SCHEMA_VERSION));
  w_text (w, "suppression-threshold", threshold);
  w_text (w, "renewal-window-days", window);
  w_end (w);

  w_start (w, "participants");
  w_count (w, "served", &report->served);
  w_count (w, "new-members", &report->new_members);
  w_count (w, "left-out-without-consent", &report->left_out);
  w_end (w);

  w_start (w, "visits");
  w_count (w, "total", &report->visits_total);
  w_table (w, &report->visits_by_visitor, "code");
  w_table (w, &report->visits_by_purpose, "name");
  w_end (w);

  w_start (w, "meetings");
  w_start (w, "sessions-held");
  w_int (w, "total", report->sessions_held);
  w_amounts (w, "kind", "code", "sessions", report->sessions_by_kind, FALSE);
  w_end (w);
  w_start (w, "attendance");
  w_count (w, "total", &report->attendance_total);
  w_count (w, "named", &g_array_index (report->attendance.cells, PdReportCell, 0).count);
  w_count (w, "anonymous-headcount",
           &g_array_index (report->attendance.cells, PdReportCell, 1).count);
  w_count (w, "unique-attendees", &report->unique_attendees);
  w_start (w, "mean-per-session");
  if (report->mean_suppressed)
    {
      w_start (w, "suppressed");
      w_end (w);
    }
  else
    {
      char mean[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (mean, sizeof mean, "%.1f", report->mean_per_session);
      w_text (w, "value", mean);
    }
  w_end (w);
  w_end (w);
  w_end (w);

  w_start (w, "volunteers");
  w_int (w, "active", report->volunteers_active);
  w_start (w, "hours");
  w_hours (w, "total", report->volunteer_quarter_hours);
  w_amounts (w, "activity", "name", "hours", report->hours_by_activity, TRUE);
  w_end (w);
  w_text (w, "supervision-hours", supervision);
  w_end (w);

  w_start (w, "training");
  w_int (w, "completed", report->trainings_completed);
  w_hours (w, "hours", report->training_quarter_hours);
  w_amounts (w, "domain", "code", "hours", report->training_by_domain, TRUE);
  w_end (w);

  w_start (w, "credentials");
  w_int (w, "active", report->credentials_active);
  w_int (w, "expiring", report->credentials_expiring);
  w_int (w, "expired", report->credentials_expired);
  w_end (w);

  w_start (w, "demographics");
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    w_table (w, &report->demographics[i], "code");
  w_end (w);

  w_end (w);
  if (!w->failed && xmlTextWriterEndDocument (w->writer) < 0)
    w->failed = TRUE;
}

GBytes *
pd_report_get_schema (void)
{
  /* Looked up in its own resource, which also keeps the linker from
   * leaving it out of the static library's users. */
  return g_resource_lookup_data (pd_schema_get_resource (), SCHEMA_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

typedef struct
{
  GString *messages;
} ValidationErrors;

static void
collect_schema_error (void       *data,
                      xmlErrorPtr error)
{
  ValidationErrors *errors = data;
  g_autofree char *message = g_strchomp (g_strdup (error->message ? error->message : ""));

  if (errors->messages->len > 0)
    return;  /* the first says enough */
  g_string_append_printf (errors->messages, _("line %d: %s"), error->line, message);
}

gboolean
pd_report_validate_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) schema = pd_report_get_schema ();
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr compiled;
  xmlSchemaValidCtxtPtr valid;
  ValidationErrors errors = { g_string_new (NULL) };
  gsize size;
  const char *data;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  data = g_bytes_get_data (schema, &size);
  parser = xmlSchemaNewMemParserCtxt (data, (int) size);
  compiled = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  if (compiled == NULL)
    {
      g_string_free (errors.messages, TRUE);
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                           _("The report schema could not be read"));
      return FALSE;
    }

  valid = xmlSchemaNewValidCtxt (compiled);
  xmlSchemaSetValidStructuredErrors (valid, collect_schema_error,
                                     &errors);
  /* Validated as a stream, so a report of any size takes little memory. */
  rc = xmlSchemaValidateFile (valid, path, 0);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (compiled);

  if (rc != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("The report does not match the report schema (%s)"),
                   errors.messages->len ? errors.messages->str : _("unreadable"));
      g_string_free (errors.messages, TRUE);
      return FALSE;
    }
  g_string_free (errors.messages, TRUE);
  return TRUE;
}

typedef struct
{
  PdSafeFile *file;
  GError     *error;  /* the first write error */
} Output;

static int
output_write_cb (void       *data,
                 const char *buffer,
                 int         len)
{
  Output *output = data;

  if (output->error != NULL)
    return -1;
  if (!pd_safe_file_write (output->file, buffer, len, &output->error))
    return -1;
  return len;
}

static int
output_close_cb (void *data)
{
  return 0;  /* the safe file is closed by its commit */
}

static gboolean
validate_cb (const char  *tmp_path,
             gpointer     user_data,
             GError     **error)
{
  return pd_report_validate_file (tmp_path, error);
}

/* I/O errors of the report are PD_ERROR_IO, as they always were. */
static gboolean
propagate_io_error (GError  **error,
                    GError   *local_error)
{
  if (local_error->domain == G_FILE_ERROR)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_IO, local_error->message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
  return FALSE;
}

/* Written through a PdSafeFile, validated before it takes its name: an
 * invalid report, or any error, leaves no file. */
gboolean
pd_report_write (PdReport    *report,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(PdSafeFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlOutputBufferPtr buffer;
  Output output = { NULL, NULL };
  Writer w = { NULL, FALSE };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = pd_safe_file_new (path, &local_error);
  if (file == NULL)
    return propagate_io_error (error, g_steal_pointer (&local_error));

  output.file = file;
  buffer = xmlOutputBufferCreateIO (output_write_cb, output_close_cb, &output, NULL);
  w.writer = buffer ? xmlNewTextWriter (buffer) : NULL;
  if (w.writer == NULL)
    {
      if (buffer != NULL)
        xmlOutputBufferClose (buffer);
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED, _("Cannot start writing the report"));
      return FALSE;
    }
  xmlTextWriterSetIndent (w.writer, 1);
  xmlTextWriterSetIndentString (w.writer, BAD_CAST "  ");
  write_report (&w, report);
  if (!w.failed && xmlTextWriterFlush (w.writer) < 0)
    w.failed = TRUE;
  xmlFreeTextWriter (w.writer);  /* flushes and closes the output buffer */

  if (output.error != NULL)
    return propagate_io_error (error, g_steal_pointer (&output.error));
  if (w.failed)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Cannot write %s: %s"), path,
                   g_strerror (EIO));
      return FALSE;
    }
  if (!pd_safe_file_commit_checked (file, validate_cb, NULL, &local_error))
    return propagate_io_error (error, g_steal_pointer (&local_error));
  return TRUE;
}
