/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pd-install-dirs.h"
#include "pd-test-core.h"

/* A prefix laid out as an install: bin, share/peerdesk, share/locale. */
static char *
make_prefix (const char *dir)
{
  char *prefix = g_build_filename (dir, "opt", "peerdesk", NULL);
  g_autofree char *bin = g_build_filename (prefix, "bin", NULL);
  g_autofree char *pkgdata = g_build_filename (prefix, "share", "peerdesk", NULL);
  g_autofree char *locale = g_build_filename (prefix, "share", "locale", NULL);

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (pkgdata, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (locale, 0700), ==, 0);
  return prefix;
}

/* A program in the prefix's bindir finds the folders of that prefix. */
static void
test_relocate_installed (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *prefix = make_prefix (dir);
  g_autofree char *program = g_build_filename (prefix, "bin", "peerdesk-cli", NULL);
  g_autofree char *pkgdata = g_build_filename (prefix, "share", "peerdesk", NULL);
  g_autofree char *locale = g_build_filename (prefix, "share", "locale", NULL);
  g_autofree char *found_pkgdata = NULL;
  g_autofree char *found_locale = NULL;

  found_pkgdata = pd_install_dir_relocate (program, "bin", "share/peerdesk");
  found_locale = pd_install_dir_relocate (program, "bin", "share/locale");
  g_assert_cmpstr (found_pkgdata, ==, pkgdata);
  g_assert_cmpstr (found_locale, ==, locale);
  pd_test_clear_dir (&dir);
}

/* A bindir of several levels is taken off whole. */
static void
test_relocate_deep_bindir (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *prefix = make_prefix (dir);
  g_autofree char *program = g_build_filename (prefix, "lib", "peerdesk", "bin", "peerdesk",
                                               NULL);
  g_autofree char *pkgdata = g_build_filename (prefix, "share", "peerdesk", NULL);
  g_autofree char *found = pd_install_dir_relocate (program, "lib/peerdesk/bin",
                                                    "share/peerdesk");

  g_assert_cmpstr (found, ==, pkgdata);
  pd_test_clear_dir (&dir);
}

/* A program outside a bindir (the build tree's), a prefix without the
 * folder, or folders configured outside the prefix give nothing, so that
 * the configured folders are used. */
static void
test_relocate_not_installed (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *prefix = make_prefix (dir);
  g_autofree char *program = g_build_filename (prefix, "bin", "peerdesk-cli", NULL);
  g_autofree char *built = g_build_filename (dir, "build", "src", "cli", "peerdesk-cli", NULL);
  g_autofree char *binary = g_build_filename (dir, "opt", "peerdesk", "sbin", "peerdesk", NULL);
  g_autofree char *unsuffixed = g_build_filename (dir, "opt", "peerdeskbin", "peerdesk", NULL);

  g_assert_null (pd_install_dir_relocate (built, "bin", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (binary, "bin", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (unsuffixed, "bin", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (program, "bin", "share/help"));
  g_assert_null (pd_install_dir_relocate (program, "bin", "/usr/share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (program, "", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (program, "/usr/bin", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate ("peerdesk-cli", "bin", "share/peerdesk"));
  g_assert_null (pd_install_dir_relocate (NULL, "bin", "share/peerdesk"));
  pd_test_clear_dir (&dir);
}

/* Run from the build tree, the programs keep to the configured folders. */
static void
test_build_tree (void)
{
  g_assert_cmpstr (pd_install_dir_pkgdata (), ==, PKGDATADIR);
  g_assert_cmpstr (pd_install_dir_locale (), ==, LOCALEDIR);
  g_assert_cmpstr (pd_install_dir_data (), ==, DATADIR);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/install-dirs/relocate/installed", test_relocate_installed);
  g_test_add_func ("/install-dirs/relocate/deep-bindir", test_relocate_deep_bindir);
  g_test_add_func ("/install-dirs/relocate/not-installed", test_relocate_not_installed);
  g_test_add_func ("/install-dirs/build-tree", test_build_tree);

  return g_test_run ();
}
