/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "YYYY-MM-DD" and its terminating NUL. */
#define PD_DATE_ISO_SIZE 11

/* The most characters of a value that an error message repeats. */
#define PD_TEXT_EXCERPT_CHARS 24


char     *pd_text_fold           (const char  *text);
char     *pd_text_fold_case      (const char  *text);
char     *pd_text_digits         (const char  *text);
gboolean  pd_text_is_blank       (const char  *text);
char     *pd_text_excerpt        (const char  *text,
                                  gssize       len);
char     *pd_text_group_digits   (gint64       value,
                                  const char  *separator,
                                  const char  *grouping);
char     *pd_text_format_count   (gint64       value);
char     *pd_text_group_number   (const char  *plain,
                                  const char  *separator,
                                  const char  *grouping,
                                  const char  *point);
char     *pd_text_format_number  (const char  *plain);

gboolean  pd_date_parse          (const char  *text,
                                  GDate       *date);
gboolean  pd_date_parse_partial  (const char  *text,
                                  int         *year,
                                  int         *month,
                                  int         *day);
char     *pd_date_today          (void);
char     *pd_date_to_iso         (const GDate *date);
void      pd_date_write_iso      (const GDate *date,
                                  char         buffer[PD_DATE_ISO_SIZE]);
char     *pd_date_format         (const char  *iso);
char     *pd_timestamp_now       (void);

G_END_DECLS
