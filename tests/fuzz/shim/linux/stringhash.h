/* SPDX-License-Identifier: GPL-2.0 */
/* user-space stand-in: see kshim.h */
#include "../kshim.h"
