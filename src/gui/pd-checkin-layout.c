/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-checkin-layout.h"

/* From this width the Today list stands beside the desk, below it under it. */
#define WIDE_WIDTH 720
#define TODAY_MAX_WIDTH 520

/* PdCheckinLayout lays out the desk and the Today list: side by side when
 * there is room, one above the other when not. GTK 4.8 has no breakpoints,
 * and a box that flipped its orientation on a size change would change its
 * own size request in the middle of an allocation; here the layout follows
 * from the width alone, in one pass. The children of its widget, in order:
 * the desk, a separator, the Today list. */
struct _PdCheckinLayout
{
  GtkLayoutManager parent_instance;

  /* One above the other, the desk takes all the room it can while it is
   * in use: the matches of a search, the newcomer's form. */
  gboolean desk_first;
};

G_DEFINE_FINAL_TYPE (PdCheckinLayout, pd_checkin_layout, GTK_TYPE_LAYOUT_MANAGER)

static gboolean
get_children (GtkWidget  *widget,
              GtkWidget **desk,
              GtkWidget **separator,
              GtkWidget **today)
{
  *desk = gtk_widget_get_first_child (widget);
  *separator = *desk ? gtk_widget_get_next_sibling (*desk) : NULL;
  *today = *separator ? gtk_widget_get_next_sibling (*separator) : NULL;
  return *today != NULL;
}

static int
min_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Whether the panes stand side by side at @width, and if so how wide each is. */
static gboolean
split (GtkWidget *desk,
       GtkWidget *today,
       int        width,
       int       *desk_width,
       int       *today_width)
{
  int desk_min = min_width (desk);
  int today_min = min_width (today);

  if (width < WIDE_WIDTH || width < desk_min + 1 + today_min)
    return FALSE;

  *today_width = CLAMP (width * 2 / 5, today_min, MAX (today_min, TODAY_MAX_WIDTH));
  *desk_width = width - 1 - *today_width;
  if (*desk_width < desk_min)
    {
      *desk_width = desk_min;
      *today_width = width - 1 - desk_min;
    }
  return TRUE;
}

static void
pd_checkin_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  GtkWidget *desk, *separator, *today;
  int desk_min, desk_nat, today_min, today_nat;
  int desk_width, today_width;

  *minimum = *natural = 0;
  if (!get_children (widget, &desk, &separator, &today))
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow, the panes share one column. */
      gtk_widget_measure (desk, orientation, -1, &desk_min, &desk_nat, NULL, NULL);
      gtk_widget_measure (today, orientation, -1, &today_min, &today_nat, NULL, NULL);
      *minimum = MAX (desk_min, today_min);
      *natural = MAX (*minimum, desk_nat + 1 + today_nat);
    }
  else if (for_size >= 0 && split (desk, today, for_size, &desk_width, &today_width))
    {
      gtk_widget_measure (desk, orientation, desk_width, &desk_min, &desk_nat, NULL, NULL);
      gtk_widget_measure (today, orientation, today_width, &today_min, &today_nat, NULL, NULL);
      *minimum = MAX (desk_min, today_min);
      *natural = MAX (desk_nat, today_nat);
    }
  else
    {
      gtk_widget_measure (desk, orientation, for_size, &desk_min, &desk_nat, NULL, NULL);
      gtk_widget_measure (today, orientation, for_size, &today_min, &today_nat, NULL, NULL);
      *minimum = desk_min + 1 + today_min;
      *natural = desk_nat + 1 + today_nat;
    }
}

static void
allocate_stacked (GtkWidget *desk,
                  GtkWidget *separator,
                  GtkWidget *today,
                  int        width,
                  int        desk_height,
                  int        today_height)
{
  gtk_widget_size_allocate (desk, &(GtkAllocation) { 0, 0, width, desk_height }, -1);
  gtk_widget_size_allocate (separator, &(GtkAllocation) { 0, desk_height, width, 1 }, -1);
  gtk_widget_size_allocate (today, &(GtkAllocation) { 0, desk_height + 1, width, today_height },
                            -1);
}

static void
pd_checkin_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  PdCheckinLayout *self = PD_CHECKIN_LAYOUT (manager);
  GtkWidget *desk, *separator, *today;
  int desk_width, today_width;
  int desk_min, today_min, desk_height, today_height;

  if (!get_children (widget, &desk, &separator, &today))
    return;

  if (split (desk, today, width, &desk_width, &today_width))
    {
      gtk_widget_size_allocate (desk, &(GtkAllocation) { 0, 0, desk_width, height }, -1);
      gtk_widget_size_allocate (separator, &(GtkAllocation) { desk_width, 0, 1, height }, -1);
      gtk_widget_size_allocate (today, &(GtkAllocation) { desk_width + 1, 0, today_width, height },
                                -1);
      return;
    }

  /* The desk takes a little more than half, the Today list the rest, each
   * at least what it needs; while the desk is in use, Today shrinks to
   * the least it needs. */
  gtk_widget_measure (desk, GTK_ORIENTATION_VERTICAL, width, &desk_min, NULL, NULL, NULL);
  gtk_widget_measure (today, GTK_ORIENTATION_VERTICAL, width, &today_min, NULL, NULL, NULL);
  if (self->desk_first)
    {
      /* Only Today's heading (and its counts) stays in sight: the rest of
       * the list is allocated below the bottom edge, where it is clipped. */
      GtkWidget *heading = gtk_widget_get_first_child (today);
      int heading_min = 0;

      if (heading != NULL)
        gtk_widget_measure (heading, GTK_ORIENTATION_VERTICAL, width, &heading_min, NULL, NULL,
                            NULL);
      desk_height = MAX (desk_min, height - 1 - heading_min);
      today_height = MAX (today_min, height - 1 - desk_height);
      allocate_stacked (desk, separator, today, width, desk_height, today_height);
      return;
    }
  desk_height = MAX (desk_min, (height - 1) * 11 / 20);
  today_height = height - 1 - desk_height;
  if (today_height < today_min)
    {
      today_height = today_min;
      desk_height = MAX (desk_min, height - 1 - today_height);
    }
  allocate_stacked (desk, separator, today, width, desk_height, today_height);
}

static GtkSizeRequestMode
pd_checkin_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pd_checkin_layout_class_init (PdCheckinLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = pd_checkin_layout_measure;
  layout_class->allocate = pd_checkin_layout_allocate;
  layout_class->get_request_mode = pd_checkin_layout_get_request_mode;
}

static void
pd_checkin_layout_init (PdCheckinLayout *self)
{
}

GtkLayoutManager *
pd_checkin_layout_new (void)
{
  return g_object_new (PD_TYPE_CHECKIN_LAYOUT, NULL);
}

/* Whether, one above the other, the desk takes all the room it can. Only
 * the children's places change, not the sizes asked for. */
void
pd_checkin_layout_set_desk_first (PdCheckinLayout *self,
                                  gboolean         desk_first)
{
  GtkWidget *widget;

  g_return_if_fail (PD_IS_CHECKIN_LAYOUT (self));

  desk_first = !!desk_first;
  if (self->desk_first == desk_first)
    return;
  self->desk_first = desk_first;
  widget = gtk_layout_manager_get_widget (GTK_LAYOUT_MANAGER (self));
  if (widget != NULL)
    gtk_widget_queue_allocate (widget);
}
