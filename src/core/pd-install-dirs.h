/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where an installed Peerdesk keeps its data. A program finds it beside
 * itself: the prefix it was installed in is its own folder less the bindir
 * (“/opt/peerdesk/bin/peerdesk-cli” gives “/opt/peerdesk”), so a copy
 * installed with DESTDIR, moved or unpacked elsewhere reads its own
 * templates and translations. A program whose folder does not end in the
 * bindir (one run from the build tree) or whose prefix lacks the folder
 * falls back to the folder named when it was configured. */

/* $prefix/$datadir/peerdesk: the credential templates and report schema. */
const char *pd_install_dir_pkgdata  (void);
/* $prefix/$localedir: the translations. */
const char *pd_install_dir_locale   (void);
/* $prefix/$datadir: the settings schema, for the app. */
const char *pd_install_dir_data     (void);

/* The folder @relative_dir of the prefix of the program at @program_path,
 * whose bindir is @relative_bindir; NULL if the program is not in a bindir
 * or the folder does not exist. Split out for the tests. */
char       *pd_install_dir_relocate (const char *program_path,
                                     const char *relative_bindir,
                                     const char *relative_dir);

G_END_DECLS
