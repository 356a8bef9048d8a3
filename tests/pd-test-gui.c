/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
