# SPDX-License-Identifier: GPL-2.0
# smb1fs is listed in /proc/filesystems (as a nodev file system) exactly
# while the module is loaded.
module_load
assert_grep '^nodev[[:space:]]+smb1fs$' /proc/filesystems
module_unload
assert_no_grep '[[:space:]]smb1fs$' /proc/filesystems
module_load
assert_grep '^nodev[[:space:]]+smb1fs$' /proc/filesystems
