/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-error.h"

G_DEFINE_QUARK (pd-error-quark, pd_error)

/* Errors a person can fix by changing what they typed or which file they
 * named, as opposed to failures of the machine or of Peerdesk itself. */
gboolean
pd_error_is_users (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_OPTION_ERROR || error->domain == G_CONVERT_ERROR)
    return TRUE;
  return error->domain == PD_ERROR && error->code != PD_ERROR_FAILED;
}
