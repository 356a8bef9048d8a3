/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: the signed-in session kept by PdDatabase, the
 * clock sign-in and the audit trail read, and entries written for someone
 * other than the one signed in. */

#include "pd-audit.h"
#include "pd-staff.h"
#include "pd-table.h"

G_BEGIN_DECLS

/* The schema version that brought the staff and audit tables. */
#define PD_STAFF_SCHEMA_VERSION 6

/* pd-database.c */
void          pd_database_take_staff      (PdDatabase   *self,
                                           PdStaff      *staff);
const char   *pd_database_get_os_user     (PdDatabase   *self);
/* The signed-in member's role, kept between checks until anything is
 * written to the database, here or by another program; forgotten when
 * someone signs in or out and when the file is replaced. */
gboolean      pd_database_get_cached_role (PdDatabase   *self,
                                           int          *role);
void          pd_database_cache_role      (PdDatabase   *self,
                                           int           role);
void          pd_database_forget_role     (PdDatabase   *self);
void          pd_database_hold_role       (PdDatabase   *self);
void          pd_database_release_role    (PdDatabase   *self);

/* pd-staff.c: @sql, which reads PD_MEMBER_COLUMNS, as the role signed in
 * may run it (without the notes but for PD_RIGHT_MEMBER_NOTES). */
const char   *pd_database_member_sql      (PdDatabase   *db,
                                           const char   *sql);

/* pd-staff.c: unix seconds now; tests set a clock of their own to step
 * through waits and locks without sleeping (0 goes back to the real one). */
gint64        pd_staff_now                (void);
void          pd_staff_set_now            (gint64        now);

/* pd-audit.c: an entry in the name of @staff_name ("" for nobody), for
 * sign-in, where nobody is signed in yet. */
gboolean      pd_audit_add_as             (PdDatabase   *db,
                                           const char   *staff_name,
                                           PdAuditKind   kind,
                                           gint64        member_id,
                                           const char   *detail,
                                           gint64        count,
                                           GError      **error);

/* pd-staff-accounts.c: whether @name (trimmed) may name an account. */
gboolean      pd_staff_check_name         (const char   *name,
                                           GError      **error);

/* pd-staff-server.c: the accounts' login roles on a PostgreSQL server,
 * changed in the transaction that changes the account; nothing happens
 * on a file. */
char         *pd_staff_login_name         (PdDatabase   *db,
                                           gint64        id);
gboolean      pd_staff_server_set_login   (PdDatabase   *db,
                                           gint64        id,
                                           PdRole        role,
                                           const char   *passphrase,
                                           GError      **error);
gboolean      pd_staff_server_drop_login  (PdDatabase   *db,
                                           gint64        id,
                                           GError      **error);
gboolean      pd_staff_server_has_roles   (PdDatabase   *db);
/* Signing in on a server is connecting as the account's login role. */
struct _PdServer *pd_staff_server_open    (PdDatabase   *db,
                                           gint64        id,
                                           const char   *passphrase,
                                           GError      **error);
char         *pd_staff_server_read_own_pin_hash (struct _PdServer *server,
                                                 GError  **error);
void          pd_staff_server_use         (PdDatabase   *db,
                                           struct _PdServer *server,
                                           gint64        id,
                                           const char   *passphrase);
void          pd_staff_server_sign_out    (PdDatabase   *db);
const char   *pd_staff_server_remembered  (PdDatabase   *db,
                                           gint64        id);
void          pd_staff_server_forget      (PdDatabase   *db,
                                           gint64        id);
gboolean      pd_staff_server_dup_login   (PdDatabase   *db,
                                           gint64       *login_id,
                                           char        **passphrase);
gboolean      pd_staff_server_act_as      (PdDatabase   *db,
                                           gint64        id,
                                           const char   *passphrase,
                                           GError      **error);

/* The codes of the staff and audit tables' role and kind columns, with
 * their labels. */
const PdCode *pd_staff_get_role_codes     (void);
const PdCode *pd_audit_get_kind_codes     (void);

G_END_DECLS
