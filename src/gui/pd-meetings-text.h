/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-groups.h"

G_BEGIN_DECLS

char *pd_meetings_text_dup_time_range       (const PdSession *session);
char *pd_meetings_text_dup_long_date        (const char      *starts_at);
char *pd_meetings_text_dup_session_summary  (const PdSession *session);
char *pd_meetings_text_dup_schedule_summary (const PdGroup   *group);

G_END_DECLS
