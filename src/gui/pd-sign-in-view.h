/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_SIGN_IN_VIEW (pd_sign_in_view_get_type ())

G_DECLARE_FINAL_TYPE (PdSignInView, pd_sign_in_view, PD, SIGN_IN_VIEW, AdwBin)

GtkWidget  *pd_sign_in_view_new           (PdContext    *context);
void        pd_sign_in_view_reset         (PdSignInView *self,
                                           const char   *name,
                                           gboolean      choose_name);
const char *pd_sign_in_view_get_name      (PdSignInView *self);
gboolean    pd_sign_in_view_select_name   (PdSignInView *self,
                                           const char   *name);
void        pd_sign_in_view_set_secret    (PdSignInView *self,
                                           const char   *secret);
void        pd_sign_in_view_sign_in       (PdSignInView *self);
const char *pd_sign_in_view_get_error     (PdSignInView *self);

G_END_DECLS
