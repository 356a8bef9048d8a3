/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A period of days that a report covers, from its first day to its last,
 * both included. A month, quarter or year is the whole of one; a custom
 * period is any run of days. */

typedef enum
{
  PD_PERIOD_MONTH,
  PD_PERIOD_QUARTER,
  PD_PERIOD_YEAR,
  PD_PERIOD_CUSTOM,
} PdPeriodKind;

typedef struct
{
  PdPeriodKind kind;
  GDate        first;
  GDate        last;
} PdPeriod;

#define PD_TYPE_PERIOD (pd_period_get_type ())

GType       pd_period_get_type        (void) G_GNUC_CONST;
PdPeriod   *pd_period_new             (PdPeriodKind     kind,
                                       const GDate     *first,
                                       const GDate     *last);
PdPeriod   *pd_period_new_from_iso    (const char      *first,
                                       const char      *last,
                                       GError         **error);
PdPeriod   *pd_period_copy            (const PdPeriod  *period);
void        pd_period_free            (PdPeriod        *period);
void        pd_period_init            (PdPeriod        *period,
                                       PdPeriodKind     kind,
                                       const GDate     *first,
                                       const GDate     *last);
gboolean    pd_period_equal           (const PdPeriod  *a,
                                       const PdPeriod  *b);
guint       pd_period_kind_get_months (PdPeriodKind     kind);
void        pd_period_step            (PdPeriod        *period,
                                       int              direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPeriod, pd_period_free)

G_END_DECLS
