/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pd-meetings-text.h"
#include "pd-text.h"

/* What the Meetings section says of sessions and groups, in its lists and
 * in the dialogs that act on them. */

static const char *weekday_names[] = {
  NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
  NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
};

static gboolean
parse_starts_at (const char *starts_at,
                 int        *y,
                 int        *mo,
                 int        *d,
                 int        *h,
                 int        *mi)
{
  return starts_at != NULL && sscanf (starts_at, "%d-%d-%dT%d:%d", y, mo, d, h, mi) == 5;
}

char *
pd_meetings_text_dup_time_range (const PdSession *session)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int y, mo, d, h, mi;

  if (!parse_starts_at (session->starts_at, &y, &mo, &d, &h, &mi) ||
      (start = g_date_time_new_local (y, mo, d, h, mi, 0)) == NULL)
    return g_strdup (session->starts_at);
  end = g_date_time_add_minutes (start, session->duration_minutes);
  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  /* Translators: a meeting's start and end times */
  return g_strdup_printf (_("%s–%s"), from, to);
}

char *
pd_meetings_text_dup_long_date (const char *starts_at)
{
  g_autoptr(GDateTime) date = NULL;
  int y, mo, d;

  if (starts_at == NULL || sscanf (starts_at, "%d-%d-%d", &y, &mo, &d) != 3 ||
      (date = g_date_time_new_local (y, mo, d, 0, 0, 0)) == NULL)
    return g_strdup (starts_at ? starts_at : "");
  /* Translators: a session's date, see g_date_time_format(). xgettext:no-c-format */
  return g_date_time_format (date, _("%A %-d %B %Y"));
}

/* What a session's row says under its date or group: the time, then what
 * became of it. */
char *
pd_meetings_text_dup_session_summary (const PdSession *session)
{
  g_autofree char *times = pd_meetings_text_dup_time_range (session);
  gboolean names = g_strcmp0 (session->attendance_mode, "headcount") != 0;
  gboolean count = g_strcmp0 (session->attendance_mode, "named") != 0;
  GString *text = g_string_new (times);

  if (session->cancelled)
    {
      g_string_append (text, " · ");
      if (pd_text_is_blank (session->cancel_reason))
        g_string_append (text, _("Cancelled"));
      else
        /* Translators: that a session was cancelled, then why */
        g_string_append_printf (text, _("Cancelled: %s"), session->cancel_reason);
      return g_string_free (text, FALSE);
    }

  if (names && session->n_present > 0)
    {
      g_autofree char *n = pd_text_format_count (session->n_present);

      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s present", "%s present",
                                                 session->n_present), n);
    }
  if (count && session->headcount > 0)
    {
      g_autofree char *n = pd_text_format_count (session->headcount);

      g_string_append (text, " · ");
      if (names)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s guest", "%s guests",
                                                   session->headcount), n);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s attended",
                                                   "%s attended", session->headcount), n);
    }
  return g_string_free (text, FALSE);
}

/* "Tue, Thu at 18:00", "Every day at 09:30", or "One-off". */
char *
pd_meetings_text_dup_schedule_summary (const PdGroup *group)
{
  g_autofree char *days = NULL;

  if (group->weekdays == 0)
    {
      if (pd_text_is_blank (group->start_time))
        return g_strdup (_("One-off"));
      /* Translators: a group without a weekly schedule, then its time */
      return g_strdup_printf (_("One-off at %s"), group->start_time);
    }

  if ((group->weekdays & 0x7f) == 0x7f)
    days = g_strdup (_("Every day"));
  else
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (weekday_names); i++)
        if (group->weekdays & (1 << i))
          g_string_append_printf (text, "%s%s", text->len ? ", " : "",
                                  g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekday_names[i]));
      days = g_string_free (text, FALSE);
    }
  /* Translators: the weekdays a group meets on, then its start time */
  return g_strdup_printf (_("%s at %s"), days, group->start_time);
}
