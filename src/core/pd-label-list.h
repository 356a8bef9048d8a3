/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-staff.h"
#include "pd-statement.h"

G_BEGIN_DECLS

/* A short list of names a centre keeps for itself (visit purposes,
 * volunteer roles): added at the end, renamed, never two alike in any
 * case. What differs from list to list is said here. */
typedef struct
{
  /* "SELECT id, label, archived, is_default FROM … WHERE archived = 0 OR
   * :include_archived ORDER BY …" */
  const char *list_sql;
  const char *find_sql;       /* "SELECT id, label FROM …" */
  const char *insert_sql;     /* one parameter, :label, appended at the end */
  const char *rename_sql;     /* "UPDATE … SET label = :label WHERE id = :id" */
  const char *get_sql;        /* "SELECT label, archived, is_default FROM … WHERE id = :id" */
  const char *archive_sql;    /* "UPDATE … SET archived = :archived WHERE id = :id" */
  const char *changed;        /* the table, for pd_database_notify_changed() */
  const char *also_changed;   /* a table that shows the labels too, or NULL */
  guint       max_length;
  PdRights    read_right;     /* what reading the list needs */
  const char *read_what;      /* for the refusal, marked N_(): "list visit purposes" */
  /* Messages, translatable, marked N_() */
  const char *not_utf8;
  const char *empty;
  const char *too_long;       /* one %d: max_length */
  const char *duplicate;      /* one %s: the label */
  const char *not_found;      /* one PRId64: the id */
  const char *archive_default; /* one %s: the label; NULL if no entry is a default */
} PdLabelList;

char     *pd_label_list_clean      (const PdLabelList *list,
                                    const char        *label,
                                    GError           **error);
gboolean  pd_label_list_check_free (PdDatabase        *db,
                                    const PdLabelList *list,
                                    const char        *label,
                                    gint64             except,
                                    GError           **error);
GPtrArray *pd_label_list_read      (PdDatabase        *db,
                                    const PdLabelList *list,
                                    gboolean           include_archived,
                                    PdRowFunc          read_row,
                                    GDestroyNotify     free_row,
                                    GError           **error);
gboolean  pd_label_list_get        (PdDatabase        *db,
                                    const PdLabelList *list,
                                    gint64             id,
                                    char             **label,
                                    gboolean          *archived,
                                    gboolean          *is_default,
                                    GError           **error);
gint64    pd_label_list_add        (PdDatabase        *db,
                                    const PdLabelList *list,
                                    const char        *label,
                                    GError           **error);
gboolean  pd_label_list_rename     (PdDatabase        *db,
                                    const PdLabelList *list,
                                    gint64             id,
                                    const char        *label,
                                    GError           **error);
gboolean  pd_label_list_set_archived (PdDatabase        *db,
                                      const PdLabelList *list,
                                      gint64             id,
                                      gboolean           archived,
                                      GError           **error);

G_END_DECLS
