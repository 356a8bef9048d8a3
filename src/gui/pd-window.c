/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-checkin-page.h"
#include "pd-data-export.h"
#include "pd-demo.h"
#include "pd-desk-lock.h"
#include "pd-failure-dialog.h"
#include "pd-help.h"
#include "pd-meetings-page.h"
#include "pd-members.h"
#include "pd-members-page.h"
#include "pd-message-dialog.h"
#include "pd-preferences-window.h"
#include "pd-reports-page.h"
#include "pd-volunteers-page.h"
#include "pd-window.h"

#define WELCOMED_KEY "welcomed"
#define N_SECTIONS 5

struct _PdWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkStack *stack;
  AdwStatusPage *welcome_page;
  AdwViewStack *sections;
  AdwViewSwitcherBar *switcher_bar;
  GtkWidget *offline_banner;
  GtkRevealer *backup_banner;
  GtkLabel *backup_banner_label;
  GtkButton *backup_banner_button;

  /* Borrowed */
  GtkWidget *checkin_page;
  GtkWidget *meetings_page;
  GtkWidget *members_page;
  GtkWidget *volunteers_page;
  GtkWidget *reports_page;
  GtkWidget *section_pages[N_SECTIONS];                 /* the five above, in order */
  AdwViewSwitcherTitle *switcher_titles[N_SECTIONS];    /* in each section's header bar */

  /* Owned */
  PdContext *context;
  PdDeskLock *desk_lock;
  gboolean closing;
  gboolean banner_opens_preferences;
};

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

/* The front desk's screen comes first; each section puts the cursor where
 * its work starts. */
static void
show_section (PdWindow   *self,
              const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, "main");
  adw_view_stack_set_visible_child_name (self->sections, name);
  if (g_str_equal (name, "checkin"))
    gtk_widget_activate_action (self->checkin_page, "checkin.search", NULL);
  else if (g_str_equal (name, "members"))
    gtk_widget_activate_action (self->members_page, "members.search", NULL);
  else if (g_str_equal (name, "volunteers"))
    gtk_widget_activate_action (self->volunteers_page, "volunteers.search", NULL);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0 &&
      adw_view_stack_get_child_by_name (self->sections, name) != NULL &&
      pd_desk_lock_may_show (self->desk_lock, name))
    show_section (self, name);
}

static void
show_members (PdWindow *self)
{
  PdDatabase *database = pd_context_get_database (self->context);
  g_autoptr(GError) error = NULL;

  /* Refused while another program writes, or in damaged records: the
   * welcome is only offered again next time. */
  if (!pd_database_set_meta (database, WELCOMED_KEY, "1", &error))
    g_debug ("Could not note that the welcome was seen: %s", error->message);
  show_section (self, "checkin");
}

static void
start_empty_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_members (PD_WINDOW (widget));
}

static void
load_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdDemoOptions options = { .n_members = 200, .seed = 1, .n_years = 2 };
  g_autoptr(GError) error = NULL;

  if (!pd_demo_fill (pd_context_get_database (self->context), &options, &error))
    {
      GtkWidget *dialog = pd_failure_dialog_new (GTK_WINDOW (self),
                                                 _("Could Not Load the Sample Members"), error);

      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  show_members (self);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  pd_data_export_start (GTK_WINDOW (self), pd_context_get_database (self->context));
}

/* Section switcher */

/* Each section's header bar has a switcher title: the switcher itself when
 * there is room for it, the section's title when not. */
