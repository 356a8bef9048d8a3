/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_STAFF_BUTTON (pd_staff_button_get_type ())

G_DECLARE_FINAL_TYPE (PdStaffButton, pd_staff_button, PD, STAFF_BUTTON, AdwBin)

GtkWidget *pd_staff_button_new (PdDatabase *database);

G_END_DECLS
