/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pd-table.h"

G_BEGIN_DECLS

/* The fields of a member, in the order they appear in CSV files and in the
 * database. Every value is kept as text in its canonical form (dates as
 * YYYY-MM-DD, flags as "1"/"0", code sets as "a;b"), so that one table drives
 * validation, storage, JSON, CSV and the form alike. */
typedef enum
{
  PD_MEMBER_FIELD_NUMBER,
  PD_MEMBER_FIELD_FIRST_NAME,
  PD_MEMBER_FIELD_LAST_NAME,
  PD_MEMBER_FIELD_PREFERRED_NAME,
  PD_MEMBER_FIELD_PRONOUNS,
  PD_MEMBER_FIELD_BIRTH_DATE,
  PD_MEMBER_FIELD_PHONE,
  PD_MEMBER_FIELD_EMAIL,
  PD_MEMBER_FIELD_EMERGENCY_NAME,
  PD_MEMBER_FIELD_EMERGENCY_PHONE,
  PD_MEMBER_FIELD_JOINED_DATE,
  PD_MEMBER_FIELD_STATUS,
  PD_MEMBER_FIELD_GENDER,
  PD_MEMBER_FIELD_RACE,
  PD_MEMBER_FIELD_ETHNICITY,
  PD_MEMBER_FIELD_VETERAN,
  PD_MEMBER_FIELD_HOUSING,
  PD_MEMBER_FIELD_JUSTICE,
  PD_MEMBER_FIELD_MAY_CONTACT,
  PD_MEMBER_FIELD_REPORT_CONSENT,
  PD_MEMBER_FIELD_NOTES,
  PD_MEMBER_FIELD_CREATED_AT,
  PD_MEMBER_FIELD_UPDATED_AT,
  PD_MEMBER_N_FIELDS
} PdMemberField;

/* A member field's description: its column of the members table
 * (pd_tables_get_members()). */
typedef PdColumn PdFieldInfo;

#define PD_TYPE_MEMBER (pd_member_get_type ())

G_DECLARE_FINAL_TYPE (PdMember, pd_member, PD, MEMBER, GObject)

const PdFieldInfo *pd_member_field_info        (PdMemberField  field);
gboolean           pd_member_field_from_name   (const char    *name,
                                                PdMemberField *field);
const PdCode      *pd_data_quality_codes       (void);
gboolean           pd_code_is_data_quality     (const char    *code);
const char        *pd_code_label               (const PdCode  *codes,
                                                const char    *code);
char              *pd_codes_list               (const PdCode  *codes);

char              *pd_member_normalize_value   (PdMemberField  field,
                                                const char    *value);
void               pd_member_normalize         (PdMember      *self);
gboolean           pd_member_validate_value    (PdMemberField  field,
                                                const char    *value,
                                                GError       **error);

PdMember          *pd_member_new               (void);
PdMember          *pd_member_copy              (PdMember      *self);
gint64             pd_member_get_id            (PdMember      *self);
void               pd_member_set_id            (PdMember      *self,
                                                gint64         id);
gint64             pd_member_get_version       (PdMember      *self);
void               pd_member_set_version       (PdMember      *self,
                                                gint64         version);
const char        *pd_member_get_updated_by    (PdMember      *self);
void               pd_member_set_updated_by    (PdMember      *self,
                                                const char    *updated_by);
const char        *pd_member_get               (PdMember      *self,
                                                PdMemberField  field);
void               pd_member_set               (PdMember      *self,
                                                PdMemberField  field,
                                                const char    *value);
gboolean           pd_member_get_flag          (PdMember      *self,
                                                PdMemberField  field);
/* A field a read left out (confidential notes, or details the role may not
 * see) reads as "" and is kept as stored by pd_members_update(). */
void               pd_member_withhold          (PdMember      *self,
                                                PdMemberField  field);
gboolean           pd_member_is_withheld       (PdMember      *self,
                                                PdMemberField  field);
gboolean           pd_member_is_active         (PdMember      *self);
gboolean           pd_member_is_erased         (PdMember      *self);
char              *pd_member_dup_display_name  (PdMember      *self);
gboolean           pd_member_validate          (PdMember      *self,
                                                GError       **error);
gboolean           pd_member_equal             (PdMember      *a,
                                                PdMember      *b);

G_END_DECLS
