/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *pd_toast_new         (const char      *message);
void      pd_toast_show        (AdwToastOverlay *overlay,
                                const char      *message);
AdwToast *pd_undo_toast_show   (AdwToastOverlay *overlay,
                                AdwToast        *current,
                                const char      *message,
                                const char      *action_name);

G_END_DECLS
