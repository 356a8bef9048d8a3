/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-form-window.h"

G_BEGIN_DECLS

/* What the form does. */
typedef enum
{
  PD_STAFF_DIALOG_FIRST_DIRECTOR,  /* creates the first director and signs them in */
  PD_STAFF_DIALOG_ADD,             /* a director adds an account */
  PD_STAFF_DIALOG_PASSPHRASE,      /* a director sets another's passphrase */
  PD_STAFF_DIALOG_PIN,             /* a director sets another's PIN */
  PD_STAFF_DIALOG_OWN,             /* whoever is signed in changes their own */
} PdStaffDialogMode;

#define PD_TYPE_STAFF_DIALOG (pd_staff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdStaffDialog, pd_staff_dialog, PD, STAFF_DIALOG, PdFormWindow)

GtkWindow *pd_staff_dialog_new (GtkWindow         *parent,
                                PdContext         *context,
                                PdStaffDialogMode  mode,
                                const char        *name);

G_END_DECLS
