/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
