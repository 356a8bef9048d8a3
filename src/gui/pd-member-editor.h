/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-member.h"

G_BEGIN_DECLS

#define PD_TYPE_MEMBER_EDITOR (pd_member_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdMemberEditor, pd_member_editor, PD, MEMBER_EDITOR, GtkWidget)

GtkWidget *pd_member_editor_new          (void);
void       pd_member_editor_set_member   (PdMemberEditor *self,
                                          PdMember       *member);
PdMember  *pd_member_editor_get_original (PdMemberEditor *self);
PdMember  *pd_member_editor_dup_edited   (PdMemberEditor *self);
gboolean   pd_member_editor_get_dirty    (PdMemberEditor *self);
gboolean   pd_member_editor_get_valid    (PdMemberEditor *self);
char      *pd_member_editor_dup_problem  (PdMemberEditor *self);
void       pd_member_editor_set_status   (PdMemberEditor *self,
                                          const char     *status);
GtkWidget *pd_member_editor_get_field_widget (PdMemberEditor *self,
                                              PdMemberField   field);
void       pd_member_editor_set_editable (PdMemberEditor *self,
                                          gboolean        editable);
gboolean   pd_member_editor_get_editable (PdMemberEditor *self);
void       pd_member_editor_focus_first  (PdMemberEditor *self);
void       pd_member_editor_clear_history (PdMemberEditor *self);
void       pd_member_editor_add_history  (PdMemberEditor *self,
                                          GPtrArray      *entries,
                                          gboolean        more);
guint      pd_member_editor_get_n_history (PdMemberEditor *self);
void       pd_member_editor_set_notes_allowed (PdMemberEditor *self,
                                               gboolean        allowed);
void       pd_member_editor_show_notes   (PdMemberEditor *self,
                                          const char     *notes);

/* Adds to a comparison (pd_conflict_dialog_new_compare()) the fields the
 * form holds otherwise than @theirs, as another desk saved them. */
void       pd_member_editor_add_differences (PdMemberEditor *self,
                                             GtkWidget      *compare_dialog,
                                             PdMember       *theirs);

G_END_DECLS
