/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: what the training records, the credential
 * templates and the credential progress share. */

#include "pd-training.h"

G_BEGIN_DECLS

#define PD_CREDENTIAL_MAX_CYCLE_MONTHS 120

char     *pd_training_trimmed          (const char   *text);
gboolean  pd_training_check_date       (const char   *field,
                                        const char   *value,
                                        gboolean      optional,
                                        GError      **error);
GStrv     pd_training_course_domains   (PdDatabase   *db,
                                        gint64        course_id,
                                        GError      **error);

G_END_DECLS
