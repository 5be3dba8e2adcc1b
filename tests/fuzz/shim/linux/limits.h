/* SPDX-License-Identifier: GPL-2.0 */
/* user-space stand-in: the C library's limits, then kshim.h */
#include_next <linux/limits.h>
#include "../kshim.h"
