/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_ERROR (pd_error_quark ())

/* Each code says who can act on the error: PD_ERROR_INVALID and the others
 * up to PD_ERROR_NOT_DATABASE are the user's to fix (peerdesk-cli exits 1);
 * PD_ERROR_FAILED is everything else (exit 2). */
typedef enum
{
  PD_ERROR_FAILED,
  PD_ERROR_INVALID,
  PD_ERROR_NOT_FOUND,
  PD_ERROR_DUPLICATE,
  PD_ERROR_NEWER_SCHEMA,
  PD_ERROR_NOT_DATABASE,
  PD_ERROR_IO,
  PD_ERROR_BUSY,            /* another program holds the write lock: try again later */
  PD_ERROR_NOT_PERMITTED,   /* the signed-in staff member's role may not do this */
  PD_ERROR_SIGN_IN,         /* sign-in failed, or nobody is signed in */
  PD_ERROR_LOCKED,          /* too many failed sign-ins: the account waits */
  PD_ERROR_OFFLINE,         /* the records server cannot be reached: nothing was saved */
  PD_ERROR_CONFLICT,        /* another desk saved the record since it was read */
} PdError;

GQuark   pd_error_quark        (void);
gboolean pd_error_is_users     (const GError *error);

G_END_DECLS
