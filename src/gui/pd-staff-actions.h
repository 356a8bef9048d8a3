/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-context.h"

G_BEGIN_DECLS

void pd_staff_actions_add (GtkApplication *application,
                           PdContext      *context);

G_END_DECLS
