/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pd_locale_dir  (void);
void        pd_locale_init (void);

G_END_DECLS
