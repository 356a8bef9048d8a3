/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_PAGE (pd_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdPage, pd_page, PD, PAGE, GtkWidget)

struct _PdPageClass
{
  GtkWidgetClass parent_class;
};

PdContext  *pd_page_get_context  (PdPage *self);
PdDatabase *pd_page_get_database (PdPage *self);
GSettings  *pd_page_get_settings (PdPage *self);

G_END_DECLS