static AdwViewSwitcherTitle *
find_switcher_title (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewSwitcherTitle *found;

      if (ADW_IS_VIEW_SWITCHER_TITLE (child))
        return ADW_VIEW_SWITCHER_TITLE (child);
      if ((found = find_switcher_title (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The bar at the bottom shows whenever the section on show has no switcher
 * in its header bar: too narrow for it, or its header bar hidden (a folded
 * list and detail showing the list). */
static void
update_switcher_bar (PdWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->sections);
  AdwViewSwitcherTitle *title = NULL;
  gboolean reveal;

  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->section_pages[i] == page)
      title = self->switcher_titles[i];
  reveal = title == NULL || !gtk_widget_get_mapped (GTK_WIDGET (title)) ||
           adw_view_switcher_title_get_title_visible (title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

static void
on_switcher_changed_cb (PdWindow *self)
{
  update_switcher_bar (self);
}

static void
label_switcher_buttons (GtkWidget    *widget,
                        AdwViewStack *sections)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!ADW_IS_VIEW_SWITCHER (child))
        {
          label_switcher_buttons (child, sections);
          continue;
        }

      /* The switcher's buttons stand in the order of the stack's pages. */
      for (GtkWidget *button = gtk_widget_get_first_child (child);
           button != NULL;
           button = gtk_widget_get_next_sibling (button))
        {
          g_autofree char *label = NULL;
          g_autofree char *name = NULL;
          AdwViewStackPage *page = NULL;
          g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (sections));
          guint badge;

          if (!GTK_IS_BUTTON (button))
            continue;
          g_object_get (button, "label", &label, NULL);
          for (guint i = 0; page == NULL && i < g_list_model_get_n_items (pages); i++)
            {
              g_autoptr(AdwViewStackPage) candidate = g_list_model_get_item (pages, i);

              if (g_strcmp0 (adw_view_stack_page_get_title (candidate), label) == 0)
                page = candidate;
            }
          if (page == NULL)
            continue;

          /* A screen reader hears the badge as part of the section's name. */
          badge = adw_view_stack_page_get_badge_number (page);
          if (badge > 0)
            /* Translators: a section of the window and the alerts waiting in it */
            name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u alert", "%s, %u alerts",
                                                 badge),
                                    label, badge);
          else
            name = g_strdup (label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          /* The button is also labelled by its own label, which would then be
           * read twice ("Members Members"). */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (button),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);

          /* The badge sits on the icon's top right corner: room beside the
           * icon keeps it from covering the icon, wider for more digits. */
          for (GtkWidget *box = gtk_widget_get_first_child (gtk_widget_get_first_child (button));
               box != NULL;
               box = gtk_widget_get_next_sibling (box))
            {
              GtkWidget *bin = gtk_widget_get_first_child (box);
              GtkWidget *icon = bin ? gtk_widget_get_last_child (bin) : NULL;

              if (GTK_IS_IMAGE (icon))
                gtk_widget_set_margin_end (icon, badge == 0 ? 0
                                                 : 14 + 7 * (badge > 9) + 7 * (badge > 99));
            }
        }
    }
}

static void
on_badge_changed_cb (PdWindow *self)
{
  label_switcher_buttons (GTK_WIDGET (self), self->sections);
}

/* Backups */

/* A warning across the window when the records are not safe: no good
 * backup for days, or the second folder's drive gone. */
