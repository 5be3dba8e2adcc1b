# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 6: TRANS2 replies: QUERY_PATH_INFORMATION,
# QUERY_FS_INFORMATION, FIND_FIRST2 and FIND_NEXT2.  Sections outside
# the frame, entries that do not fit, and searches that do not end give
# EIO; entries whose names no Linux directory can hold are skipped with
# a warning.  The hostile listings are those of dir/; the FIND
# scenarios share one mount, each in a directory of its own.  See
# tests/vm/hostile.sh.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start t2-doff-past-frame t2-poff-in-header t2-multipart t2-wc-9 \
	qpi-info-short qpi-root-file qfs-short qfs-unit-zero \
	"$(hs_by_path find-next-zero find-count-above find-next-short \
		find-next-past-data find-name-len-past find-name-len-into-next \
		find-params-short find-name-slash find-name-backslash \
		find-name-nul find-name-long find-name-long-utf8 \
		find-name-bad-utf16 find-name-odd-len find-name-dots \
		find-no-eos-empty find-no-eos-repeat find-no-eos-replay \
		find-no-eos-endless find-next-error)"

# the attributes of the share root, at mount time
t_mount_fails t2-doff-past-frame EIO 'cannot read the attributes of the share root: -5' \
	'malformed TRANS2 reply'
t_mount_fails t2-poff-in-header EIO 'cannot read the attributes of the share root: -5' \
	'malformed TRANS2 reply'
t_mount_fails t2-multipart EIO 'cannot read the attributes of the share root: -5' \
	'malformed TRANS2 reply'
t_mount_fails t2-wc-9 EIO 'cannot read the attributes of the share root: -5' \
	'malformed TRANS2 reply'
t_mount_fails qpi-info-short EIO 'cannot read the attributes of the share root: -5'
t_mount_fails qpi-root-file ENOTDIR 'the share root is not a directory'

# statfs
for s in qfs-short qfs-unit-zero; do
	hs_begin $s
	hs_mount
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do statfs "$SMB1FS_MNT"
		hs_expect_fails EIO
		[ $s = qfs-short ] ||
			hs_expect_kmsg 'server reports an implausible file system size'
	fi
	hs_end
done

hs_shared_mount

# entries: NextEntryOffset 0 ends the list, and so does the end of the
# data (SearchCount may be too large: impacket's is); one that points
# inside the entry or past the data, a name past its entry are malformed
t_ls find-next-zero dir "one.txt"
t_ls find-count-above dir "one.txt two.txt"
t_ls_fails find-next-short dir EIO
t_ls_fails find-next-past-data dir EIO
t_ls_fails find-name-len-past dir EIO
t_ls_fails find-name-len-into-next dir EIO
t_ls_fails find-params-short dir EIO

# names: skipped, the others listed
for s in find-name-slash find-name-backslash find-name-nul find-name-long \
	find-name-long-utf8 find-name-bad-utf16 find-name-odd-len; do
	t_ls $s dir "good1.txt good2.txt" \
		'skipping a directory entry with an unusable name'
done
t_ls find-name-dots dir "good1.txt good2.txt"

# searches that never end: an empty batch, the same entry again and
# again, the same batch again and again
t_ls_fails find-no-eos-empty dir EIO 'server returned an empty search batch without an end'
t_ls_fails find-no-eos-repeat dir EIO
t_ls_fails find-no-eos-replay dir EIO
# new entries without end: bounded only by a limit far away, but the
# lister can be killed at any time
hs_begin find-no-eos-endless
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 3 ls -f "$HS_DIR/dir"
	hs_check '[ "$HS_RC" = 137 ]' "ls was not killed (status $HS_RC)"
	hs_expect_fast 3
fi
hs_end
# "no more files" instead of EndOfSearch ends the listing
t_ls find-next-error dir "one.txt"

hs_finish
