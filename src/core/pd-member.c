/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-member.h"
#include "pd-tables.h"
#include "pd-text.h"

struct _PdMember
{
  GObject parent_instance;

  gint64 id;
  char *values[PD_MEMBER_N_FIELDS];
  gint64 version;       /* as read; 0 for a member not read from a database */
  char *updated_by;
};

G_DEFINE_FINAL_TYPE (PdMember, pd_member, G_TYPE_OBJECT)

/* The columns of the members table after the id, in field order. */
static const PdFieldInfo *
fields (void)
{
  return pd_tables_get_members ()->columns + 1;
}

const PdFieldInfo *
pd_member_field_info (PdMemberField field)
{
  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, NULL);
  return &fields ()[field];
}

gboolean
pd_member_field_from_name (const char    *name,
                           PdMemberField *field)
{
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (g_strcmp0 (fields ()[i].name, name) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
pd_code_is_data_quality (const char *code)
{
  return pd_code_label (pd_data_quality_codes (), code) != NULL;
}

const char *
pd_code_label (const PdCode *codes,
               const char   *code)
{
  for (guint i = 0; codes && codes[i].code; i++)
    if (g_strcmp0 (codes[i].code, code) == 0)
      return codes[i].label;
  return NULL;
}

static gint
code_index (const PdCode *codes,
            const char   *code)
{
  for (guint i = 0; codes[i].code; i++)
    if (strcmp (codes[i].code, code) == 0)
      return i;
  return -1;
}

/* The codes of a list, "a, b, c", for messages that say what is allowed. */
char *
pd_codes_list (const PdCode *codes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; codes[i].code != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", codes[i].code);
  return g_string_free (s, FALSE);
}

static gboolean
parse_flag (const char *value,
            gboolean   *flag)
{
  static const char *yes[] = { "1", "yes", "y", "true", NULL };
  static const char *no[] = { "0", "no", "n", "false", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      return (*flag = TRUE);
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      {
        *flag = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* The canonical form of @value, trimmed already, which it takes: either
 * @value itself or a new string. */
static char *
normalize_trimmed (const PdFieldInfo *info,
                   char              *value)
{
  g_autofree char *trimmed = value;

  switch (info->kind)
    {
    case PD_FIELD_FLAG:
      {
        gboolean flag;

        if (parse_flag (trimmed, &flag))
          return g_strdup (flag ? "1" : "0");
        break;
      }

    case PD_FIELD_NUMBER:
      return g_ascii_strup (trimmed, -1);

    case PD_FIELD_CODE:
      return g_ascii_strdown (trimmed, -1);

    case PD_FIELD_CODE_SET:
      {
        g_auto(GStrv) parts = g_strsplit (trimmed, ";", -1);
        g_autofree gboolean *seen = NULL;
        GString *out;
        guint n = 0;

        while (info->codes[n].code)
          n++;
        seen = g_new0 (gboolean, n);

        for (guint i = 0; parts[i]; i++)
          {
            g_autofree char *code = g_ascii_strdown (g_strstrip (parts[i]), -1);
            gint idx;

            if (*code == '\0')
              continue;
            idx = code_index (info->codes, code);
            if (idx < 0)
              return g_steal_pointer (&trimmed);
            seen[idx] = TRUE;
          }

        out = g_string_new (NULL);
        for (guint i = 0; i < n; i++)
          if (seen[i])
            g_string_append_printf (out, "%s%s", out->len ? ";" : "", info->codes[i].code);
        return g_string_free (out, FALSE);
      }

    case PD_FIELD_TEXT:
    case PD_FIELD_DATE:
    case PD_FIELD_PARTIAL_DATE:
    case PD_FIELD_PHONE:
    case PD_FIELD_EMAIL:
    case PD_FIELD_TIMESTAMP:
    default:
      break;
    }

  return g_steal_pointer (&trimmed);
}

/* The canonical form of a value as people type it: trimmed, flags as 1/0,
 * code sets in the order of their list. Values that cannot be understood
 * are returned trimmed, for pd_member_validate_value() to name. */
char *
pd_member_normalize_value (PdMemberField  field,
                           const char    *value)
{
  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, NULL);

  return normalize_trimmed (&fields ()[field], g_strstrip (g_strdup (value ? value : "")));
}

/* Puts every value of @self in its canonical form, as
 * pd_member_normalize_value() gives it; trimmed in place, as most values
 * need nothing more, which spares a copy of each when many members are
 * written. */
void
pd_member_normalize (PdMember *self)
{
  g_return_if_fail (PD_IS_MEMBER (self));

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (self->values[i] != NULL)
      self->values[i] = normalize_trimmed (&fields ()[i], g_strstrip (self->values[i]));
}

/* @today is today's date once worked out, as the dates of a member are
 * checked together. */
static gboolean
validate_date (const char  *value,
               gboolean     partial,
               char       **today,
               GError     **error)
{
  int y, m, d;

  if (!pd_date_parse_partial (value, &y, &m, &d) || (!partial && d == 0))
    {
      g_autofree char *shown = pd_text_excerpt (value, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   partial ? _("“%s” is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
                           : _("“%s” is not a date (YYYY-MM-DD)"),
                   shown);
      return FALSE;
    }

  /* Comparing the text works because both are zero-padded ISO dates; a
   * month/year date is compared by its month alone, a year by its year. */
  if (*today == NULL)
    *today = pd_date_today ();
  if (strncmp (value, *today, strlen (value)) > 0)
    {
      g_autofree char *shown = pd_text_excerpt (value, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is in the future"), shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_phone (const char  *value,
                GError     **error)
{
  g_autofree char *excerpt = NULL;
  guint digits = 0;

  for (const char *p = value; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" +-().", *p))
        {
          excerpt = pd_text_excerpt (value, -1);
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is not a phone number: only digits, spaces and + - ( ) . are allowed"),
                       excerpt);
          return FALSE;
        }
    }

  if (digits < 7 || digits > 15)
    {
      excerpt = pd_text_excerpt (value, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a phone number: it needs 7 to 15 digits"), excerpt);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_email (const char  *value,
                GError     **error)
{
  const char *at = strchr (value, '@');
  const char *dot;
  g_autofree char *excerpt = NULL;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL || strpbrk (value, " \t,;<>"))
    goto bad;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    goto bad;
  return TRUE;

bad:
  excerpt = pd_text_excerpt (value, -1);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” is not an email address (name@example.org)"), excerpt);
  return FALSE;
}

static gboolean
validate_value (PdMemberField   field,
                const char     *value,
                char          **today,
                GError        **error)
{
  const PdFieldInfo *info = &fields ()[field];

  if (value == NULL)
    value = "";

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("the text is not valid UTF-8"));
      return FALSE;
    }

  if (*value == '\0')
    {
      if (info->required)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("this is required"));
          return FALSE;
        }
      return TRUE;
    }

  switch (info->kind)
    {
    case PD_FIELD_TEXT:
      if (pd_text_is_blank (value) && info->required)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("this is required"));
          return FALSE;
        }
      if (info->max > 0 && g_utf8_strlen (value, -1) > info->max)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("the text is too long"));
          return FALSE;
        }
      return TRUE;

    case PD_FIELD_NUMBER:
      {
        gsize len = strlen (value);
        gboolean ok = len >= 8 && len <= 12 && value[0] == 'M' && value[1] == '-';

        for (gsize i = 2; ok && i < len; i++)
          ok = g_ascii_isdigit (value[i]);
        if (!ok)
          {
            g_autofree char *excerpt = pd_text_excerpt (value, -1);

            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("“%s” is not a member number (M- and six or more digits, as M-000123)"),
                         excerpt);
            return FALSE;
          }
        return TRUE;
      }

    case PD_FIELD_DATE:
      return validate_date (value, FALSE, today, error);

    case PD_FIELD_PARTIAL_DATE:
      return validate_date (value, TRUE, today, error);

    case PD_FIELD_PHONE:
      return validate_phone (value, error);

    case PD_FIELD_EMAIL:
      return validate_email (value, error);

    case PD_FIELD_FLAG:
      if (strcmp (value, "1") != 0 && strcmp (value, "0") != 0)
        {
          g_autofree char *excerpt = pd_text_excerpt (value, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is not yes or no"), excerpt);
          return FALSE;
        }
      return TRUE;

    case PD_FIELD_CODE:
      if (code_index (info->codes, value) < 0)
        {
          g_autofree char *known = pd_codes_list (info->codes);
          g_autofree char *excerpt = pd_text_excerpt (value, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is not a known code (one of: %s)"), excerpt, known);
          return FALSE;
        }
      return TRUE;

    case PD_FIELD_CODE_SET:
      {
        g_auto(GStrv) parts = g_strsplit (value, ";", -1);
        guint n = g_strv_length (parts);

        for (guint i = 0; i < n; i++)
          {
            if (code_index (info->codes, parts[i]) < 0)
              {
                g_autofree char *known = pd_codes_list (info->codes);
                g_autofree char *excerpt = pd_text_excerpt (parts[i], -1);

                g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                             _("“%s” is not a known code (one or more of: %s, separated by ;)"),
                             excerpt, known);
                return FALSE;
              }
            if (n > 1 && pd_code_is_data_quality (parts[i]))
              {
                g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                             _("“%s” cannot be combined with other answers"), parts[i]);
                return FALSE;
              }
          }
        return TRUE;
      }

    case PD_FIELD_TIMESTAMP:
    default:
      return TRUE;
    }
}

