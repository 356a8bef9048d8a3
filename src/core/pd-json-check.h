/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep lists and objects may nest in a JSON file Peerdesk reads. An
 * export goes 3 deep (the file, a table, a row) and a template 3 (the
 * template, "initial", "domain_hours"); json-glib reads a value by
 * recursion, and some tens of thousands of brackets overflow its stack. */
#define PD_JSON_MAX_DEPTH 64

/* Checks JSON text before json-glib reads it, for what json-glib would
 * take that JSON does not allow, or that it would not survive:
 * - a comment ("//", "/ * … * /" or "#"), or any other character that is
 *   no part of JSON outside a string;
 * - lists and objects nested more than PD_JSON_MAX_DEPTH deep;
 * - "\u0000" in a string, which would cut the text short, and control
 *   characters not written as an escape;
 * - text that is not UTF-8.
 * Strings that do not end, and everything else, are left to json-glib.
 *
 * @text starts at @line and @column of the file @name (both from 1,
 * columns in bytes), @depth lists or objects deep, so that the message
 * names the place in the file: "NAME: not valid JSON: line 3, column 14:
 * …" (PD_ERROR_INVALID). */
gboolean pd_json_check_text (const char  *text,
                             gsize        length,
                             const char  *name,
                             guint64      line,
                             guint64      column,
                             guint        depth,
                             GError     **error);

/* What a JSON value is, for a message: "an object", "a string", … */
gboolean    pd_json_parse_error_position (const char  *message,
                                          guint64     *line,
                                          guint64     *column,
                                          const char **what);
const char *pd_json_node_kind    (JsonNode *node);

/* Inline, as an import asks it of every value. */
static inline gboolean
pd_json_node_is_type (JsonNode *node,
                      GType     type)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == type;
}

G_END_DECLS
