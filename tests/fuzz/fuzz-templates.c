/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz.h"
#include "pd-training.h"

/* Credential templates, as the app reads each file of the templates
 * folder. */

#define MAX_MESSAGE_CHARS 640

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PdCredentialTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = fuzz_write_input ("template.json", data, size);

  template = pd_credential_template_load (path, &error);
  fuzz_check_refusal (template != NULL, error, MAX_MESSAGE_CHARS);
  return 0;
}
