/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "pd-database.h"
#include "pd-test-core.h"
#include "pd-test-server.h"

#define PG_BIN "/usr/lib/postgresql/15/bin"

struct _PdTestServer
{
  char *dir;
  int port;
  gboolean running;
  GPid watchdog;
};

/* PostgreSQL refuses to run as root: there the cluster is nobody's. */
static gboolean
as_root (void)
{
  return geteuid () == 0;
}

static gboolean
run (const char * const *args,
     GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status;

  if (as_root ())
    {
      g_ptr_array_add (argv, (char *) "runuser");
      g_ptr_array_add (argv, (char *) "-u");
      g_ptr_array_add (argv, (char *) "nobody");
      g_ptr_array_add (argv, (char *) "--");
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s: ", args[0], err ? err : "");
      return FALSE;
    }
  return TRUE;
}

static void
start (PdTestServer *self)
{
  g_autofree char *data = g_build_filename (self->dir, "data", NULL);
  g_autofree char *log = g_build_filename (self->dir, "log", NULL);
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses= -p %d -c fsync=off",
                                              self->dir, self->port);
  const char *args[] = { PG_BIN "/pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "start",
                         NULL };
  g_autoptr(GError) error = NULL;

  run (args, &error);
  g_assert_no_error (error);
  self->running = TRUE;
}

/* A test that fails aborts, in whatever thread: a process of its own then
 * stops the cluster and removes it, so that no server outlives the test. */
static void
start_watchdog (PdTestServer *self)
{
  g_autofree char *quoted_dir = g_shell_quote (self->dir);
  g_autofree char *script = g_strdup_printf ("while kill -0 %d 2>/dev/null; do sleep 1; done; "
                                             "%s" PG_BIN "/pg_ctl -D %s/data -m immediate stop; "
                                             "rm -rf %s",
                                             (int) getpid (),
                                             as_root () ? "runuser -u nobody -- " : "",
                                             quoted_dir, quoted_dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL |
                 G_SPAWN_STDIN_FROM_DEV_NULL,
                 NULL, NULL, &self->watchdog, &error);
  g_assert_no_error (error);
}

/* A cluster on @port, or NULL, with the test skipped and said why, where
 * PostgreSQL is not installed. */
PdTestServer *
pd_test_server_start (int port)
{
  PdTestServer *self;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (PG_BIN "/initdb", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PostgreSQL 15 is not installed (" PG_BIN "/initdb)");
      return NULL;
    }

  self = g_new0 (PdTestServer, 1);
  self->port = port;
  self->dir = g_dir_make_tmp ("pd-gui-pg-XXXXXX", &error);
  g_assert_no_error (error);
  if (as_root ())
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      g_assert_cmpint (chown (self->dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
    }
  data = g_build_filename (self->dir, "data", NULL);
  {
    const char *args[] = { PG_BIN "/initdb", "-D", data, "-U", "peerdesk", "-A", "trust",
                           "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", NULL };

    run (args, &error);
    g_assert_no_error (error);
  }
  start (self);
  start_watchdog (self);
  return self;
}

const char *
pd_test_server_get_dir (PdTestServer *self)
{
  return self->dir;
}

int
pd_test_server_get_port (PdTestServer *self)
{
  return self->port;
}

/* Makes database @name, set up for Peerdesk, and gives its address. */
char *
pd_test_server_create_database (PdTestServer *self,
                                const char   *name)
{
  g_autofree char *port = g_strdup_printf ("%d", self->port);
  g_autofree char *folder = g_uri_escape_string (self->dir, NULL, FALSE);
  const char *args[] = { PG_BIN "/createdb", "-h", self->dir, "-p", port, "-U", "peerdesk", name,
                         NULL };
  g_autoptr(GError) error = NULL;
  char *location;

  run (args, &error);
  g_assert_no_error (error);
  location = g_strdup_printf ("postgresql://peerdesk@/%s?host=%s&port=%d", name, folder,
                              self->port);
  g_assert_true (pd_database_setup_server (location, &error));
  g_assert_no_error (error);
  return location;
}

/* An outage: the server stops at once, its connections cut. */
void
pd_test_server_stop (PdTestServer *self)
{
  g_autofree char *data = g_build_filename (self->dir, "data", NULL);
  const char *args[] = { PG_BIN "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", NULL };
  g_autoptr(GError) error = NULL;

  if (!self->running)
    return;
  run (args, &error);
  g_assert_no_error (error);
  self->running = FALSE;
}

void
pd_test_server_restart (PdTestServer *self)
{
  if (!self->running)
    start (self);
}

/* Stops the cluster, if it runs, and removes it. */
void
pd_test_server_free (PdTestServer *self)
{
  g_autofree char *data = NULL;

  if (self == NULL)
    return;
  data = g_build_filename (self->dir, "data", NULL);
  if (self->running)
    {
      const char *args[] = { PG_BIN "/pg_ctl", "-D", data, "-m", "fast", "-w", "stop", NULL };

      run (args, NULL);
    }
  kill (self->watchdog, SIGTERM);
  g_spawn_close_pid (self->watchdog);
  pd_test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self);
}
