/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-form-window.h"

G_BEGIN_DECLS

/* Asked when another desk saved a record after its form was opened: the
 * responses are "cancel" (keep editing), "compare", "theirs" (discard the
 * edits and show what is stored) and "mine" (save over it). @heading says
 * who saved and when (pd_conflict_dup_heading()), @body what was saved. */
GtkWidget *pd_conflict_dialog_new         (GtkWindow  *parent,
                                           const char *heading,
                                           const char *body);
/* The fields that differ, added with pd_conflict_dialog_add_difference(),
 * then "cancel", "theirs" or "mine". */
GtkWidget *pd_conflict_dialog_new_compare (GtkWindow  *parent,
                                           const char *heading);
void       pd_conflict_dialog_add_difference (GtkWidget  *compare_dialog,
                                              const char *label,
                                              const char *mine,
                                              const char *theirs);
/* pd_conflict_dialog_add_difference() when @mine and @theirs differ. */
void       pd_conflict_dialog_add_if_different (GtkWidget  *compare_dialog,
                                                const char *label,
                                                const char *mine,
                                                const char *theirs);
/* The desk's name (the "desk-name" setting of @context's settings), for
 * what a desk saves while nobody is signed in. */
char      *pd_conflict_dialog_dup_desk_name (GObject *context);
guint      pd_conflict_dialog_get_n_differences (GtkWidget *compare_dialog);
/* Shows @dialog; a comparison that found no field to list says so. */
void       pd_conflict_dialog_present (GtkWidget *dialog);

/* What a form saved in a window of its own does with each answer. */
typedef struct
{
  /* Adds the fields that differ from the record as saved now. */
  void (*add_differences) (PdFormWindow *form,
                           GtkWidget    *compare_dialog);
  /* Reads the record again into the form. */
  void (*reload)          (PdFormWindow *form);
  /* Tells the form's next save to write over the other desk's. */
  void (*set_overwrite)   (PdFormWindow *form,
                           gboolean      overwrite);
} PdConflictForm;

/* Asks @form's question after its save of row @id of @table found another
 * desk's save in its way (@compare: the comparison at once). Take Theirs
 * reloads the form; Keep Mine saves it over the other save. */
void       pd_conflict_dialog_ask_form (PdFormWindow         *form,
                                        const PdConflictForm *ops,
                                        const char           *table,
                                        gint64                id,
                                        const char           *body,
                                        gboolean              compare);

G_END_DECLS
