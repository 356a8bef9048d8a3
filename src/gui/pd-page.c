/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-page.h"

/* What the window's sections and the views inside them have in common:
 * the context they are given when made (the open database and the
 * settings), and a layout that gives their one child the whole space. */
typedef struct
{
  PdContext *context;
} PdPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PdPage, pd_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_page_finalize (GObject *object)
{
  PdPagePrivate *priv = pd_page_get_instance_private (PD_PAGE (object));

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (pd_page_parent_class)->finalize (object);
}

static void
pd_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PdPagePrivate *priv = pd_page_get_instance_private (PD_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PdPagePrivate *priv = pd_page_get_instance_private (PD_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_page_class_init (PdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_page_finalize;
  object_class->get_property = pd_page_get_property;
  object_class->set_property = pd_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_page_init (PdPage *self)
{
}

PdContext *
pd_page_get_context (PdPage *self)
{
  PdPagePrivate *priv = pd_page_get_instance_private (self);

  g_return_val_if_fail (PD_IS_PAGE (self), NULL);
  return priv->context;
}

PdDatabase *
pd_page_get_database (PdPage *self)
{
  g_return_val_if_fail (PD_IS_PAGE (self), NULL);
  return pd_context_get_database (pd_page_get_context (self));
}

GSettings *
pd_page_get_settings (PdPage *self)
{
  g_return_val_if_fail (PD_IS_PAGE (self), NULL);
  return pd_context_get_settings (pd_page_get_context (self));
}
