/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "pd-locale.h"
#include "pd-test-gui.h"

/* Runs the main loop for @ms milliseconds, as time passes for a person
 * looking at the window: search delays, animations, idle callbacks. */
void
pd_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

char *
pd_test_dup_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

char *
pd_test_dup_toast_text (GtkWidget *overlay)
{
  GString *out = g_string_new (NULL);

  /* The overlay's children after its content are the toasts. */
  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c; c = gtk_widget_get_next_sibling (c))
    if (c != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)))
      collect_text (c, out);
  return g_string_free (out, FALSE);
}

/* Saves what @window shows as @file_name in the folder PD_TEST_SCREENSHOTS
 * names, if it is set: a way to look at states that are hard to reach by
 * hand. */
void
pd_test_save_screenshot (GtkWindow  *window,
                         const char *file_name)
{
  const char *dir = g_getenv ("PD_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;

  pd_test_iterate (400);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, file_name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Makes the rest of the test speak the language of @locale
 * ("es_US.UTF-8"), with the catalogues the build made, after
 * gtk_test_init() chose en_US. FALSE when the C library has no such
 * locale, and then nothing is changed. */
gboolean
pd_test_use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, pd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* The visible toplevel of @type, or NULL: dialogs and preferences belong
 * to no application, so every window counts. */
GtkWidget *
pd_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The first widget of @type below @widget, or NULL. */
GtkWidget *
pd_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c
                                                              : pd_test_find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Destroys every window still open, dialogs included, and lets GTK finish
 * with them, so that nothing of one test lives on into the next. */
void
pd_test_close_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean any = FALSE;

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
      any = TRUE;
    }
  if (any)
    pd_test_iterate (50);
}

/* Ends a GUI test: closes its windows, then drops the objects that
 * @object_ptr and the pointers after it, up to NULL, point to (as with
 * g_clear_object (), the database last), then removes the test's folder
 * at *@dir with its database. */
void
pd_test_gui_tear_down (char     **dir,
                       gpointer   object_ptr,
                       ...)
{
  va_list args;

  pd_test_close_windows ();

  va_start (args, object_ptr);
  for (gpointer ptr = object_ptr; ptr != NULL; ptr = va_arg (args, gpointer))
    g_clear_object ((GObject **) ptr);
  va_end (args);

  pd_test_clear_dir (dir);
}

/* Presses the key a person would, through @widget's own shortcuts, and
 * lets the window answer: FALSE when the key does nothing there now. */
gboolean
pd_test_press (GtkWidget       *widget,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                            widget,
                                                            gtk_shortcut_get_arguments (shortcut));

              pd_test_iterate (50);
              return done;
            }
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

static GtkWidget *
find_label_holding (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_holding (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the menu of @button, shown, offers an item whose label holds
 * @text that can be chosen; fails the test when it has no such item. */
gboolean
pd_test_menu_item_sensitive (GtkMenuButton *button,
                             const char    *text)
{
  GtkWidget *label;
  gboolean sensitive;

  gtk_menu_button_popup (button);
  pd_test_iterate (100);
  label = find_label_holding (GTK_WIDGET (gtk_menu_button_get_popover (button)), text);
  g_assert_nonnull (label);
  sensitive = gtk_widget_is_sensitive (label);
  gtk_menu_button_popdown (button);
  pd_test_iterate (50);
  return sensitive;
}
