/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-install-dirs.h"
#include "pd-json-check.h"
#include "pd-text.h"
#include "pd-training-private.h"
#include "pd-volunteers.h"

/* Credential templates: the JSON files that say what earning and renewing
 * a credential takes, read and checked apart from any database. */

#define MAX_TEMPLATE_CODE_LENGTH 64
#define MAX_TEMPLATE_HOURS 100000
#define TEMPLATE_FORMAT 1

/* The domains migration 3 seeds. A template may name only these: it is
 * read before, and apart from, any database, and a misspelt code is better
 * refused when the file is read than silently never counted. */
static const char * const builtin_domains[] = {
  "advocacy",
  "mentoring_education",
  "recovery_wellness",
  "ethics",
  "confidentiality",
  "naloxone",
  "bloodborne_pathogens",
  "cultural_responsiveness",
  "trauma_informed",
  "other",
  NULL
};

void
pd_credential_template_free (PdCredentialTemplate *template)
{
  if (template == NULL)
    return;
  g_free (template->code);
  g_free (template->name);
  g_free (template->issuing_body);
  g_clear_pointer (&template->initial.domain_quarters, g_hash_table_unref);
  g_clear_pointer (&template->renewal.domain_quarters, g_hash_table_unref);
  g_free (template);
}

typedef struct
{
  const char  *name;
  GError     **error;
} Reader;

static void template_error (Reader     *reader,
                            const char *path,
                            const char *format,
                            ...) G_GNUC_PRINTF (3, 4);

static void
template_error (Reader     *reader,
                const char *path,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (reader->error, PD_ERROR, PD_ERROR_INVALID, "%s: %s: %s",
                 reader->name, path, message);
  else
    g_set_error (reader->error, PD_ERROR, PD_ERROR_INVALID, "%s: %s", reader->name, message);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
join_path (const char *path,
           const char *key)
{
  return path != NULL ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* Refuses any key of @object not in @known, naming the first. */
static gboolean
check_keys (Reader             *reader,
            JsonObject         *object,
            const char         *path,
            const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (known, key))
        {
          g_autofree char *shown = pd_text_excerpt (key, -1);
          g_autofree char *key_path = join_path (path, shown);
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          template_error (reader, key_path, _("unknown key (the keys here are %s)"), list);
          return FALSE;
        }
    }
  return TRUE;
}

/* The member @key of @object; NULL, with an error if it is @required, if
 * it is missing. */
static JsonNode *
get_member (Reader      *reader,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    {
      g_autofree char *key_path = join_path (path, key);

      template_error (reader, key_path, _("this key is missing"));
    }
  return node;
}

