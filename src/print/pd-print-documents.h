/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-period.h"
#include "pd-print-doc.h"

G_BEGIN_DECLS

/* The documents Peerdesk prints, built from the records. Each checks the
 * signed-in staff member's rights like the core operation it reads
 * through (a refusal is PD_ERROR_NOT_PERMITTED and builds nothing), and
 * each makes one audit entry when it is built (PD_AUDIT_EXPORT with a
 * detail such as "printed sign-in sheet", never a name or a value), since
 * a printed page takes records out of Peerdesk as an export does. */

/* A session's sign-in sheet: group, date, time, room and facilitator at
 * the top; then the group's regulars (members who came to at least two
 * of its last four sessions held before this one, as on the roster:
 * pd_attendance_regulars()) as first name and last initial with a box to
 * tick, in alphabetical order; then numbered blank lines for others. A
 * cancelled session is refused (PD_ERROR_INVALID).
 * A headcount-only group gets a tally box and no names at all.
 * Needs the MEETINGS right. */
PdPrintDoc *pd_print_sign_in_sheet      (PdDatabase      *db,
                                         gint64           session_id,
                                         GError         **error);

/* The week's meetings for the notice board: each day from @monday to the
 * Sunday after it, its sessions in order of time with group, time and
 * room; cancelled sessions marked as cancelled. Needs MEETINGS. */
PdPrintDoc *pd_print_schedule           (PdDatabase      *db,
                                         const GDate     *monday,
                                         GError         **error);

/* A volunteer's training and hours record for a certification board:
 * courses with dates and hours by domain, certificate references,
 * supervised hours and practice hours, each against the requirements of
 * the credential @credential_id (or of every credential the volunteer
 * works towards when it is 0). Needs VOLUNTEERS. */
PdPrintDoc *pd_print_training_record    (PdDatabase      *db,
                                         gint64           volunteer_id,
                                         gint64           credential_id,
                                         GError         **error);

/* The funder report's figures for @period on one or two pages, for a
 * board meeting, with the same suppression of small counts as the XML
 * report. Needs REPORTS. */
PdPrintDoc *pd_print_report_figures     (PdDatabase      *db,
                                         const PdPeriod  *period,
                                         GError         **error);

G_END_DECLS
