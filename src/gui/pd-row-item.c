/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-row-item.h"

/* One row of a list box bound to a GListStore (gtk_list_box_bind_model()):
 * the id of what the row shows, its text, and a style word that the list's
 * own row factory reads ("cancelled", "archived", "more", "error", …). The
 * row widgets are made from the items, so that what a row stands for is
 * read from the model, never from the widget. */
struct _PdRowItem
{
  GObject parent_instance;

  /* Owned */
  gint64 id;
  char *title;
  char *subtitle;
  char *style;
};

G_DEFINE_FINAL_TYPE (PdRowItem, pd_row_item, G_TYPE_OBJECT)

static void
pd_row_item_finalize (GObject *object)
{
  PdRowItem *self = (PdRowItem *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->style, g_free);

  G_OBJECT_CLASS (pd_row_item_parent_class)->finalize (object);
}

static void
pd_row_item_class_init (PdRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_row_item_finalize;
}

static void
pd_row_item_init (PdRowItem *self)
{
}

/* @id is 0 for a row that stands for nothing to open, such as a hint. */
PdRowItem *
pd_row_item_new (gint64      id,
                 const char *title,
                 const char *subtitle,
                 const char *style)
{
  PdRowItem *self = g_object_new (PD_TYPE_ROW_ITEM, NULL);

  self->id = id;
  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle ? subtitle : "");
  self->style = g_strdup (style);
  return self;
}

gint64
pd_row_item_get_id (PdRowItem *self)
{
  g_return_val_if_fail (PD_IS_ROW_ITEM (self), 0);
  return self->id;
}

const char *
pd_row_item_get_title (PdRowItem *self)
{
  g_return_val_if_fail (PD_IS_ROW_ITEM (self), NULL);
  return self->title;
}

const char *
pd_row_item_get_subtitle (PdRowItem *self)
{
  g_return_val_if_fail (PD_IS_ROW_ITEM (self), NULL);
  return self->subtitle;
}

/* The style word, or NULL for a plain row. */
const char *
pd_row_item_get_style (PdRowItem *self)
{
  g_return_val_if_fail (PD_IS_ROW_ITEM (self), NULL);
  return self->style;
}

/* The id of the item at @position of @model, a list of PdRowItem; 0 if
 * there is none. */
gint64
pd_row_item_list_get_id (GListModel *model,
                         guint       position)
{
  g_autoptr(PdRowItem) item = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), 0);

  item = g_list_model_get_item (model, position);
  return item != NULL ? item->id : 0;
}

/* Where the first item of @model with @id is. */
gboolean
pd_row_item_list_find (GListModel *model,
                       gint64      id,
                       guint      *position)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), FALSE);

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    if (pd_row_item_list_get_id (model, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}