static gboolean
read_text (Reader      *reader,
           JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean     required,
           char       **value)
{
  g_autofree char *key_path = join_path (path, key);
  JsonNode *node = get_member (reader, object, path, key, required);
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      *value = g_strdup ("");
      return !required;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      template_error (reader, key_path, _("expected a string, got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  text = pd_training_trimmed (json_node_get_string (node));
  if (required && *text == '\0')
    {
      template_error (reader, key_path, _("expected a string, got an empty one"));
      return FALSE;
    }
  *value = g_steal_pointer (&text);
  return TRUE;
}

/* Reads hours in quarter-hour steps, 0 or more. */
static gboolean
read_hours (Reader      *reader,
            JsonNode    *node,
            const char  *path,
            guint       *quarters)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  double hours, steps;

  if (!node_is_number (node))
    {
      template_error (reader, path, _("expected a number of hours, got %s"),
                      pd_json_node_kind (node));
      return FALSE;
    }
  hours = json_node_get_double (node);
  g_ascii_formatd (number, sizeof number, "%g", hours);
  if (!isfinite (hours) || hours < 0)
    {
      template_error (reader, path, _("expected a number of hours, 0 or more, got %s"), number);
      return FALSE;
    }
  if (hours > MAX_TEMPLATE_HOURS)
    {
      template_error (reader, path, _("%s hours is more than %d"), number, MAX_TEMPLATE_HOURS);
      return FALSE;
    }
  steps = hours * 4;
  if (fabs (steps - round (steps)) > 1e-9)
    {
      template_error (reader, path, _("%s hours is not in steps of a quarter hour (0.25)"),
                      number);
      return FALSE;
    }
  *quarters = (guint) round (steps);
  return TRUE;
}

static gboolean
read_optional_hours (Reader      *reader,
                     JsonObject  *object,
                     const char  *path,
                     const char  *key,
                     guint       *quarters)
{
  g_autofree char *key_path = join_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  *quarters = 0;
  return node == NULL || read_hours (reader, node, key_path, quarters);
}

static gboolean
read_requirements (Reader          *reader,
                   JsonObject      *parent,
                   const char      *key,
                   PdRequirements  *requirements)
{
  static const char * const keys[] = {
    "total_hours", "domain_hours", "practice_hours", "supervised_hours", NULL
  };
  JsonNode *node = get_member (reader, parent, NULL, key, TRUE);
  g_autofree char *total_path = NULL;
  JsonObject *object;
  JsonNode *domains;

  requirements->domain_quarters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      template_error (reader, key, _("expected an object ({ … }), got %s"),
                      pd_json_node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_keys (reader, object, key, keys))
    return FALSE;

  total_path = join_path (key, "total_hours");
  node = get_member (reader, object, key, "total_hours", TRUE);
  if (node == NULL || !read_hours (reader, node, total_path, &requirements->total_quarters))
    return FALSE;
  if (!read_optional_hours (reader, object, key, "practice_hours",
                            &requirements->practice_quarters) ||
      !read_optional_hours (reader, object, key, "supervised_hours",
                            &requirements->supervised_quarters))
    return FALSE;

  domains = json_object_get_member (object, "domain_hours");
  if (domains != NULL)
    {
      g_autofree char *domains_path = join_path (key, "domain_hours");
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (domains))
        {
          template_error (reader, domains_path, _("expected an object ({ … }), got %s"),
                          pd_json_node_kind (domains));
          return FALSE;
        }
      members = json_object_get_members (json_node_get_object (domains));
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *code = l->data;
          g_autofree char *domain_path = join_path (domains_path, code);
          JsonNode *hours = json_object_get_member (json_node_get_object (domains), code);
          char total[G_ASCII_DTOSTR_BUF_SIZE];
          guint quarters;

          if (!g_strv_contains (builtin_domains, code))
            {
              g_autofree char *list = g_strjoinv (", ", (char **) builtin_domains);
              g_autofree char *shown = pd_text_excerpt (code, -1);
              g_autofree char *shown_path = join_path (domains_path, shown);

              template_error (reader, shown_path,
                              _("unknown training domain (the domains are %s)"), list);
              return FALSE;
            }
          if (!read_hours (reader, hours, domain_path, &quarters))
            return FALSE;
          if (quarters == 0)
            {
              template_error (reader, domain_path,
                              _("expected more than 0 hours: leave out a domain with none"));
              return FALSE;
            }
          if (quarters > requirements->total_quarters)
            {
              g_autofree char *have = pd_hours_format (quarters);

              g_ascii_formatd (total, sizeof total, "%g", requirements->total_quarters / 4.0);
              template_error (reader, domain_path, _("%s hours is more than %s’s %s hours"),
                              have, total_path, total);
              return FALSE;
            }
          g_hash_table_insert (requirements->domain_quarters, g_strdup (code),
                               GUINT_TO_POINTER (quarters));
        }
    }
  return TRUE;
}