/* @value must be normalized already. The message names what is wrong with
 * the value; callers add where it was (a row and column, or a form field). */
gboolean
pd_member_validate_value (PdMemberField   field,
                          const char     *value,
                          GError        **error)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, FALSE);

  return validate_value (field, value, &today, error);
}

static void
pd_member_finalize (GObject *object)
{
  PdMember *self = (PdMember *)object;

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    g_free (self->values[i]);
  g_free (self->updated_by);

  G_OBJECT_CLASS (pd_member_parent_class)->finalize (object);
}

static void
pd_member_class_init (PdMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_member_finalize;
}

static void
pd_member_init (PdMember *self)
{
}

/* A new member with the defaults a front desk expects: active, joined
 * today, demographics "not collected" until asked. */
PdMember *
pd_member_new (void)
{
  PdMember *self = g_object_new (PD_TYPE_MEMBER, NULL);

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    self->values[i] = g_strdup (fields ()[i].default_value ? fields ()[i].default_value : "");
  g_free (self->values[PD_MEMBER_FIELD_JOINED_DATE]);
  self->values[PD_MEMBER_FIELD_JOINED_DATE] = pd_date_today ();

  return self;
}

PdMember *
pd_member_copy (PdMember *self)
{
  PdMember *copy;

  g_return_val_if_fail (PD_IS_MEMBER (self), NULL);

  copy = g_object_new (PD_TYPE_MEMBER, NULL);
  copy->id = self->id;
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    copy->values[i] = g_strdup (self->values[i]);
  copy->version = self->version;
  copy->updated_by = g_strdup (self->updated_by);
  return copy;
}

