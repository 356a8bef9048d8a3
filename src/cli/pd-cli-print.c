/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-print-documents.h"
#include "pd-text.h"

/* print: the documents the app prints, written as PDFs. */

typedef struct
{
  char *output;
  char *paper;
  char *credential;
  char *week;
  PdCliPeriod period;
} Print;

/* Builds a document from the arguments that follow its name and the
 * options of @call (a Print). */
typedef PdPrintDoc *(*DocumentFunc) (PdCliCall   *call,
                                     char       **args,
                                     GError     **error);

typedef struct
{
  const char   *name;
  guint         n_args;
  const char   *args_name;    /* translatable, as in --help: “SESSION_ID” */
  const char   *summary;      /* translatable */
  DocumentFunc  build;
} Document;

static PdPrintDoc *
build_sign_in (PdCliCall   *call,
               char       **args,
               GError     **error)
{
  gint64 id;

  if (!pd_cli_parse_id (args[0], _("SESSION_ID"), &id, error))
    return NULL;
  return pd_print_sign_in_sheet (call->db, id, error);
}

static PdPrintDoc *
build_training (PdCliCall   *call,
                char       **args,
                GError     **error)
{
  Print *self = call->data;
  gint64 volunteer_id, credential_id = 0;

  if (!pd_cli_parse_id (args[0], _("VOLUNTEER_ID"), &volunteer_id, error) ||
      (self->credential != NULL &&
       !pd_cli_parse_id (self->credential, "--credential", &credential_id, error)))
    return NULL;
  return pd_print_training_record (call->db, volunteer_id, credential_id, error);
}

static PdPrintDoc *
build_report (PdCliCall   *call,
              char       **args,
              GError     **error)
{
  Print *self = call->data;
  g_autoptr(PdPeriod) period = pd_cli_period_parse (&self->period, error);

  if (period == NULL)
    return NULL;
  return pd_print_report_figures (call->db, period, error);
}

/* The week of --week, this week unless given. */
static PdPrintDoc *
build_schedule (PdCliCall   *call,
                char       **args,
                GError     **error)
{
  Print *self = call->data;
  g_autofree char *today = pd_date_today ();
  GDate day;

  pd_date_parse (self->week != NULL ? self->week : today, &day);
  return pd_print_schedule (call->db, &day, error);
}

/* The documents, in the order --help lists them. */
static const Document documents[] = {
  { "sign-in", 1, N_("SESSION_ID"), N_("A session's sign-in sheet (“sessions list” shows ids)"),
    build_sign_in },
  /* Translators: only DATE may be translated */
  { "schedule", 0, N_("[--week DATE]"), N_("The week's meetings for the notice board"),
    build_schedule },
  { "training", 1, N_("VOLUNTEER_ID"),
    N_("A volunteer's training and hours record (--credential ID: for one credential)"),
    build_training },
  { "report", 0, N_("--from DATE --to DATE"),
    N_("The funder report's figures for a board meeting"), build_report },
};

static const Document *
find_document (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if (g_strcmp0 (documents[i].name, name) == 0)
      return &documents[i];
  return NULL;
}

static GOptionContext *
print_options (PdCliCall *call)
{
  Print *self = pd_cli_call_new (call, Print, NULL);
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      N_("Write the PDF to FILE"), N_("FILE.pdf") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &self->paper,
      N_("The paper: a4 or letter (unless told, the locale's)"), N_("PAPER") },
    { "credential", 0, 0, G_OPTION_ARG_STRING, &self->credential,
      N_("print training: the credential to show (unless told, every one)"), N_("ID") },
    { "week", 0, 0, G_OPTION_ARG_STRING, &self->week,
      N_("print schedule: the week of DATE, YYYY-MM-DD (this week unless told)"), N_("DATE") },
    /* --from and --to, for print report */
    G_OPTION_ENTRY_NULL, G_OPTION_ENTRY_NULL,
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GString) description = g_string_new (_("Documents:"));

  pd_cli_period_entries (&self->period, entries + 4);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", documents[i].name,
                                                _(documents[i].args_name));

      g_string_append_printf (description, "\n  %-28s %s", usage, _(documents[i].summary));
    }
  g_string_append (description, "\n\n");
  g_string_append (description, _("A printed page takes records out of Peerdesk as an export "
                                  "does: each is recorded in the audit trail. If anything goes "
                                  "wrong no file is left."));
  /* Translators: only DOCUMENT and ARGUMENTS may be translated */
  return pd_cli_call_context_new (call, _("print DOCUMENT [ARGUMENTS…] -o FILE.pdf"),
                                  _("Write a document to print as a PDF."),
                                  description->str, entries);
}

static gboolean
print_check (PdCliCall  *call,
             GError    **error)
{
  Print *self = call->data;
  const Document *document = find_document (call->args[1]);
  guint n_args = g_strv_length (call->args) - 2;
  gboolean report;
  PdPaper paper;

  if (document == NULL)
    {
      g_autofree char *excerpt = pd_text_excerpt (call->args[1], -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a document to print; see “%s print --help”"), excerpt,
                   PD_CLI_NAME);
      return FALSE;
    }
  if (n_args != document->n_args)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("print %s needs %s"), document->name,
                   _(document->args_name));
      return FALSE;
    }
  if (self->credential != NULL && !g_str_equal (document->name, "training"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--credential is for print training only"));
      return FALSE;
    }
  if (self->week != NULL && !g_str_equal (document->name, "schedule"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--week is for print schedule only"));
      return FALSE;
    }
  if (self->week != NULL && !pd_cli_check_date (self->week, "--week", error))
    return FALSE;
  report = g_str_equal (document->name, "report");
  if (report ? !pd_cli_period_is_set (&self->period)
             : self->period.from != NULL || self->period.to != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           report ? _("print report needs --from DATE and --to DATE")
                                  : _("--from and --to are for print report only"));
      return FALSE;
    }
  if (self->output == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("print needs -o FILE.pdf"));
      return FALSE;
    }
  return self->paper == NULL || pd_paper_from_string (self->paper, &paper, error);
}

static gboolean
print_run (PdCliCall  *call,
           GError    **error)
{
  Print *self = call->data;
  const Document *document = find_document (call->args[1]);
  g_autoptr(PdPrintDoc) doc = NULL;
  PdPaper paper = pd_paper_for_locale ();

  if (self->paper != NULL && !pd_paper_from_string (self->paper, &paper, error))
    return FALSE;

  doc = document->build (call, call->args + 2, error);
  if (doc == NULL || !pd_print_doc_write_pdf (doc, paper, self->output, error))
    return FALSE;
  /* Translators: Wrote “Sign-in Sheet” to sheet.pdf */
  g_print (_("Wrote “%s” to %s\n"), pd_print_doc_get_title (doc), self->output);
  return TRUE;
}

const PdCliHandler pd_cli_print_handler = {
  print_options, print_check, print_run,
};