static gboolean
is_template_code (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > MAX_TEMPLATE_CODE_LENGTH || code[0] == '-')
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_template (Reader               *reader,
               JsonObject           *root,
               PdCredentialTemplate *template)
{
  static const char * const keys[] = {
    "format", "code", "name", "issuing_body", "renewal_cycle_months", "multi_domain_courses",
    "initial", "renewal", NULL
  };
  g_autofree char *counting = NULL;
  JsonNode *node;
  double number;

  if (!check_keys (reader, root, NULL, keys))
    return FALSE;

  node = get_member (reader, root, NULL, "format", TRUE);
  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      template_error (reader, "format", _("expected a number, got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  number = json_node_get_double (node);
  if (number > TEMPLATE_FORMAT && number == floor (number))
    {
      template_error (reader, "format",
                      _("the template is in format %.0f, newer than this version of Peerdesk "
                        "reads (%d)"),
                      number, TEMPLATE_FORMAT);
      return FALSE;
    }
  if (number != TEMPLATE_FORMAT)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%g", number);
      template_error (reader, "format", _("%s is not a template format (%d)"), text,
                      TEMPLATE_FORMAT);
      return FALSE;
    }

  if (!read_text (reader, root, NULL, "code", TRUE, &template->code))
    return FALSE;
  if (!is_template_code (template->code))
    {
      g_autofree char *excerpt = pd_text_excerpt (template->code, -1);

      template_error (reader, "code",
                      _("“%s” is not a template code (lower-case letters, digits and -)"),
                      excerpt);
      return FALSE;
    }
  if (!read_text (reader, root, NULL, "name", TRUE, &template->name) ||
      !read_text (reader, root, NULL, "issuing_body", FALSE, &template->issuing_body))
    return FALSE;

  node = get_member (reader, root, NULL, "renewal_cycle_months", TRUE);
  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      template_error (reader, "renewal_cycle_months",
                      _("expected a whole number of months, got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  number = json_node_get_double (node);
  if (number != floor (number) || number < 1 || number > PD_CREDENTIAL_MAX_CYCLE_MONTHS)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%g", number);
      template_error (reader, "renewal_cycle_months",
                      _("expected a whole number of months from 1 to %d, got %s"),
                      PD_CREDENTIAL_MAX_CYCLE_MONTHS, text);
      return FALSE;
    }
  template->renewal_cycle_months = (guint) number;

  node = get_member (reader, root, NULL, "multi_domain_courses", TRUE);
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      template_error (reader, "multi_domain_courses",
                      _("expected \"split\" or \"full\", got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  counting = g_strdup (json_node_get_string (node));
  if (!g_str_equal (counting, "split") && !g_str_equal (counting, "full"))
    {
      g_autofree char *excerpt = pd_text_excerpt (counting, -1);

      template_error (reader, "multi_domain_courses",
                      _("expected \"split\" or \"full\", got “%s”"), excerpt);
      return FALSE;
    }
  template->split_multi_domain = g_str_equal (counting, "split");

  return read_requirements (reader, root, "initial", &template->initial) &&
         read_requirements (reader, root, "renewal", &template->renewal);
}

/* A person editing the file is better told "line 2, column 7: unexpected
 * …" than json-glib's own words. NULL if they do not say where. */
static char *
json_error_position (const char *message)
{
  guint64 line, column;
  const char *what;

  if (!pd_json_parse_error_position (message, &line, &column, &what))
    return NULL;
  return g_strdup_printf (_("line %" PRIu64 ", column %" PRIu64 ": %s"), line, column, what);
}

PdCredentialTemplate *
pd_credential_template_parse (const char  *json,
                              gssize       length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PdCredentialTemplate) template = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader reader = { name ? name : _("template"), error };
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);
  if (!pd_json_check_text (json, length, reader.name, 1, 1, 0, error))
    return NULL;
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_autofree char *where = json_error_position (local_error->message);

      template_error (&reader, NULL, _("not valid JSON: %s"),
                      where ? where : local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      template_error (&reader, NULL, _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      template_error (&reader, NULL, _("expected an object ({ … }), got %s"),
                      pd_json_node_kind (root));
      return NULL;
    }

  template = g_new0 (PdCredentialTemplate, 1);
  if (!read_template (&reader, json_node_get_object (root), template))
    return NULL;
  return g_steal_pointer (&template);
}

static void
set_read_error (GError     **error,
                const char  *display,
                int          saved_errno)
{
  g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display,
               g_strerror (saved_errno));
}

/* All of @path, which must be a file of at most PD_TEMPLATE_MAX_SIZE
 * bytes: a larger one is refused before it is read, and no more than that
 * is read of one that grows meanwhile. */
static char *
read_template_file (const char  *path,
                    const char  *display,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  struct stat info;
  gsize size = 0;
  int fd;

  /* Not blocking: a pipe named *.json would wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_read_error (error, display, errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      set_read_error (error, display, errno);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: not a file"), display);
      close (fd);
      return NULL;
    }
  if (info.st_size > PD_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than the %d KiB a template may have"),
                   display, PD_TEMPLATE_MAX_SIZE / 1024);
      close (fd);
      return NULL;
    }

  /* One byte more than the most a template holds tells a file that grew. */
  contents = g_malloc (PD_TEMPLATE_MAX_SIZE + 2);
  while (size <= PD_TEMPLATE_MAX_SIZE)
    {
      gssize n = read (fd, contents + size, PD_TEMPLATE_MAX_SIZE + 1 - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, display, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += n;
    }
  close (fd);
  if (size > PD_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than the %d KiB a template may have"),
                   display, PD_TEMPLATE_MAX_SIZE / 1024);
      return NULL;
    }
  contents[size] = '\0';
  *length = size;
  return g_steal_pointer (&contents);
}

PdCredentialTemplate *
pd_credential_template_load (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  contents = read_template_file (path, display, &length, error);
  if (contents == NULL)
    return NULL;
  return pd_credential_template_parse (contents, length, display, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  const PdCredentialTemplate *ta = *(PdCredentialTemplate * const *) a;
  const PdCredentialTemplate *tb = *(PdCredentialTemplate * const *) b;

  return strcmp (ta->code, tb->code);
}

GPtrArray *
pd_credential_templates_load_all (const char  *dir,
                                  GError     **error)
{
  g_autoptr(GPtrArray) templates =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_credential_template_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  GDir *handle;
  const char *entry;

  g_return_val_if_fail (dir != NULL, NULL);

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_IO, local_error->message);
      return NULL;
    }
  /* Editors' back-up and lock files start with a dot. */
  while ((entry = g_dir_read_name (handle)) != NULL)
    if (entry[0] != '.' && g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strdup (entry));
  g_dir_close (handle);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      PdCredentialTemplate *template = pd_credential_template_load (path, error);
      const char *other;

      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);

      other = g_hash_table_lookup (files, template->code);
      if (other != NULL)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: code: “%s” is already the code of %s"),
                       display, template->code, other);
          return NULL;
        }
      g_hash_table_insert (files, template->code, g_ptr_array_index (names, i));
    }

  g_ptr_array_sort (templates, compare_templates);
  return g_steal_pointer (&templates);
}

const PdCredentialTemplate *
pd_credential_templates_find (GPtrArray  *templates,
                              const char *code)
{
  g_return_val_if_fail (templates != NULL, NULL);

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      if (g_str_equal (template->code, code))
        return template;
    }
  return NULL;
}

const char *
pd_credential_templates_dir (void)
{
  static char *installed;
  const char *dir = g_getenv ("PEERDESK_TEMPLATES_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;

  if (g_once_init_enter (&installed))
    {
      char *found = g_build_filename (pd_install_dir_pkgdata (), "credentials", NULL);

      if (!g_file_test (found, G_FILE_TEST_IS_DIR))
        g_clear_pointer (&found, g_free);
      g_once_init_leave (&installed, found != NULL ? found : g_strdup (""));
    }
  if (*installed != '\0')
    return installed;
  return PD_SOURCE_DATADIR "/credentials";
}
