/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-period.h"

G_BEGIN_DECLS

/* The audit trail: who did what and when, never the values themselves.
 * Append-only: the database refuses to change or delete its rows. */

typedef enum
{
  PD_AUDIT_SIGN_IN,
  PD_AUDIT_SIGN_IN_FAILED,
  PD_AUDIT_LOCKED_OUT,
  PD_AUDIT_NOTES_OPENED,
  PD_AUDIT_MEMBER_CREATED,
  PD_AUDIT_MEMBER_CHANGED,      /* detail: the fields changed, by name */
  PD_AUDIT_MEMBER_DEACTIVATED,
  PD_AUDIT_MEMBER_ERASED,       /* no member recorded */
  PD_AUDIT_CONSENT_CHANGED,
  PD_AUDIT_EXPORT,              /* detail: kind; count; file name */
  PD_AUDIT_IMPORT,
  PD_AUDIT_REPORT,
  PD_AUDIT_BACKUP,
  PD_AUDIT_RESTORE,
  PD_AUDIT_STAFF_CHANGED,
  PD_AUDIT_SETTINGS_CHANGED,
  PD_AUDIT_COMMAND,             /* detail: the command line's command, no values */
  PD_AUDIT_N_KINDS
} PdAuditKind;

const char  *pd_audit_kind_to_string   (PdAuditKind  kind);  /* "sign-in", … */
gboolean     pd_audit_kind_from_string (const char  *text,
                                        PdAuditKind *kind);
const char  *pd_audit_kind_get_label   (PdAuditKind  kind);  /* translated */

typedef struct
{
  gint64       id;
  gint64       at;            /* unix seconds, UTC */
  char        *staff;         /* the staff member's name, "" when sign-in was off */
  char        *os_user;       /* the command line's user, "" in the app */
  PdAuditKind  kind;
  gint64       member_id;     /* 0 when none */
  char        *member_number; /* NULL when none */
  char        *detail;        /* field names, report kind, file name: never a value */
  gint64       count;         /* records concerned, -1 when it does not apply */
} PdAuditEntry;

void          pd_audit_entry_free      (PdAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdAuditEntry, pd_audit_entry_free)

/* Appends an entry for the signed-in staff member. Call it inside the
 * transaction of the change it records, so that both land or neither. */
gboolean      pd_audit_add             (PdDatabase   *db,
                                        PdAuditKind   kind,
                                        gint64        member_id,
                                        const char   *detail,
                                        gint64        count,
                                        GError      **error);

typedef struct
{
  const char  *staff;        /* NULL: anyone */
  const char  *member_number;/* NULL: any */
  int          kind;         /* -1: any, else a PdAuditKind */
  PdPeriod    *period;       /* NULL: all time */
  gint64       before_id;    /* 0: from the newest; else the entries listed after this one */
  guint        limit;        /* at most this many; 0: PD_AUDIT_PAGE */
} PdAuditQuery;

/* The entries a list reads at a time when the query does not say. */
#define PD_AUDIT_PAGE 200

/* A query for everything, newest first, a page at a time. */
#define PD_AUDIT_QUERY_INIT { NULL, NULL, -1, NULL, 0, 0 }

/* Needs PD_RIGHT_AUDIT. Returns PdAuditEntry, newest first (by time, then
 * by id). The next page is the query again with before_id set to the id of
 * the last entry of this one. */
GPtrArray    *pd_audit_list            (PdDatabase         *db,
                                        const PdAuditQuery *query,
                                        GError            **error);

G_END_DECLS
