/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-toast.h"

/* A toast saying @message as plain text: libadwaita 1.2 reads toast
 * titles as markup, and one "&" in a name would blank the toast. */
/* The widgets of the toasts shown, made by libadwaita when a toast is
 * added, get the names it leaves out. */
static void
fix_toast_names (AdwToastOverlay *overlay)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (G_OBJECT_TYPE_NAME (c), "AdwToastWidget") == 0)
      pd_accessible_fix_names (c);
}

/* Every toast made and not yet gone, shown or waiting in a queue, so that
 * a locked desk can take them all off the screen: libadwaita 1.2 gives no
 * list of the toasts an overlay holds. */
static GPtrArray *live_toasts;

static void
forget_live_toast (gpointer  data,
                   GObject  *toast)
{
  g_ptr_array_remove_fast (live_toasts, toast);
}

AdwToast *
pd_toast_new (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (live_toasts == NULL)
    live_toasts = g_ptr_array_new ();
  g_ptr_array_add (live_toasts, toast);
  g_object_weak_ref (G_OBJECT (toast), forget_live_toast, NULL);
  return toast;
}

/* Empties every toast made and not yet gone, so that one still waiting in
 * an overlay's queue, which no widget shows yet, shows nothing when its
 * turn comes. Toasts on screen are dismissed by whoever finds their
 * widgets: libadwaita 1.2 mishandles dismissing a toast that waits. */
void
pd_toast_conceal_all (void)
{
  g_autoptr(GPtrArray) toasts = NULL;

  if (live_toasts == NULL)
    return;
  toasts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < live_toasts->len; i++)
    g_ptr_array_add (toasts, g_object_ref (g_ptr_array_index (live_toasts, i)));
  for (guint i = 0; i < toasts->len; i++)
    {
      AdwToast *toast = g_ptr_array_index (toasts, i);

      adw_toast_set_title (toast, "");
      adw_toast_set_button_label (toast, NULL);
      adw_toast_set_action_name (toast, NULL);
      adw_toast_set_timeout (toast, 1);
    }
}

void
pd_toast_show (AdwToastOverlay *overlay,
               const char      *message)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  adw_toast_overlay_add_toast (overlay, pd_toast_new (message));
  fix_toast_names (overlay);
}

/* PdUndoToast offers Undo for the last change a widget made, the same way
 * everywhere: a toast with an Undo button that runs the widget's undo
 * action, which is enabled only while the toast shows, and Ctrl+Z that
 * runs it, wherever the focus is, also only while the toast shows. */
struct _PdUndoToast
{
  GObject parent_instance;

  /* Borrowed */
  GtkWidget *owner;
  AdwToastOverlay *overlay;

  /* Owned */
  char *action_name;
  AdwToast *toast;
};

G_DEFINE_FINAL_TYPE (PdUndoToast, pd_undo_toast, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_toast (PdUndoToast *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->toast);

  if (toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (toast, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static void
on_toast_dismissed_cb (PdUndoToast *self,
                       AdwToast    *dismissed)
{
  if (dismissed == self->toast)
    forget_toast (self);
}

static void
pd_undo_toast_dispose (GObject *object)
{
  PdUndoToast *self = (PdUndoToast *)object;

  /* The overlay dismisses its toasts as it goes, after the widgets a
   * handler of "shown" would update. */
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (self->toast, self);
  g_clear_object (&self->toast);

  G_OBJECT_CLASS (pd_undo_toast_parent_class)->dispose (object);
}

static void
pd_undo_toast_finalize (GObject *object)
{
  PdUndoToast *self = (PdUndoToast *)object;

  g_clear_pointer (&self->action_name, g_free);

  G_OBJECT_CLASS (pd_undo_toast_parent_class)->finalize (object);
}

static void
pd_undo_toast_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdUndoToast *self = PD_UNDO_TOAST (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      g_value_set_boolean (value, pd_undo_toast_get_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_undo_toast_class_init (PdUndoToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_undo_toast_dispose;
  object_class->finalize = pd_undo_toast_finalize;
  object_class->get_property = pd_undo_toast_get_property;

  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_undo_toast_init (PdUndoToast *self)
{
}

/* Undo toasts of @owner, shown in @overlay, whose Undo runs the owner's
 * @action_name. @owner, which holds the result, and @overlay, one of its
 * children, are borrowed: the owner disposes of the result first in its
 * own dispose. */
PdUndoToast *
pd_undo_toast_new (GtkWidget       *owner,
                   AdwToastOverlay *overlay,
                   const char      *action_name)
{
  PdUndoToast *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  self = g_object_new (PD_TYPE_UNDO_TOAST, NULL);
  self->owner = owner;
  self->overlay = overlay;
  self->action_name = g_strdup (action_name);
  return self;
}

/* Offers Undo for a change @message describes. While the undo toast of
 * the previous change is still shown it is reworded instead: dismissing it
 * and adding another lets libadwaita 1.2 free the old one while its hiding
 * animation still runs, which crashes when the window closes in between. */
void
pd_undo_toast_show (PdUndoToast *self,
                    const char  *message)
{
  g_return_if_fail (PD_IS_UNDO_TOAST (self));
  g_return_if_fail (message != NULL);

  if (self->toast != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_set_title (self->toast, escaped);
      return;
    }

  self->toast = pd_toast_new (message);
  adw_toast_set_button_label (self->toast, _("_Undo"));
  adw_toast_set_action_name (self->toast, self->action_name);
  adw_toast_set_priority (self->toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->overlay, g_object_ref (self->toast));
  fix_toast_names (self->overlay);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

/* Whether an undo toast shows: the owner's undo action is enabled then. */
gboolean
pd_undo_toast_get_shown (PdUndoToast *self)
{
  g_return_val_if_fail (PD_IS_UNDO_TOAST (self), FALSE);
  return self->toast != NULL;
}

/* Takes the toast away, for the undo action that is about to run: returns
 * whether one was shown, that is whether there is something to undo. */
gboolean
pd_undo_toast_take (PdUndoToast *self)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_val_if_fail (PD_IS_UNDO_TOAST (self), FALSE);

  if (self->toast == NULL)
    return FALSE;
  toast = g_object_ref (self->toast);
  forget_toast (self);
  adw_toast_dismiss (toast);
  return TRUE;
}

/* Takes the toast away when what it offers to undo is no longer shown. */
void
pd_undo_toast_dismiss (PdUndoToast *self)
{
  g_return_if_fail (PD_IS_UNDO_TOAST (self));
  pd_undo_toast_take (self);
}

static gboolean
on_key_pressed_cb (PdUndoToast           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  if ((keyval != GDK_KEY_z && keyval != GDK_KEY_Z) || state != GDK_CONTROL_MASK ||
      self->toast == NULL)
    return FALSE;

  gtk_widget_activate_action (self->owner, self->action_name, NULL);
  return TRUE;
}

/* Ctrl+Z, caught by @keys in the capture phase, takes back the change the
 * toast shows, wherever the focus is: before the focused control's own
 * Ctrl+Z, which would swallow it. Once the toast is gone, it is no longer
 * the owner's to take, and the key goes on to the focused control. */
void
pd_undo_toast_watch_keys (PdUndoToast        *self,
                          GtkEventController *keys)
{
  g_return_if_fail (PD_IS_UNDO_TOAST (self));
  g_return_if_fail (GTK_IS_EVENT_CONTROLLER_KEY (keys));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
}
