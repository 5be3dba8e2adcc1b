/* SPDX-License-Identifier: GPL-2.0 */
/* user-space stand-in: the C library's numbers, then kshim.h */
#include_next <linux/errno.h>
#include "../kshim.h"
