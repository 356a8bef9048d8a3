/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The pages of the help (help/C/PAGE.page) that the window opens for a
 * part of itself. */
#define PD_HELP_INDEX          "index"
#define PD_HELP_CHECK_IN       "check-in"
#define PD_HELP_ATTENDANCE     "attendance"
#define PD_HELP_MEMBERS        "members"
#define PD_HELP_VOLUNTEERS     "volunteers"
#define PD_HELP_CREDENTIALS    "credentials"
#define PD_HELP_REPORTS        "reports"
#define PD_HELP_BACKUPS        "backups"
#define PD_HELP_SHARED_SERVER  "shared-server"
#define PD_HELP_STAFF_SIGN_IN  "staff-sign-in"
#define PD_HELP_STAFF_ROLES    "staff-roles"

/* A part of a window, by name, and its page of the help. */
typedef struct
{
  const char *name;
  const char *page;
} PdHelpTopic;

/**
 * PdHelpUriOpener:
 * @parent: (nullable): the window asking
 * @uri: the help: or file: URI to open
 * @task: completed with %TRUE once @uri opened, or with the error why not
 *
 * Opens a URI for the help: gtk_show_uri_full() unless a test replaced it.
 */
typedef void (*PdHelpUriOpener) (GtkWindow  *parent,
                                 const char *uri,
                                 GTask      *task);

const char * const *pd_help_get_pages       (void);
const char         *pd_help_find_page       (const PdHelpTopic *topics,
                                             gsize              n_topics,
                                             const char        *name);
void                pd_help_show            (GtkWindow       *parent,
                                             const char      *page);
void                pd_help_set_uri_opener  (PdHelpUriOpener  opener);

G_END_DECLS
