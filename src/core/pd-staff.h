/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* Staff accounts, their roles and who is signed in.
 *
 * A database without a director account works as one person with every
 * right ("sign-in off"). Creating the first director turns sign-in on: from
 * then on nothing but signing in is allowed until someone has signed in, and
 * each operation of the core asks pd_database_require() for the right it
 * needs, so a role's limits hold below any interface.
 *
 * PdDatabase emits "staff-changed" (no arguments) when someone signs in or
 * out, and pd_database_notify_changed (db, "staff") when accounts change.
 *
 * Failed sign-ins are slowed without sleeping: after PD_STAFF_SLOW_AFTER
 * failures in a row the next attempt is refused (PD_ERROR_LOCKED, saying how
 * many seconds to wait) until 2^(failures - PD_STAFF_SLOW_AFTER) seconds have
 * passed since the last one; after PD_STAFF_MAX_FAILURES the account is
 * locked for PD_STAFF_LOCK_MINUTES. */

typedef enum
{
  PD_ROLE_NONE,          /* nobody signed in while sign-in is on */
  PD_ROLE_FRONT_DESK,
  PD_ROLE_FACILITATOR,
  PD_ROLE_COORDINATOR,
  PD_ROLE_DIRECTOR,
} PdRole;

/* What an operation needs. A role holds a set of these (pd_role_get_rights). */
typedef enum
{
  PD_RIGHT_CHECK_IN        = 1 << 0,   /* visits: check in, undo, today's list */
  PD_RIGHT_MEMBER_NAMES    = 1 << 1,   /* members as names and numbers */
  PD_RIGHT_MEMBER_DETAILS  = 1 << 2,   /* contact details, birth date, demographics, consent */
  PD_RIGHT_MEMBER_EDIT     = 1 << 3,   /* register members, change details, deactivate */
  PD_RIGHT_MEMBER_NOTES    = 1 << 4,   /* confidential notes: read and write */
  PD_RIGHT_MEETINGS        = 1 << 5,   /* groups, sessions, attendance */
  PD_RIGHT_VOLUNTEERS      = 1 << 6,   /* volunteers, hours, supervision, training, credentials */
  PD_RIGHT_REPORTS         = 1 << 7,   /* reports and their settings */
  PD_RIGHT_EXPORT          = 1 << 8,   /* CSV and JSON export and import */
  PD_RIGHT_BACKUPS         = 1 << 9,   /* backups and restore */
  PD_RIGHT_SETTINGS        = 1 << 10,  /* labels, visit purposes, organisation */
  PD_RIGHT_STAFF           = 1 << 11,  /* staff accounts */
  PD_RIGHT_AUDIT           = 1 << 12,  /* reading the audit trail */
  PD_RIGHT_ERASE           = 1 << 13,  /* erasing a member */
} PdRights;

#define PD_RIGHTS_ALL ((PdRights) ((PD_RIGHT_ERASE << 1) - 1))

/* Failures of sign-in are slowed after this many in a row and the account
 * locked for PD_STAFF_LOCK_MINUTES after PD_STAFF_MAX_FAILURES. */
#define PD_STAFF_SLOW_AFTER   3
#define PD_STAFF_MAX_FAILURES 5
#define PD_STAFF_LOCK_MINUTES 10

/* The longest name of an account, in characters. */
#define PD_STAFF_MAX_NAME 80

/* The shortest passphrase and PIN accepted. */
#define PD_STAFF_MIN_PASSPHRASE 8
#define PD_STAFF_MIN_PIN        6

PdRights     pd_role_get_rights        (PdRole       role);
const char  *pd_role_to_string         (PdRole       role);   /* "front-desk", … */
gboolean     pd_role_from_string       (const char  *text,
                                        PdRole      *role);
const char  *pd_role_get_label         (PdRole       role);   /* translated: "Front desk" */
/* The roles that hold @right, for a refusal: "a director" or
 * "a volunteer coordinator or a director" (translated). */
char        *pd_rights_describe_holders (PdRights    right);

typedef struct
{
  gint64    id;
  char     *name;         /* display name, unique among active accounts */
  PdRole    role;
  gboolean  has_passphrase;
  gboolean  has_pin;
  gint64    locked_until; /* unix seconds, 0 when not locked */
  gint64    created_at;
} PdStaff;