/* How many times the member was saved when it was read: a save of a
 * member read at an older version finds another desk's save in its way
 * (PD_ERROR_CONFLICT). 0 for a member not read from a database. */
gint64
pd_member_get_version (PdMember *self)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), 0);
  return self->version;
}

void
pd_member_set_version (PdMember *self,
                       gint64    version)
{
  g_return_if_fail (PD_IS_MEMBER (self));
  self->version = version;
}

/* Who saved the member last: the staff member signed in, or the desk; ""
 * when not known. */
const char *
pd_member_get_updated_by (PdMember *self)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), "");
  return self->updated_by ? self->updated_by : "";
}

void
pd_member_set_updated_by (PdMember   *self,
                          const char *updated_by)
{
  g_return_if_fail (PD_IS_MEMBER (self));
  g_free (self->updated_by);
  self->updated_by = g_strdup (updated_by);
}

gint64
pd_member_get_id (PdMember *self)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), 0);
  return self->id;
}

void
pd_member_set_id (PdMember *self,
                  gint64    id)
{
  g_return_if_fail (PD_IS_MEMBER (self));
  self->id = id;
}

const char *
pd_member_get (PdMember      *self,
               PdMemberField  field)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), NULL);
  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, NULL);

  return self->values[field] ? self->values[field] : "";
}

