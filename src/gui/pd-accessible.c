/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-accessible.h"

/* Names that GTK 4.8 and libadwaita 1.2 leave out or say twice, so that a
 * screen reader has one name to speak for every control a person can Tab
 * to. tests/test-accessibility.c walks each section to keep it so. */

static GtkWidget *
find_label (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = GTK_IS_LABEL (c) ? c : find_label (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_activatable_widget_of_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget;
}

/* GTK 4.8 gives a button with a mnemonic its label as written ("_Save") and
 * also labels it by the label inside, so it is read "_Save Save". The name
 * becomes the label as shown, unless the template gave a name of its own;
 * a row's title that names the button as its activatable widget stays
 * after it. GTK has no getter for an accessible property but the one of
 * its test API, which only compares. */
static void
fix_mnemonic (GtkWidget *button)
{
  GtkWidget *label = find_label (button);
  g_autofree char *other = NULL;

  if (label == NULL || !gtk_label_get_use_underline (GTK_LABEL (label)))
    return;
  other = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              gtk_label_get_label (GTK_LABEL (label)));
  if (other == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (label)), -1);
  if (!is_activatable_widget_of_row (button))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
on_button_label_changed_cb (GtkWidget  *button,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  fix_mnemonic (button);
}

/* The items of a drop-down's list are read by the label they show. Items
 * are made when the list is first shown and keep their label when bound
 * to another choice. */
static void
label_items (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (c));
      GtkWidget *label;

      if (role == GTK_ACCESSIBLE_ROLE_LIST_ITEM && (label = find_label (c)) != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        label, NULL, -1);
      else
        label_items (c);
    }
}

static void
on_popover_show_cb (GtkWidget *popover,
                    gpointer   user_data)
{
  label_items (popover);
}

static void
fix_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      g_signal_connect (c, "show", G_CALLBACK (on_popover_show_cb), NULL);
    else
      fix_popover (c);
}

/* GTK 4.8 focuses the button inside a drop-down, which has no name of its
 * own: it takes the drop-down's accessible label. */
static void
fix_drop_down (GtkWidget *drop_down)
{
  GtkWidget *button = gtk_widget_get_first_child (drop_down);

  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    drop_down, NULL, -1);
  fix_popover (drop_down);
}

/* A status page scrolls its text in a scrolled window that takes the focus
 * when nothing inside can: one more Tab stop that says nothing. */
static void
fix_status_page (GtkWidget *page)
{
  for (GtkWidget *c = gtk_widget_get_first_child (page); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_SCROLLED_WINDOW (c))
      gtk_widget_set_focusable (c, FALSE);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  g_autofree char *other = NULL;

  if (text == NULL)
    return FALSE;
  other = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return other == NULL;
}

/* libadwaita 1.2 labels a row by its title, and the widget the row
 * activates too; a label property that says the title again would be
 * read twice. The label property stays: it names the field alone while
 * the title also shows an error. */
static void
fix_row (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GtkWidget *activatable = ADW_IS_ACTION_ROW (row)
                           ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;

  if (has_label (row, title))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (activatable != NULL && has_label (activatable, title))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (activatable),
                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* libadwaita 1.2 leaves some of its icon buttons without a name: the one
 * that shows a password entry row's text, and a toast's close button. */
static void
name_icon_buttons (GtkWidget  *widget,
                   const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c) && find_label (c) == NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    else
      name_icon_buttons (c, label);
}

/**
 * pd_accessible_fix_names:
 * @root: a widget, usually a template just initialised
 *
 * Gives what @root holds the names GTK leaves out or doubles: buttons with
 * mnemonics (now and whenever their label changes), drop-downs and their
 * lists, combo rows' lists; and takes status pages' scrollers out of the
 * Tab chain.
 */
void
pd_accessible_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_DROP_DOWN (root))
    {
      fix_drop_down (root);
      return;
    }
  if (ADW_IS_PREFERENCES_ROW (root))
    fix_row (root);
  if (ADW_IS_COMBO_ROW (root))
    fix_popover (root);
  else if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    name_icon_buttons (root, _("Show or Hide Text"));
  else if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), "AdwToastWidget") == 0)
    name_icon_buttons (root, _("Dismiss"));
  else if (ADW_IS_STATUS_PAGE (root))
    fix_status_page (root);
  else if ((GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root)) &&
           g_object_get_data (G_OBJECT (root), "pd-accessible-fixed") == NULL)
    {
      /* Templates hold templates: each is fixed once. */
      g_object_set_data (G_OBJECT (root), "pd-accessible-fixed", GINT_TO_POINTER (TRUE));
      fix_mnemonic (root);
      g_signal_connect (root, "notify::label", G_CALLBACK (on_button_label_changed_cb), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (on_button_label_changed_cb),
                        NULL);
      g_signal_connect (root, "notify::child", G_CALLBACK (on_button_label_changed_cb), NULL);
    }

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    pd_accessible_fix_names (c);
}

/**
 * pd_accessible_set_list_item_label:
 * @item: a bound list item
 * @label: the name a screen reader says for its row
 *
 * Names the row that shows @item. GTK 4.8 has no accessible label for a
 * list item; the row widget is the parent of the item's child.
 */
void
pd_accessible_set_list_item_label (GtkListItem *item,
                                   const char  *label)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *row = child != NULL ? gtk_widget_get_parent (child) : NULL;

  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
}
