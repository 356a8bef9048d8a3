/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: how a group's row is written, for the demo that
 * writes many of them in its own transaction. */

#include "pd-groups.h"
#include "pd-statement.h"

G_BEGIN_DECLS

#define PD_GROUP_INSERT_SQL \
  "INSERT INTO groups (name, kind, facilitator_member_id, facilitator_name, room," \
  " description, weekdays, start_time, duration_minutes, start_date, end_date," \
  " attendance_mode, archived, facilitator_volunteer_id, created_at, updated_at)" \
  " VALUES (:name, :kind, :facilitator_member_id, :facilitator_name, :room, :description," \
  " :weekdays, :start_time, :duration_minutes, :start_date, :end_date, :attendance_mode," \
  " :archived, :facilitator_volunteer_id, :now, :now)"

void pd_group_bind (PdStatement   *stmt,
                    const PdGroup *group);

G_END_DECLS
