/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-open-selection.h"

/* PdOpenSelection shows the row that is open beside a list as selected.
 *
 * It knows the open row by its key, never by its position, and only
 * answers when a row on show asks: GtkSingleSelection instead keeps a
 * position, and when the list is replaced (each keystroke of a search)
 * looks through every new row for the selected item, which at a million
 * members is seconds. Clicking or hovering selects nothing; the page
 * opens the row and sets its key here. */
struct _PdOpenSelection
{
  GObject parent_instance;

  /* Owned */
  GListModel *model;

  PdOpenSelectionKeyFunc key_func;
  gint64 open_id;
};

static GType
pd_open_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (PD_OPEN_SELECTION (list)->model);
}

static guint
pd_open_selection_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (PD_OPEN_SELECTION (list)->model);
}

static gpointer
pd_open_selection_get_item (GListModel *list,
                            guint       position)
{
  return g_list_model_get_item (PD_OPEN_SELECTION (list)->model, position);
}

static void
pd_open_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_open_selection_get_item_type;
  iface->get_n_items = pd_open_selection_get_n_items;
  iface->get_item = pd_open_selection_get_item;
}

static gboolean
pd_open_selection_is_selected (GtkSelectionModel *model,
                               guint              position)
{
  PdOpenSelection *self = PD_OPEN_SELECTION (model);
  g_autoptr(GObject) item = NULL;

  if (self->open_id == 0)
    return FALSE;
  item = g_list_model_get_item (self->model, position);
  return item != NULL && self->key_func (item) == self->open_id;
}

static void
pd_open_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = pd_open_selection_is_selected;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PdOpenSelection, pd_open_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pd_open_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      pd_open_selection_selection_model_init))

static void
on_items_changed_cb (PdOpenSelection *self,
                     guint            position,
                     guint            removed,
                     guint            added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
pd_open_selection_dispose (GObject *object)
{
  PdOpenSelection *self = PD_OPEN_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (pd_open_selection_parent_class)->dispose (object);
}

static void
pd_open_selection_class_init (PdOpenSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_open_selection_dispose;
}

static void
pd_open_selection_init (PdOpenSelection *self)
{
}

PdOpenSelection *
pd_open_selection_new (GListModel             *model,
                       PdOpenSelectionKeyFunc  key_func)
{
  PdOpenSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (key_func != NULL, NULL);

  self = g_object_new (PD_TYPE_OPEN_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->key_func = key_func;
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  return self;
}

/* Marks the row with @id as the open one, 0 for none. Only the rows on
 * show ask again whether they are selected. */
void
pd_open_selection_set_open_id (PdOpenSelection *self,
                               gint64           id)
{
  guint n;

  g_return_if_fail (PD_IS_OPEN_SELECTION (self));

  if (self->open_id == id)
    return;
  self->open_id = id;
  n = g_list_model_get_n_items (self->model);
  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n);
}

gint64
pd_open_selection_get_open_id (PdOpenSelection *self)
{
  g_return_val_if_fail (PD_IS_OPEN_SELECTION (self), 0);
  return self->open_id;
}
