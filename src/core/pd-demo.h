/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_members;
  guint32 seed;
  guint   n_years;    /* of groups, sessions, attendance, visits and volunteers' hours up to
                       * today; 0: members only */
} PdDemoOptions;

/* What pd_demo_fill_full() made. */
typedef struct
{
  guint   n_members;
  guint   n_groups;
  guint64 n_sessions;
  guint64 n_attendance;
  guint64 n_visits;
  guint   n_volunteers;
  guint64 n_hours;        /* rows of logged hours */
  guint   n_supervision;
  guint   n_courses;
  guint   n_completions;
  guint   n_credentials;
} PdDemoCounts;

gboolean pd_demo_fill      (PdDatabase          *db,
                            const PdDemoOptions *options,
                            GError             **error);
gboolean pd_demo_fill_full (PdDatabase          *db,
                            const PdDemoOptions *options,
                            PdDemoCounts        *counts,
                            GError             **error);

G_END_DECLS
