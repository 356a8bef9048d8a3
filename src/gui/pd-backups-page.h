/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_BACKUPS_PAGE (pd_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (PdBackupsPage, pd_backups_page, PD, BACKUPS_PAGE, AdwPreferencesPage)

GtkWidget *pd_backups_page_new (PdContext *context);

G_END_DECLS
