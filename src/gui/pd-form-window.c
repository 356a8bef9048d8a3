/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-row.h"
#include "pd-form-window.h"
#include "pd-message-dialog.h"
#include "pd-toast.h"

/* The window of every form: a header bar with Cancel and Save above the
 * form's body, which a subclass gives as the "body" property of its
 * template. Save is enabled while the form is valid; Ctrl+S saves, or
 * shows every row's error when something is wrong; Escape, Cancel and
 * any other way of closing the window ask first when something was
 * changed. */

typedef struct
{
  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkBox *box;
  AdwWindowTitle *window_title;
  GtkButton *save_button;

  /* Borrowed */
  GtkWidget *body;
  GtkWidget *discard_dialog;     /* weak */

  /* Owned */
  PdContext *context;
  gboolean valid;
  gboolean dirty;
} PdFormWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PdFormWindow, pd_form_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_VALID,
  PROP_DIRTY,
  PROP_BODY,
  PROP_SUBTITLE,
  PROP_SAVE_LABEL,
  PROP_SAVE_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_body (PdFormWindow *self,
          GtkWidget    *body)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  if (priv->body == body)
    return;
  if (priv->body != NULL)
    gtk_box_remove (priv->box, priv->body);
  priv->body = body;
  if (body != NULL)
    {
      gtk_widget_set_vexpand (body, TRUE);
      gtk_box_append (priv->box, body);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

static void
on_discard_response_cb (PdFormWindow *self,
                        const char   *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  pd_form_window_set_dirty (self, FALSE);
  gtk_window_close (GTK_WINDOW (self));
}

/* Asks whether to lose what was changed; the window closes on Discard. */
static void
ask_discard (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);
  AdwMessageDialog *dialog;

  if (priv->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (priv->discard_dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (pd_message_dialog_new (GTK_WINDOW (self), "pd-discard-dialog.ui"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  priv->discard_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &priv->discard_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Every way of closing the form (Cancel, Escape, Ctrl+W, quitting) asks
 * before changes are lost. */
static gboolean
pd_form_window_close_request (GtkWindow *window)
{
  PdFormWindow *self = PD_FORM_WINDOW (window);
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  if (priv->dirty)
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pd_form_window_parent_class)->close_request (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pd_form_window_save (PD_FORM_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pd_form_window_cancel (PD_FORM_WINDOW (widget));
}

/* Ctrl+S works on a form that is not valid yet, to show what is wrong. */
static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  pd_form_window_save (PD_FORM_WINDOW (widget));
  return TRUE;
}

static void
pd_form_window_dispose (GObject *object)
{
  PdFormWindow *self = (PdFormWindow *)object;
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  if (priv->discard_dialog != NULL)
    {
      GtkWidget *dialog = priv->discard_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &priv->discard_dialog);
      priv->discard_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  /* In GTK 4.8 gtk_widget_dispose_template() forgets the template children
   * of every class of the widget, so only one class can call it: this one
   * does, for the form's own template. The window's, its content, goes
   * with the content. */
  if (priv->box != NULL)
    gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  priv->toast_overlay = NULL;
  priv->box = NULL;
  priv->window_title = NULL;
  priv->save_button = NULL;
  priv->body = NULL;

  G_OBJECT_CLASS (pd_form_window_parent_class)->dispose (object);
}

static void
pd_form_window_finalize (GObject *object)
{
  PdFormWindow *self = (PdFormWindow *)object;
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (pd_form_window_parent_class)->finalize (object);
}

static void
pd_form_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdFormWindow *self = PD_FORM_WINDOW (object);
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, priv->valid);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, priv->dirty);
      break;
    case PROP_BODY:
      g_value_set_object (value, priv->body);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, adw_window_title_get_subtitle (priv->window_title));
      break;
    case PROP_SAVE_LABEL:
      g_value_set_string (value, gtk_button_get_label (priv->save_button));
      break;
    case PROP_SAVE_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (priv->save_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_form_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdFormWindow *self = PD_FORM_WINDOW (object);
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    case PROP_VALID:
      pd_form_window_set_valid (self, g_value_get_boolean (value));
      break;
    case PROP_DIRTY:
      pd_form_window_set_dirty (self, g_value_get_boolean (value));
      break;
    case PROP_BODY:
      set_body (self, g_value_get_object (value));
      break;
    case PROP_SUBTITLE:
      pd_form_window_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_SAVE_LABEL:
      gtk_button_set_label (priv->save_button, g_value_get_string (value));
      break;
    case PROP_SAVE_TOOLTIP:
      {
        const char *tooltip = g_value_get_string (value);

        gtk_widget_set_tooltip_text (GTK_WIDGET (priv->save_button),
                                     tooltip && *tooltip ? tooltip : NULL);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_form_window_class_init (PdFormWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pd_form_window_dispose;
  object_class->finalize = pd_form_window_finalize;
  object_class->get_property = pd_form_window_get_property;
  object_class->set_property = pd_form_window_set_property;
  window_class->close_request = pd_form_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the form can be saved as it is; Save is enabled so. */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether something was changed since the form was opened. */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_object ("body", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_LABEL] =
    g_param_spec_string ("save-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_TOOLTIP] =
    g_param_spec_string ("save-tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-form-window.ui");
  gtk_widget_class_bind_template_child_private (widget_class, PdFormWindow, toast_overlay);
  gtk_widget_class_bind_template_child_private (widget_class, PdFormWindow, box);
  gtk_widget_class_bind_template_child_private (widget_class, PdFormWindow, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, PdFormWindow, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb,
                                NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
pd_form_window_init (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "title", priv->window_title, "title", G_BINDING_SYNC_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

PdDatabase *
pd_form_window_get_database (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_val_if_fail (PD_IS_FORM_WINDOW (self), NULL);
  return pd_context_get_database (priv->context);
}

gboolean
pd_form_window_get_valid (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_val_if_fail (PD_IS_FORM_WINDOW (self), FALSE);
  return priv->valid;
}

void
pd_form_window_set_valid (PdFormWindow *self,
                          gboolean      valid)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_if_fail (PD_IS_FORM_WINDOW (self));

  valid = !!valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  if (priv->valid == valid)
    return;
  priv->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

gboolean
pd_form_window_get_dirty (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_val_if_fail (PD_IS_FORM_WINDOW (self), FALSE);
  return priv->dirty;
}

void
pd_form_window_set_dirty (PdFormWindow *self,
                          gboolean      dirty)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_if_fail (PD_IS_FORM_WINDOW (self));

  dirty = !!dirty;
  if (priv->dirty == dirty)
    return;
  priv->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
pd_form_window_set_subtitle (PdFormWindow *self,
                             const char   *subtitle)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_if_fail (PD_IS_FORM_WINDOW (self));
  adw_window_title_set_subtitle (priv->window_title, subtitle ? subtitle : "");
}

void
pd_form_window_toast (PdFormWindow *self,
                      const char   *message)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_if_fail (PD_IS_FORM_WINDOW (self));
  pd_toast_show (priv->toast_overlay, message);
}

/* Every row shows what is wrong with it now, typed in or not. */
void
pd_form_window_touch_all (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);

  g_return_if_fail (PD_IS_FORM_WINDOW (self));
  if (priv->body != NULL)
    pd_entry_row_touch_all (priv->body);
}

/* Saves the form and closes the window; or, when the form is not valid,
 * shows what is wrong. Returns whether the form was saved. */
gboolean
pd_form_window_save (PdFormWindow *self)
{
  PdFormWindowPrivate *priv = pd_form_window_get_instance_private (self);
  PdFormWindowClass *klass;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_FORM_WINDOW (self), FALSE);

  pd_form_window_touch_all (self);
  klass = PD_FORM_WINDOW_GET_CLASS (self);
  if (!priv->valid || klass->save == NULL)
    return FALSE;
  if (!klass->save (self, &error))
    {
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

          pd_form_window_toast (self, message);
        }
      return FALSE;
    }
  pd_form_window_set_dirty (self, FALSE);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* Closes the window, asking first whether to lose what was changed. */
void
pd_form_window_cancel (PdFormWindow *self)
{
  g_return_if_fail (PD_IS_FORM_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}
