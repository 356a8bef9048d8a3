/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* The version of the export format this build writes, and the newest it
 * reads. */
#define PD_JSON_FORMAT_VERSION 2

/* The largest file an import reads: five times the 3.1 GB export of a
 * database of a million members with ten years of visits, attendance and
 * hours. A larger file is refused before it is read. */
#define PD_JSON_MAX_FILE_SIZE (G_GUINT64_CONSTANT (16) << 30)
/* The largest value an import reads at once: a row, or anything else in
 * the file where a row or a key is expected. A member's row with a long
 * note is some kilobytes. */
#define PD_JSON_MAX_VALUE_SIZE (16 << 20)

/* The JSON export holds every record of a database, to move a centre's
 * records to another computer or to keep them in a form other programs
 * read. It holds names, contact details and confidential notes: the file is
 * made readable by its owner only.
 *
 * Format 2 is one object:
 *
 *   {
 *     "format": "peerdesk-export",       always this string
 *     "version": 2,                      the format's version, below
 *     "schema_version": 4,               the database version of the Peerdesk that wrote the
 *                                        file; for information, as readers go by "version"
 *     "meta": [ ROW, … ],
 *     "members": [ ROW, … ],
 *     …                                  every table below, in this order
 *   }
 *
 * Each table is a list of its rows, in the order of their primary key
 * (the id, or the columns named as the key), each row one object with one
 * key for each column, in the order below and no other key. The file holds
 * one row a line, no time of its own and nothing that depends on the
 * machine, so that exporting the same records twice gives the same bytes.
 *
 * A reader reads the file as it goes, so the order of the keys of the
 * object matters: "format" comes first, then "version" and
 * "schema_version", then the tables in the order below, in which every
 * reference names a row of a table already read. The rows of a table and
 * the keys of a row may come in any order.
 *
 * Types: "id" and references to other tables are whole numbers from 1 up
 * (null where marked so); "flag" is true or false; "date" is "YYYY-MM-DD";
 * "date?" the same or "" when unknown; "local" a local wall-clock time
 * "YYYY-MM-DDTHH:MM" (sessions) or "YYYY-MM-DDTHH:MM:SS" (visits), which
 * stays the same across daylight-saving changes; "utc" a time stamp
 * "YYYY-MM-DDTHH:MM:SSZ"; "text" any string, "" included, and "text!" a
 * string that is not blank; a column given no type is text, and one whose
 * name ends in "_id" a reference. Codes are the ones Peerdesk's forms use.
 *
 *   meta                 key text!, value text. Only the settings that are records:
 *                        "next_member_number" (the number the next new member gets, as
 *                        text) and keys starting "report_". The member count is worked out
 *                        again on import, and what belongs to one computer is left out.
 *   members              id, number (M-000123), first_name text!, last_name, preferred_name,
 *                        pronouns, birth_date (YYYY-MM-DD, YYYY-MM, YYYY or ""), phone,
 *                        email, emergency_name, emergency_phone, joined_date date, status
 *                        (active, inactive), gender and race (codes separated by ";"),
 *                        ethnicity, veteran, housing, justice (codes), may_contact flag,
 *                        report_consent flag, notes, created_at utc, updated_at utc. The
 *                        sort key, the phone digits and the full-text index of the names
 *                        are not in the file: they are made again on import.
 *   visit_purposes       id, label text!, position (whole number), is_default flag (one
 *                        purpose is the default), archived flag
 *   visits               id, member_id (null: an anonymous visit), visited_at local with
 *                        seconds, purpose_id, recorded_by text, created_at utc
 *   volunteer_roles      id, label text!, position, archived flag
 *   volunteers           id, member_id (null if not a member), display_name text!, phone,
 *                        email, start_date date, background_check_date date?, status (active,
 *                        on_leave, former), notes, created_at utc, updated_at utc
 *   volunteer_role_links volunteer_id, role_id; key (volunteer_id, role_id)
 *   groups               id, name text!, kind (peer_support, all_recovery, mutual_aid, family,
 *                        wellness, training, other), facilitator_member_id (or null),
 *                        facilitator_name, room, description, weekdays (0 to 127: Monday 1,
 *                        Tuesday 2, … Sunday 64; 0 for a one-off group), start_time ("HH:MM"
 *                        or ""), duration_minutes (1 to 1440), start_date date, end_date
 *                        date?, attendance_mode (named, headcount, both), archived flag,
 *                        created_at utc, updated_at utc, facilitator_volunteer_id (or null)
 *   sessions             id, group_id, starts_at local, duration_minutes (1 to 1440),
 *                        cancelled flag, cancel_reason, notes, headcount (0 or more: guests
 *                        and anonymous people present)
 *   attendance           session_id, member_id, recorded_at utc, recorded_by text (from
 *                        format 2; "" when a file of format 1 leaves it out);
 *                        key (session_id, member_id)
 *   hours                id, volunteer_id, date, activity text!, quarter_hours (1 or more:
 *                        hours are kept in quarter hours, 1.5 h is 6), session_id (or null),
 *                        approved_by, created_at utc
 *   supervision          id, volunteer_id, date, supervisor text!, minutes (1 or more), kind
 *                        (individual, group), notes, created_at utc
 *   training_domains     id, code text!, label text!, position, archived flag
 *   courses              id, title text!, provider, quarter_hours (1 or more), delivery
 *                        (in_person, online), required_yearly flag, created_at utc
 *   course_domains       course_id, domain_id; key (course_id, domain_id)
 *   completions          id, volunteer_id, course_id, date, quarter_hours (1 or more, the
 *                        hours credited), certificate, created_at utc
 *   credentials          id, volunteer_id, template (a template's code, or ""), name text!,
 *                        issuing_body, number, issued_date date?, expiry_date date?,
 *                        renewal_cycle_months (0 or more), created_at utc, updated_at utc
 *   staff                id, name text!, role (front-desk, facilitator, coordinator,
 *                        director), created_at and removed_at (unix seconds; removed_at null
 *                        while the account is in use). Never a passphrase, a PIN or their
 *                        hashes: after an import a director's passphrase is set again.
 *   audit                id, at (unix seconds), staff, os_user, kind (sign-in,
 *                        sign-in-failed, locked-out, notes-opened, member-created,
 *                        member-changed, member-deactivated, member-erased, consent-changed,
 *                        export, import, report, backup, restore, staff-changed,
 *                        settings-changed, command), member_id (a number, or null; not a
 *                        reference, as the trail outlives erased members), detail, count
 *                        (-1 when it does not apply). An import adds these entries after
 *                        the database's own, in the file's order, with ids of their own.
 *
 * Versions: any change to the tables, their columns or what a value means
 * makes a new version. A reader refuses a file whose version is newer than
 * it knows, and goes on reading every older version. The format name and
 * the version are checked before anything else. Version 1 had no staff and
 * audit tables.
 *
 * pd_json_export() writes the file one row at a time from one read
 * transaction, so its memory does not grow with the database and the file
 * is one consistent moment of it. It writes beside @path and renames the
 * file into place when complete, so that a failure leaves no file.
 *
 * pd_json_import() fills an empty database (one with no members, visits,
 * groups, volunteers or courses; the visit purposes, volunteer roles and
 * training domains a new database starts with are replaced by the file's)
 * in one transaction: everything or, at the first wrong value, nothing.
 * Messages name the file and the JSON path of the value, rows counted from
 * 0: "backup.json: members[12].birth_date: “1990-02-31” is not a date".
 * json-glib 1.6 has no streaming parser, and its JsonParser would build a
 * tree of the whole file, about ten times its size (1.6 GB for the 164 MB
 * export of 100,000 members with three years of records); so the import
 * finds where each row starts and ends itself and has JsonParser read one
 * row at a time, and its memory does not grow with the file either.
 * Each value is checked by pd_json_check_text() before JsonParser reads it
 * (no comments, nesting at most PD_JSON_MAX_DEPTH deep, no "\u0000"), and
 * a file larger than PD_JSON_MAX_FILE_SIZE, or a value larger than
 * PD_JSON_MAX_VALUE_SIZE, is refused.
 *
 * The _full() variants also give the number of rows written or read, the
 * meta table's included. */

gboolean pd_json_export      (PdDatabase  *db,
                              const char  *path,
                              GError     **error);
gboolean pd_json_export_full (PdDatabase  *db,
                              const char  *path,
                              guint64     *n_rows,
                              GError     **error);
gboolean pd_json_import      (PdDatabase  *db,
                              const char  *path,
                              GError     **error);
gboolean pd_json_import_full (PdDatabase  *db,
                              const char  *path,
                              guint64     *n_rows,
                              GError     **error);

G_END_DECLS