void
pd_member_set (PdMember      *self,
               PdMemberField  field,
               const char    *value)
{
  g_return_if_fail (PD_IS_MEMBER (self));
  g_return_if_fail (field < PD_MEMBER_N_FIELDS);

  g_free (self->values[field]);
  self->values[field] = g_strdup (value ? value : "");
}

gboolean
pd_member_get_flag (PdMember      *self,
                    PdMemberField  field)
{
  return g_strcmp0 (pd_member_get (self, field), "1") == 0;
}

void
pd_member_withhold (PdMember      *self,
                    PdMemberField  field)
{
  g_return_if_fail (PD_IS_MEMBER (self));
  g_return_if_fail (field < PD_MEMBER_N_FIELDS);

  g_clear_pointer (&self->values[field], g_free);
}

gboolean
pd_member_is_withheld (PdMember      *self,
                       PdMemberField  field)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), FALSE);
  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, FALSE);

  return self->values[field] == NULL;
}

gboolean
pd_member_is_active (PdMember *self)
{
  return g_strcmp0 (pd_member_get (self, PD_MEMBER_FIELD_STATUS), "inactive") != 0;
}

/* The name people use: the preferred name if there is one, then the last
 * name. */
/* An erased member keeps only its number, which stands in for the first
 * name the table requires (see pd-member-erase.h). */
gboolean
pd_member_is_erased (PdMember *self)
{
  g_return_val_if_fail (PD_IS_MEMBER (self), FALSE);

  return *pd_member_get (self, PD_MEMBER_FIELD_NUMBER) != '\0' &&
         *pd_member_get (self, PD_MEMBER_FIELD_LAST_NAME) == '\0' &&
         *pd_member_get (self, PD_MEMBER_FIELD_PREFERRED_NAME) == '\0' &&
         g_str_equal (pd_member_get (self, PD_MEMBER_FIELD_FIRST_NAME),
                      pd_member_get (self, PD_MEMBER_FIELD_NUMBER));
}

char *
pd_member_dup_display_name (PdMember *self)
{
  const char *first, *last;

  g_return_val_if_fail (PD_IS_MEMBER (self), NULL);

  if (pd_member_is_erased (self))
    /* Translators: %s is a member number, M-000123 */
    return g_strdup_printf (_("Erased member %s"), pd_member_get (self, PD_MEMBER_FIELD_NUMBER));

  first = pd_member_get (self, PD_MEMBER_FIELD_PREFERRED_NAME);
  if (*first == '\0')
    first = pd_member_get (self, PD_MEMBER_FIELD_FIRST_NAME);
  last = pd_member_get (self, PD_MEMBER_FIELD_LAST_NAME);

  if (*last == '\0')
    return g_strdup (first);
  return g_strdup_printf ("%s %s", first, last);
}

/* Checks every field, and names the first one that is wrong by its label. */
gboolean
pd_member_validate (PdMember  *self,
                    GError   **error)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (PD_IS_MEMBER (self), FALSE);

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* A withheld value is not the caller's: it stays as stored. */
      if (self->values[i] == NULL)
        continue;
      if (!validate_value (i, self->values[i], &today, &local_error))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s: %s",
                       _(fields ()[i].label), local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pd_member_equal (PdMember *a,
                 PdMember *b)
{
  g_return_val_if_fail (PD_IS_MEMBER (a) && PD_IS_MEMBER (b), FALSE);

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (g_strcmp0 (pd_member_get (a, i), pd_member_get (b, i)) != 0)
      return FALSE;
  return TRUE;
}
