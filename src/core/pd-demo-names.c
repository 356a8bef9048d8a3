/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pd-demo-private.h"
#include "pd-demo-resources.h"
#include "pd-error.h"

/* The demo's names are data files (data/demo) compiled into the core: one
 * name a line, as "Name" or "Name|Nickname", in the order the demo picks
 * them by index, so a seed makes the same people as long as the files are
 * the same. */
#define DEMO_RESOURCE_PATH "/org/peerdesk/Peerdesk/demo/"

/* The letters of a name as they are written without accents. Ł, Ø and
 * Đ do not decompose, so they are spelled out. */
static char *
plain_name (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }

      switch (c)
        {
        case 0x0141: g_string_append_c (out, 'L'); break;      /* Ł */
        case 0x0142: g_string_append_c (out, 'l'); break;      /* ł */
        case 0x00D8: g_string_append_c (out, 'O'); break;      /* Ø */
        case 0x00F8: g_string_append_c (out, 'o'); break;      /* ø */
        case 0x0110: g_string_append_c (out, 'D'); break;      /* Đ */
        case 0x0111: g_string_append_c (out, 'd'); break;      /* đ */
        case 0x0131: g_string_append_c (out, 'i'); break;      /* ı */
        case 0x00DF: g_string_append (out, "ss"); break;       /* ß */
        case 0x02BB: g_string_append_c (out, '\''); break;     /* ʻokina */
        default: g_string_append_unichar (out, c); break;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
ascii_name (const char *text)
{
  g_autofree char *plain = plain_name (text);
  GString *out = g_string_sized_new (strlen (plain));

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/* Reads the names of @resource, a file name in data/demo without its
 * ".txt". */
gboolean
pd_demo_name_list_load (PdDemoNameList  *list,
                        const char      *resource,
                        GError         **error)
{
  g_autofree char *path = g_strconcat (DEMO_RESOURCE_PATH, resource, ".txt", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (pd_demo_data_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, "demo names “%s”: ", resource);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  lines = g_strsplit (g_strchomp (text), "\n", -1);

  list->n = g_strv_length (lines);
  list->names = g_new0 (PdDemoName, list->n);
  for (guint i = 0; i < list->n; i++)
    {
      PdDemoName *name = &list->names[i];
      const char *bar = strchr (lines[i], '|');

      if (bar != NULL)
        {
          name->name = g_strndup (lines[i], bar - lines[i]);
          name->nickname = g_strdup (bar + 1);
        }
      else
        name->name = g_strdup (lines[i]);
      name->plain = plain_name (name->name);
      name->ascii = ascii_name (name->name);

      /* An email address is made from it, and must not start with "@". */
      if (*name->ascii == '\0')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       "demo names “%s”, line %u: “%s” has no letter for an email address",
                       resource, i + 1, lines[i]);
          return FALSE;
        }
    }
  return TRUE;
}

void
pd_demo_name_list_clear (PdDemoNameList *list)
{
  for (guint i = 0; i < list->n; i++)
    {
      g_free (list->names[i].name);
      g_free (list->names[i].nickname);
      g_free (list->names[i].plain);
      g_free (list->names[i].ascii);
    }
  g_clear_pointer (&list->names, g_free);
  list->n = 0;
}
