/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_STAFF_PAGE (pd_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (PdStaffPage, pd_staff_page, PD, STAFF_PAGE, AdwPreferencesPage)

GtkWidget *pd_staff_page_new (PdContext *context);

G_END_DECLS
