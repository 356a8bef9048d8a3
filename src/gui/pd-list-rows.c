/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-list-rows.h"

/* The rows the sections' sidebars share. */

/**
 * pd_list_rows_new_two_lines:
 *
 * The content of a list view's row: a name over a dimmed detail, as the
 * Members and Volunteers lists show them. GTK 4.8 list views make some
 * 200 rows up front whatever the window shows, so a row is kept cheap:
 * two GtkInscriptions, which skip the text measuring labels do, and no
 * avatar. The name is the box's first child and the detail its last.
 *
 * Returns: (transfer floating): the row's box
 */
GtkWidget *
pd_list_rows_new_two_lines (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_inscription_new (NULL);
  GtkWidget *detail = gtk_inscription_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (name),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (detail),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  return box;
}

/**
 * pd_list_rows_setup_two_lines:
 *
 * A list item factory's "setup" handler that gives each row
 * pd_list_rows_new_two_lines() as its content.
 */
void
pd_list_rows_setup_two_lines (GtkSignalListItemFactory *factory,
                              GtkListItem              *item)
{
  gtk_list_item_set_child (item, pd_list_rows_new_two_lines ());
}

/**
 * pd_list_rows_new_more:
 * @text: what is left out and how to find it ("153 more groups: type a name…")
 *
 * The last row of a list box that shows only the first of its records.
 * It cannot be chosen; a screen reader reads @text.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
pd_list_rows_new_more (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}
