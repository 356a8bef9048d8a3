/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a column holds. The kind says how a value is checked and how it is
 * written to JSON: flags as true or false, ids, references and whole
 * numbers as numbers, everything else as strings. Members' fields keep
 * every value as text in its canonical form (dates as YYYY-MM-DD, flags as
 * "1"/"0", code sets as "a;b"). */
typedef enum
{
  PD_FIELD_TEXT,          /* any text; with required, text that is not blank */
  PD_FIELD_NUMBER,        /* the member number, M-000123 */
  PD_FIELD_DATE,          /* YYYY-MM-DD (a member's, not in the future); with optional, or "" */
  PD_FIELD_PARTIAL_DATE,  /* YYYY-MM-DD, YYYY-MM or YYYY, not in the future */
  PD_FIELD_PHONE,
  PD_FIELD_EMAIL,
  PD_FIELD_FLAG,          /* "1" or "0" */
  PD_FIELD_CODE,          /* one code of a code list */
  PD_FIELD_CODE_SET,      /* one or more codes of a list, or one data-quality answer */
  PD_FIELD_TIMESTAMP,     /* YYYY-MM-DDTHH:MM:SSZ, set by the database, not by people */
  PD_FIELD_ID,            /* the row's id, 1 or more */
  PD_FIELD_REF,           /* the id of a row of another table; with optional, or null */
  PD_FIELD_INTEGER,       /* a whole number from min to max */
  PD_FIELD_CLOCK,         /* HH:MM or "" */
  PD_FIELD_LOCAL_MINUTE,  /* YYYY-MM-DDTHH:MM, local */
  PD_FIELD_LOCAL_SECOND,  /* YYYY-MM-DDTHH:MM:SS, local */
} PdFieldKind;

typedef struct
{
  const char *code;
  const char *label;      /* translatable, marked with N_() */
} PdCode;

/* How a column's values are kept in a row read from a file, and written to
 * JSON. */
typedef enum
{
  PD_VALUE_TEXT,          /* a string */
  PD_VALUE_INTEGER,       /* a whole number */
  PD_VALUE_FLAG,          /* true or false, 1 or 0 in the database */
} PdValueType;

/* One column of a table: the one description that storage, validation,
 * JSON and CSV read. */
typedef struct
{
  const char    *name;          /* database column, JSON key and CSV header */
  const char    *label;         /* translatable, marked with N_(); NULL if no form shows it */
  PdFieldKind    kind;
  gboolean       required;      /* text that may not be blank */
  const PdCode  *codes;         /* NULL-terminated, for PD_FIELD_CODE and PD_FIELD_CODE_SET */
  const char    *default_value;
  gboolean       optional;      /* a reference that may be null, a date that may be "" */
  const char    *references;    /* PD_FIELD_REF: the table referred to */
  gint64         min;           /* PD_FIELD_INTEGER: the smallest value */
  gint64         max;           /* PD_FIELD_INTEGER: the largest; text: the most characters */
  const PdCode *(*code_list) (void);  /* codes kept by the file that owns the records */
  gint64         since_format;  /* the export format that brought the column: a file of an
                                 * older one leaves it out, and it takes "" */
} PdColumn;

/* A value of a row as read from a file: a whole number (flags as 1 or 0),
 * a text, or null. */
typedef struct
{
  gboolean    is_null;
  gint64      number;
  const char *text;
} PdValue;

typedef struct _PdTable PdTable;

/* Checks a row with the project's own validator for such records, which
 * knows rules that span columns. */
typedef gboolean (*PdRowCheck) (const PdTable  *table,
                                const PdValue  *values,
                                GError        **error);

struct _PdTable
{
  const char     *name;
  const PdColumn *columns;
  guint           n_columns;
  const char     *key;          /* the primary key, which the rows are ordered by */
  const char     *where;        /* the rows exported, or NULL for all */
  const char     *changed;      /* for pd_database_notify_changed () */
  gboolean        seeded;       /* filled by a new database, and replaced by an import */
  PdRowCheck      check;
};

/* The most columns a table has. */
#define PD_TABLE_MAX_COLUMNS 32

const PdCode   *pd_column_get_codes   (const PdColumn *column);
PdValueType     pd_column_value_type  (const PdColumn *column);

int             pd_table_find_column  (const PdTable  *table,
                                       const char     *name);
const PdValue  *pd_table_value        (const PdTable  *table,
                                       const PdValue  *values,
                                       const char     *name);
char           *pd_table_column_list  (const PdTable  *table,
                                       guint           first);
char           *pd_table_select_sql   (const PdTable  *table);
char           *pd_table_insert_sql   (const PdTable  *table,
                                       guint           first,
                                       const char     *const *extra);
char           *pd_table_update_sql   (const PdTable  *table,
                                       guint           first,
                                       const char     *const *extra);

/* PostgreSQL's text form of an array, {"a",NULL,"c"}, bound as one value
 * and cast to an array type, so that one statement writes many rows: made
 * with pd_sql_array_new(), a value at a time, then pd_sql_array_end(). */
GString        *pd_sql_array_new            (void);
void            pd_sql_array_append_text    (GString        *array,
                                             const char     *text);
void            pd_sql_array_append_int64   (GString        *array,
                                             gint64          value);
const char     *pd_sql_array_end            (GString        *array);

G_END_DECLS
