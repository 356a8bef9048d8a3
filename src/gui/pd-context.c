/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-context.h"

/* What every part of the window shares: the open database and the
 * settings, given when it is made and kept for its life. Handed down to
 * widgets as a construct property. */
struct _PdContext
{
  GObject parent_instance;

  /* Owned */
  PdDatabase *database;
  GSettings *settings;
  PdBackups *backups;             /* made when first asked for */
};

G_DEFINE_FINAL_TYPE (PdContext, pd_context, G_TYPE_OBJECT)

static void
pd_context_finalize (GObject *object)
{
  PdContext *self = (PdContext *)object;

  g_clear_object (&self->backups);
  pd_database_watch_others (self->database, FALSE);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_context_parent_class)->finalize (object);
}

static void
pd_context_class_init (PdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_context_finalize;
}

static void
pd_context_init (PdContext *self)
{
}

PdContext *
pd_context_new (PdDatabase *database,
                GSettings  *settings)
{
  PdContext *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PD_TYPE_CONTEXT, NULL);
  self->database = g_object_ref (database);
  self->settings = g_object_ref (settings);
  /* The window shows, without being asked, what another Peerdesk window
   * or the command line records in the same file. */
  pd_database_watch_others (database, TRUE);
  return self;
}

PdDatabase *
pd_context_get_database (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);
  return self->database;
}

GSettings *
pd_context_get_settings (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);
  return self->settings;
}

/* The backups of the database, shared by Preferences and the window. */
PdBackups *
pd_context_get_backups (PdContext *self)
{
  g_return_val_if_fail (PD_IS_CONTEXT (self), NULL);

  if (self->backups == NULL)
    self->backups = pd_backups_new (self->database, self->settings);
  return self->backups;
}