void         pd_staff_free             (PdStaff     *staff);
PdStaff     *pd_staff_copy             (const PdStaff *staff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStaff, pd_staff_free)

/* TRUE once the database holds a director account. */
gboolean     pd_staff_sign_in_enabled  (PdDatabase  *db);
/* TRUE when sign-in is on but no director has a passphrase, as after a JSON
 * import (which carries accounts without their hashes): then, and only
 * then, pd_staff_reset() of a director needs nobody signed in. */
gboolean     pd_staff_needs_passphrase (PdDatabase  *db);

/* Accounts. pd_staff_add() needs PD_RIGHT_STAFF, except the first director
 * of a database, which anyone may create (and which turns sign-in on; it
 * does not sign anyone in). Names are compared trimmed and in any case.
 * Listing and finding need no right (a sign-in screen lists the names);
 * they never return a secret or its hash. */
gboolean     pd_staff_add              (PdDatabase  *db,
                                        const char  *name,
                                        PdRole       role,
                                        const char  *passphrase,
                                        GError     **error);
GPtrArray   *pd_staff_list             (PdDatabase  *db,
                                        GError     **error);   /* of PdStaff, by name */
PdStaff     *pd_staff_find             (PdDatabase  *db,
                                        const char  *name,
                                        GError     **error);
/* A director sets another's passphrase (never reads it); anyone signed in
 * may change their own. Clears the account's failures and lock. */
gboolean     pd_staff_reset            (PdDatabase  *db,
                                        const char  *name,
                                        const char  *passphrase,
                                        GError     **error);
/* Sets or clears (@pin NULL) the signed-in member's own PIN, or, for a
 * director, anyone's. */
gboolean     pd_staff_set_pin          (PdDatabase  *db,
                                        const char  *name,
                                        const char  *pin,
                                        GError     **error);
gboolean     pd_staff_set_role         (PdDatabase  *db,
                                        const char  *name,
                                        PdRole       role,
                                        GError     **error);
/* Removes an account (its name stays in the audit trail). The last
 * director cannot be removed. */
gboolean     pd_staff_remove           (PdDatabase  *db,
                                        const char  *name,
                                        GError     **error);

/* Signing in with a passphrase or a PIN (@secret is either). On success the
 * database acts as that staff member until pd_staff_sign_out(). Failures
 * are audited, slowed and lead to a lock (PD_ERROR_LOCKED); the message
 * never says whether the name or the secret was wrong, and an unknown name
 * is slowed and locked as an account is. A failure leaves whoever was
 * signed in signed in. */
gboolean     pd_staff_sign_in          (PdDatabase  *db,
                                        const char  *name,
                                        const char  *secret,
                                        GError     **error);
void         pd_staff_sign_out         (PdDatabase  *db);

/* Who the database acts as: NULL when nobody is signed in (or sign-in is off). */
const PdStaff *pd_database_get_staff   (PdDatabase  *db);
/* PD_ROLE_DIRECTOR while sign-in is off; PD_ROLE_NONE when it is on and
 * nobody is signed in. */
PdRole       pd_database_get_role      (PdDatabase  *db);
gboolean     pd_database_has_right     (PdDatabase  *db,
                                        PdRights     right);
/* FALSE with PD_ERROR_NOT_PERMITTED ("Only a director may export records.")
 * unless the role holds @right. @what says what was refused, translated ("export
 * records"). With nobody signed in the refusal is PD_ERROR_SIGN_IN. */
gboolean     pd_database_require       (PdDatabase  *db,
                                        PdRights     right,
                                        const char  *what,
                                        GError     **error);
/* The name recorded beside visits, attendance and approvals: the signed-in
 * staff member's, or @fallback (the desk name) while sign-in is off. */
const char  *pd_database_get_actor     (PdDatabase  *db,
                                        const char  *fallback);
/* For the command line: the operating system's user, recorded in the audit
 * trail beside the staff member. */
void         pd_database_set_os_user   (PdDatabase  *db,
                                        const char  *os_user);

G_END_DECLS
