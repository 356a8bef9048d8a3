/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "pd-member-list.h"
#include "pd-members.h"

/* How long a list of every member, shown in a GtkListView on the display,
 * keeps the main loop busy when it changes size: a search typed, the
 * search cleared, a member added and taken away again; and how many rows
 * GTK asked the list for each time. Run it on a copy of the database: the
 * member it adds is deleted at the end. */

static guint n_get_item;

/* A model in front of the list that counts what GTK asks it for. */
#define BENCH_TYPE_COUNTER (bench_counter_get_type ())
G_DECLARE_FINAL_TYPE (BenchCounter, bench_counter, BENCH, COUNTER, GObject)

struct _BenchCounter
{
  GObject parent_instance;
  GListModel *model;
};

static void bench_counter_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchCounter, bench_counter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bench_counter_iface_init))

static GType
bench_counter_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (BENCH_COUNTER (model)->model);
}

static guint
bench_counter_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (BENCH_COUNTER (model)->model);
}

static gpointer
bench_counter_get_item (GListModel *model,
                        guint       position)
{
  n_get_item++;
  return g_list_model_get_item (BENCH_COUNTER (model)->model, position);
}

static void
bench_counter_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bench_counter_get_item_type;
  iface->get_n_items = bench_counter_get_n_items;
  iface->get_item = bench_counter_get_item;
}

static void
bench_counter_finalize (GObject *object)
{
  g_clear_object (&BENCH_COUNTER (object)->model);
  G_OBJECT_CLASS (bench_counter_parent_class)->finalize (object);
}

static void
bench_counter_class_init (BenchCounterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_counter_finalize;
}

static void
bench_counter_init (BenchCounter *self)
{
}

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     BenchCounter *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GListModel *
bench_counter_new (GListModel *model)
{
  BenchCounter *self = g_object_new (BENCH_TYPE_COUNTER, NULL);

  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, 0);
  return G_LIST_MODEL (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  PdMember *member = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME));
}

static void
drain (void)
{
  gint64 quiet_until = g_get_monotonic_time () + 100000;

  while (g_get_monotonic_time () < quiet_until)
    if (g_main_context_iteration (NULL, FALSE))
      quiet_until = g_get_monotonic_time () + 100000;
}

static void
measure (const char   *what,
         PdMemberList *list,
         void        (*change) (PdMemberList *list, gpointer data),
         gpointer      data)
{
  guint reads = pd_member_list_get_n_reads (list);
  gint64 start;

  drain ();
  n_get_item = 0;
  start = g_get_monotonic_time ();
  change (list, data);
  drain ();
  g_print ("%s: %.0f ms (the last 100 ms idle), %u rows asked for, %u pages read\n", what,
           (g_get_monotonic_time () - start) / 1000.0 - 100, n_get_item,
           pd_member_list_get_n_reads (list) - reads);
}

static void
set_query (PdMemberList *list,
           gpointer      query)
{
  pd_member_list_set_query (list, query);
}

static void
add_member (PdMemberList *list,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!pd_members_insert (pd_member_list_get_database (list), data, &error))
    g_printerr ("%s\n", error->message);
}

static void
set_inactive (PdMemberList *list,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!pd_members_set_status (pd_member_list_get_database (list), pd_member_get_id (data),
                              "inactive", &error))
    g_printerr ("%s\n", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  GtkSignalListItemFactory *factory;
  GtkWidget *window, *scrolled, *view;
  GtkSingleSelection *selection;
  GListModel *counting;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE (a copy: a member is added, then made inactive)\n", argv[0]);
      return 2;
    }

  gtk_init ();
  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  list = pd_member_list_new (db);

  counting = bench_counter_new (G_LIST_MODEL (list));

  selection = gtk_single_selection_new (counting);
  factory = GTK_SIGNAL_LIST_ITEM_FACTORY (gtk_signal_list_item_factory_new ());
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), GTK_LIST_ITEM_FACTORY (factory));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  g_print ("%u members\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
  measure ("search 'zo' typed", list, set_query, (gpointer) "zo");
  gtk_single_selection_set_selected (selection, 2);
  measure ("search cleared, the third match selected", list, set_query, (gpointer) "");
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Aaron");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Aardvark");
  measure ("member added", list, add_member, member);
  measure ("that member made inactive", list, set_inactive, member);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}
