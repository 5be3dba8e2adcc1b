# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 3: SESSION_SETUP_ANDX and TREE_CONNECT_ANDX
# replies.  Parameter blocks of the wrong size and a service string that
# is missing, unterminated or too long fail the mount with a message; the
# strings we do not use (native OS, LAN Manager, domain, file system) may
# be anything.  See tests/vm/hostile.sh.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start sess-wc-2 sess-wc-5 sess-blob-past-data sess-bc-0 sess-bc-1 \
	sess-str-unterminated sess-str-misaligned sess-str-long \
	tcon-wc-4 tcon-bc-0 tcon-bc-1 tcon-service-unterminated \
	tcon-service-long tcon-service-ipc tcon-fs-misaligned reset-after-tcon

t_mount_fails sess-wc-2 EIO 'malformed session setup reply'
t_mount_fails sess-wc-5 EIO 'malformed session setup reply'
t_mount_fails sess-blob-past-data EIO 'malformed session setup reply'
t_mount_ok sess-bc-0
t_mount_ok sess-bc-1
t_mount_ok sess-str-unterminated
t_mount_ok sess-str-misaligned
t_mount_ok sess-str-long

t_mount_fails tcon-wc-4 EIO 'malformed tree connect reply'
t_mount_fails tcon-bc-0 EIO 'malformed tree connect reply'
t_mount_fails tcon-bc-1 EIO 'malformed tree connect reply'
t_mount_fails tcon-service-unterminated EIO 'malformed tree connect reply'
t_mount_fails tcon-service-long EIO 'malformed tree connect reply'
t_mount_fails tcon-service-ipc ENOTDIR 'share .*share is not a disk share \(IPC\)'
t_mount_ok tcon-fs-misaligned

# the link breaks right after the tree connect
t_mount_fails reset-after-tcon ECONNRESET 'cannot read the attributes of the share root: -104'

hs_finish
