/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pd-attendance.h"
#include "pd-audit.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-print-documents.h"
#include "pd-print-private.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* Fewer lines than this leave the latecomers of a busy meeting without
 * one; more are added while the page has room. */
#define MIN_BLANK_LINES 10
#define MAX_BLANK_LINES 60

/* "Ana R.": the name a member goes by and the initial of their last
 * name, enough for them to find themselves and for nobody else to learn
 * who comes to the group. */
static char *
sheet_name (PdMember *member)
{
  const char *first = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);
  const char *last = pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME);
  g_autofree char *given = NULL;
  g_autofree char *initial = NULL;

  if (pd_text_is_blank (first))
    first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  given = g_strstrip (g_strdup (first));
  if (pd_text_is_blank (last))
    return g_steal_pointer (&given);
  while (*last == ' ')
    last++;
  initial = g_utf8_strup (last, g_utf8_next_char (last) - last);
  /* Translators: a first name and the initial of a last name on a sign-in sheet */
  return g_strdup_printf (_("%s %s."), given, initial);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The regulars, as the roster knows them, by the name printed. Members
 * who left or were erased are not listed. */
static GPtrArray *
regular_names (PdDatabase  *db,
               gint64       session_id,
               GError     **error)
{
  g_autoptr(GArray) ids = pd_attendance_regulars (db, session_id, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PdMember) member = pd_members_get (db, g_array_index (ids, gint64, i),
                                                   &local_error);

      if (member == NULL)
        {
          if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          continue;
        }
      if (pd_member_is_erased (member) || !pd_member_is_active (member))
        continue;
      g_ptr_array_add (names, sheet_name (member));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* The facilitator as the group names them: by name, or as the volunteer
 * or member chosen for it. A member who leads a meeting that keeps no
 * names is not named on its sheet either. */
static char *
facilitator_name (PdDatabase  *db,
                  PdGroup     *group,
                  gboolean     anonymous,
                  GError     **error)
{
  if (!pd_text_is_blank (group->facilitator_name))
    return g_strstrip (g_strdup (group->facilitator_name));
  if (group->facilitator_volunteer_id != 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PdVolunteer) volunteer = pd_volunteers_get (db, group->facilitator_volunteer_id,
                                                            &local_error);

      if (volunteer != NULL)
        return g_strdup (volunteer->display_name);
      /* A sheet without the name beats no sheet. */
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        return g_strdup ("");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (group->facilitator_member_id != 0 && !anonymous)
    {
      g_autoptr(PdMember) member = pd_members_get (db, group->facilitator_member_id, error);

      if (member == NULL)
        return NULL;
      return pd_member_is_erased (member) ? g_strdup ("") : sheet_name (member);
    }
  return g_strdup ("");
}

static gboolean
parse_start (const char  *starts_at,
             GDateTime  **start)
{
  int y, mo, d, h, mi;

  if (starts_at == NULL || sscanf (starts_at, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5)
    return FALSE;
  *start = g_date_time_new_local (y, mo, d, h, mi, 0);
  return *start != NULL;
}

typedef struct
{
  PdSession *session;
  PdGroup   *group;
  GPtrArray *names;     /* NULL for a group that keeps no names */
  char      *facilitator;
  char      *date;
  char      *time;
  char      *footer;
} Sheet;

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->session, pd_session_free);
  g_clear_pointer (&sheet->group, pd_group_free);
  g_clear_pointer (&sheet->names, g_ptr_array_unref);
  g_clear_pointer (&sheet->facilitator, g_free);
  g_clear_pointer (&sheet->date, g_free);
  g_clear_pointer (&sheet->time, g_free);
  g_clear_pointer (&sheet->footer, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sheet, sheet_clear)

static PdPrintDoc *
build (Sheet *sheet,
       guint  n_blank)
{
  const PdPrintColumn columns[] = {
    { C_("sign-in sheet", "Name"), 1, FALSE, TRUE },
  };
  g_autofree char *title = g_strdup_printf (_("Sign-in Sheet: %s"), sheet->group->name);
  PdPrintDoc *doc = pd_print_doc_new (title);
  const char *mode = sheet->group->attendance_mode;

  pd_print_doc_set_footer (doc, sheet->footer);
  pd_print_doc_add_field (doc, C_("sign-in sheet", "Date"), sheet->date);
  pd_print_doc_add_field (doc, C_("sign-in sheet", "Time"), sheet->time);
  if (!pd_text_is_blank (sheet->group->room))
    pd_print_doc_add_field (doc, C_("sign-in sheet", "Room"), sheet->group->room);
  if (!pd_text_is_blank (sheet->facilitator))
    pd_print_doc_add_field (doc, C_("sign-in sheet", "Facilitator"), sheet->facilitator);

  if (sheet->names == NULL)
    {
      pd_print_doc_add_paragraph (doc, _("This meeting records no names. Please count the people "
                                         "present with a mark each in the box below."));
      pd_print_doc_add_tally_box (doc, _("People present"));
      return doc;
    }

  if (sheet->names->len > 0)
    {
      pd_print_doc_add_heading (doc, _("Regulars: tick your name"));
      pd_print_doc_begin_table (doc, columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < sheet->names->len; i++)
        {
          const char *cells[] = { g_ptr_array_index (sheet->names, i) };

          pd_print_doc_add_row (doc, cells);
        }
    }
  pd_print_doc_add_heading (doc, sheet->names->len > 0 ? _("Everyone else: write your name")
                                                       : _("Write your name"));
  pd_print_doc_add_blank_lines (doc, 1, n_blank);
  if (g_strcmp0 (mode, "both") == 0)
    pd_print_doc_add_tally_box (doc, _("Guests and people who leave no name"));
  return doc;
}

static guint
count_pages (Sheet        *sheet,
             guint         n_blank,
             PangoContext *context,
             double        width,
             double        height)
{
  g_autoptr(PdPrintDoc) doc = build (sheet, n_blank);

  return pd_print_doc_paginate (doc, context, width, height);
}

/* The most blank lines that fit on the pages the sheet needs anyway, on
 * the shorter and narrower of the two papers, so that the sheet ends at
 * the foot of a page whichever it is printed on. */
static guint
fill_page (Sheet *sheet)
{
  PangoContext *context = pd_print_context_new ();
  double a4_width, a4_height, letter_width, letter_height;
  double width, height;
  guint n_pages, fits = MIN_BLANK_LINES, too_many = MAX_BLANK_LINES + 1;

  pd_paper_get_size (PD_PAPER_A4, &a4_width, &a4_height);
  pd_paper_get_size (PD_PAPER_US_LETTER, &letter_width, &letter_height);
  width = MIN (a4_width, letter_width) - 2 * PD_PRINT_MARGIN;
  height = MIN (a4_height, letter_height) - 2 * PD_PRINT_MARGIN;
  n_pages = count_pages (sheet, fits, context, width, height);

  /* Each line is as tall as the next: the count that fits is found by
   * halving, in a few layouts of the sheet. */
  while (too_many - fits > 1)
    {
      guint middle = fits + (too_many - fits) / 2;

      if (count_pages (sheet, middle, context, width, height) > n_pages)
        too_many = middle;
      else
        fits = middle;
    }
  g_object_unref (context);
  return fits;
}

PdPrintDoc *
pd_print_sign_in_sheet (PdDatabase  *db,
                        gint64       session_id,
                        GError     **error)
{
  g_auto(Sheet) sheet = { 0 };
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *made = NULL;
  gboolean anonymous;
  PdPrintDoc *doc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("print sign-in sheets"), error))
    return NULL;

  sheet.session = pd_sessions_get (db, session_id, error);
  if (sheet.session == NULL)
    return NULL;
  if (sheet.session->cancelled)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("This session of “%s” was cancelled: it needs no sign-in sheet"),
                   sheet.session->group_name);
      return NULL;
    }
  sheet.group = pd_groups_get (db, sheet.session->group_id, error);
  if (sheet.group == NULL)
    return NULL;
  anonymous = g_strcmp0 (sheet.group->attendance_mode, "headcount") == 0;
  sheet.facilitator = facilitator_name (db, sheet.group, anonymous, error);
  if (sheet.facilitator == NULL)
    return NULL;
  /* A headcount-only meeting keeps its members anonymous: its sheet
   * names nobody but the facilitator. */
  if (!anonymous)
    {
      sheet.names = regular_names (db, session_id, error);
      if (sheet.names == NULL)
        return NULL;
    }

  if (!parse_start (sheet.session->starts_at, &start))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The session's start “%s” is not a time (YYYY-MM-DDTHH:MM)"),
                   sheet.session->starts_at);
      return NULL;
    }
  end = g_date_time_add_minutes (start, sheet.session->duration_minutes);
  /* Translators: a session's date on a printed sheet, see g_date_time_format().
   * xgettext:no-c-format */
  sheet.date = g_date_time_format (start, _("%A, %B %-d, %Y"));
  /* Translators: a session's start and end times on a printed sheet, see
   * g_date_time_format(). xgettext:no-c-format */
  from = g_date_time_format (start, _("%-l:%M %p"));
  to = g_date_time_format (end, _("%-l:%M %p"));
  /* Translators: a meeting's start and end times */
  sheet.time = g_strdup_printf (_("%s–%s"), g_strstrip (from), g_strstrip (to));
  now = g_date_time_new_now_local ();
  /* Translators: when a sheet was printed, see g_date_time_format().
   * xgettext:no-c-format */
  made = g_date_time_format (now, _("%B %-d, %Y"));
  /* Translators: at the foot of a printed sheet; %s is a date */
  sheet.footer = g_strdup_printf (_("Printed %s by Peerdesk"), made);

  if (!pd_audit_add (db, PD_AUDIT_EXPORT, 0, "printed sign-in sheet",
                     sheet.names != NULL ? (gint64) sheet.names->len : 0, error))
    return NULL;

  doc = build (&sheet, sheet.names != NULL ? fill_page (&sheet) : 0);
  return doc;
}
