/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-context.h"

/* What every part of the window shares: the open database and the
 * settings. Handed down to widgets as a construct property. */
struct _PdContext
{
  GObject parent_instance;

  /* Owned */
  PdDatabase *database;
  GSettings *settings;
  PdBackups *backups;             /* made when first asked for */
};

G_DEFINE_FINAL_TYPE (PdContext, pd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_context_finalize (GObject *object)
{
  PdContext *self = (PdContext *)object;

  g_clear_object (&self->backups);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_context_parent_class)->finalize (object);
}

static void
pd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PdContext *self = PD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PdContext *self = PD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_context_class_init (PdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_context_finalize;
  object_class->get_property = pd_context_get_property;
  object_class->set_property = pd_context_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, PD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_context_init (PdContext *self)
{
}

PdContext *
pd_context_new (PdDatabase *database,
                GSettings  *settings)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PD_TYPE_CONTEXT, "database", database, "settings", settings, NULL);
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
