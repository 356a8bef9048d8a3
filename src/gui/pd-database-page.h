/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_DATABASE_PAGE (pd_database_page_get_type ())

G_DECLARE_FINAL_TYPE (PdDatabasePage, pd_database_page, PD, DATABASE_PAGE, AdwPreferencesPage)

GtkWidget *pd_database_page_new (PdContext *context);

G_END_DECLS