static void
update_backup_banner (PdWindow *self)
{
  PdBackups *backups = pd_context_get_backups (self->context);
  gboolean damaged = pd_database_is_damaged (pd_context_get_database (self->context));
  gboolean overdue = pd_backups_get_overdue (backups) && !pd_backups_get_running (backups);
  gboolean missing = pd_backups_get_second_folder_missing (backups);
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;

  /* The shared records are backed up on their server, not by each desk. */
  if (pd_database_is_shared (pd_context_get_database (self->context)))
    {
      gtk_revealer_set_reveal_child (self->backup_banner, FALSE);
      return;
    }

  /* Nothing is saved to damaged records: a backup of them would fail its
   * check, and restoring one is what helps. */
  if (damaged)
    {
      text = g_strdup (_("The records are damaged, so nothing more is saved. Restore the newest "
                         "backup."));
      gtk_button_set_label (self->backup_banner_button, _("_Open Backups"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->backup_banner_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open the backups to restore one"), -1);
    }
  else if (overdue)
    {
      const char *error = pd_backups_get_last_error (backups);

      if (error != NULL)
        /* Translators: why the last backup failed */
        text = g_strdup_printf (_("The records are not backed up: %s"), error);
      else if (pd_backups_get_newest (backups) == NULL)
        text = g_strdup (_("The records have never been backed up."));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "No backup for more than %d day.",
                                             "No backup for more than %d days.",
                                             PD_BACKUPS_OVERDUE_DAYS),
                                PD_BACKUPS_OVERDUE_DAYS);
      gtk_button_set_label (self->backup_banner_button, _("_Back Up Now"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->backup_banner_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back up now"), -1);
    }
  else if (missing)
    {
      folder = pd_backups_dup_second_folder (backups);
      /* Translators: the second backup folder, on a USB drive or synced folder */
      text = g_strdup_printf (_("The second backup folder %s is missing: plug in its drive, or "
                                "choose another folder."), folder);
      gtk_button_set_label (self->backup_banner_button, _("_Open Preferences"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->backup_banner_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open the backup preferences"), -1);
    }
  if (text != NULL)
    gtk_label_set_text (self->backup_banner_label, text);
  self->banner_opens_preferences = damaged || !overdue;
  gtk_revealer_set_reveal_child (self->backup_banner, damaged || overdue || missing);
}

/* While the records server is out of reach, the window says so across
 * its top: what it shows stays, and each save is refused with the
 * server's reason until the core has connected again. */
static void
on_online_changed_cb (PdWindow *self)
{
  PdDatabase *database = pd_context_get_database (self->context);

  gtk_widget_set_visible (self->offline_banner, !pd_database_is_online (database));
}

static void
on_backups_changed_cb (PdWindow *self)
{
  update_backup_banner (self);
}

static void
on_banner_backup_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backups_back_up_finish (PD_BACKUPS (source), result, &error);

  if (path == NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Back Up"), error)));
}

static void
backup_banner_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdBackups *backups = pd_context_get_backups (self->context);

  if (self->banner_opens_preferences)
    {
      GtkWidget *preferences = pd_preferences_window_new (GTK_WINDOW (self), self->context);

      pd_preferences_window_show_backups (PD_PREFERENCES_WINDOW (preferences));
      gtk_window_present (GTK_WINDOW (preferences));
    }
  else if (!pd_backups_get_running (backups))
    pd_backups_back_up_async (backups, on_banner_backup_done_cb, g_object_ref (self));
}

static void
save_window_state (PdWindow *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
close_now (gpointer user_data)
{
  PdWindow *self = user_data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pd_window_close_request (GtkWindow *window)
{
  PdWindow *self = PD_WINDOW (window);

  /* A locked desk names no member, not even to ask about their changes:
   * whoever closes it may not be the one who made them. */
  if (!self->closing && !pd_desk_lock_get_locked (self->desk_lock) &&
      pd_members_page_get_has_unsaved_changes (PD_MEMBERS_PAGE (self->members_page)))
    {
      pd_members_page_confirm_discard (PD_MEMBERS_PAGE (self->members_page), close_now, self);
      return TRUE;
    }

  /* A check-in kept while another program was saving is not dropped. */
  if (!pd_checkin_page_save_waiting (PD_CHECKIN_PAGE (self->checkin_page)))
    {
      self->closing = FALSE;
      gtk_window_present (GTK_WINDOW (pd_message_dialog_new (GTK_WINDOW (self),
                                                            "pd-checkins-waiting-dialog.ui")));
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

/* What needs the context, which the constructor gives before this. */
static void
setup (PdWindow *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  PdDatabase *database = pd_context_get_database (self->context);
  g_autofree char *welcomed = NULL;
  AdwViewStackPage *page;
  GtkWidget **sections = self->section_pages;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->checkin_page = pd_checkin_page_new (self->context);
  self->meetings_page = pd_meetings_page_new (self->context);
  self->members_page = pd_members_page_new (self->context);
  self->volunteers_page = pd_volunteers_page_new (self->context);
  self->reports_page = pd_reports_page_new (self->context);
  sections[0] = self->checkin_page;
  sections[1] = self->meetings_page;
  sections[2] = self->members_page;
  sections[3] = self->volunteers_page;
  sections[4] = self->reports_page;
  adw_view_stack_add_titled_with_icon (self->sections, self->checkin_page, "checkin",
                                       _("Check-in"), "emblem-ok-symbolic");
  adw_view_stack_add_titled_with_icon (self->sections, self->meetings_page, "meetings",
                                       _("Meetings"), "x-office-calendar-symbolic");
  adw_view_stack_add_titled_with_icon (self->sections, self->members_page, "members",
                                       _("Members"), "system-users-symbolic");
  page = adw_view_stack_add_titled_with_icon (self->sections, self->volunteers_page, "volunteers",
                                              _("Volunteers"), "contact-new-symbolic");
  /* Credentials expiring and trainings due show as a badge on the section. */
  g_object_bind_property (self->volunteers_page, "n-alerts", page, "badge-number",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (page, "notify::badge-number", G_CALLBACK (on_badge_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_view_stack_add_titled_with_icon (self->sections, self->reports_page, "reports",
                                       _("Reports"), "x-office-spreadsheet-symbolic");

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      AdwViewSwitcherTitle *title = find_switcher_title (sections[i]);

      g_assert (title != NULL);
      adw_view_switcher_title_set_stack (title, self->sections);
      self->switcher_titles[i] = title;
      g_signal_connect_object (title, "notify::title-visible", G_CALLBACK (on_switcher_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (title, "map", G_CALLBACK (on_switcher_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (title, "unmap", G_CALLBACK (on_switcher_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->sections, "notify::visible-child",
                           G_CALLBACK (on_switcher_changed_cb), self, G_CONNECT_SWAPPED);
  label_switcher_buttons (GTK_WIDGET (self), self->sections);
  update_switcher_bar (self);

  g_signal_connect_object (pd_context_get_backups (self->context), "changed",
                           G_CALLBACK (on_backups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "damaged-changed",
                           G_CALLBACK (on_backups_changed_cb), self, G_CONNECT_SWAPPED);
  update_backup_banner (self);
  g_signal_connect_object (database, "online-changed",
                           G_CALLBACK (on_online_changed_cb), self, G_CONNECT_SWAPPED);
  on_online_changed_cb (self);

  if (pd_database_is_shared (database))
    adw_status_page_set_description (self->welcome_page,
                                     _("Your centre’s members, check-ins, meetings and "
                                       "volunteers, kept on the centre’s server and shared by "
                                       "its desks."));

  /* An empty database that nobody has started yet greets its first user. */
  welcomed = pd_database_get_meta (database, WELCOMED_KEY);
  if (welcomed == NULL && pd_members_count (database, NULL) == 0)
    gtk_stack_set_visible_child_name (self->stack, "welcome");
  else
    show_section (self, "checkin");

  /* Then, with sign-in on, only the sign-in view shows until someone signs in. */
  self->desk_lock = pd_desk_lock_new (ADW_APPLICATION_WINDOW (self), self->context, self->stack,
                                      self->sections);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = (PdWindow *)object;

  g_clear_object (&self->desk_lock);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WINDOW);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

static void
pd_window_finalize (GObject *object)
{
  PdWindow *self = (PdWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_window_parent_class)->finalize (object);
}

static void
pd_window_class_init (PdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pd_window_dispose;
  object_class->finalize = pd_window_finalize;
  window_class->close_request = pd_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/peerdesk/Peerdesk/pd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, backup_banner);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, backup_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, backup_banner_button);

  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, export_data_action);
  gtk_widget_class_install_action (widget_class, "win.backup-banner", NULL, backup_banner_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-section", "s", "checkin");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-section", "s", "meetings");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-section", "s", "members");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-section", "s", "volunteers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.show-section", "s", "reports");
}

static void
pd_window_init (PdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

PdWindow *
pd_window_new (PdApplication *application,
               PdContext     *context)
{
  PdWindow *self = g_object_new (PD_TYPE_WINDOW, "application", application, NULL);

  self->context = g_object_ref (context);
  setup (self);
  return self;
}

/* The page of section @name ("checkin", "meetings", "members",
 * "volunteers" or "reports"). */
GtkWidget *
pd_window_get_section (PdWindow   *self,
                       const char *name)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->sections, name);
}

/* The help page about what the window shows: F1 opens it. */
const char *
pd_window_get_help_page (PdWindow *self)
{
  static const PdHelpTopic topics[] = {
    /* The sign-in view of pd-desk-lock.c, then the sections. */
    { "sign-in", PD_HELP_STAFF_SIGN_IN },
    { "checkin", PD_HELP_CHECK_IN },
    { "meetings", PD_HELP_ATTENDANCE },
    { "members", PD_HELP_MEMBERS },
    { "volunteers", PD_HELP_VOLUNTEERS },
    { "reports", PD_HELP_REPORTS },
  };
  const char *shown;

  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  shown = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (shown, "main") == 0)
    shown = adw_view_stack_get_visible_child_name (self->sections);
  return pd_help_find_page (topics, G_N_ELEMENTS (topics), shown);
}

PdDeskLock *
pd_window_get_desk_lock (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return self->desk_lock;
}
