/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The small forms of the volunteer's page, each a modal window that writes
 * its record when its main button is pressed and then closes. */
#include "pd-completion-dialog.h"
#include "pd-course-dialog.h"
#include "pd-credential-dialog.h"
#include "pd-supervision-dialog.h"
