# SPDX-License-Identifier: GPL-2.0
# Bad mount options are refused before anything is mounted, and the reason
# reaches the user: util-linux 2.39 and later print the fs_context message,
# older versions point to the kernel log, where it carries "smb1fs:".
module_load

# bad_option OPTIONS WORD: mount -o OPTIONS must fail and its message must
# name WORD.
bad_option() {
	local opts=$1 word=$2 mark msg

	mark=$(kmsg_mark)
	check_fails mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" -o "$opts" ||
		return
	msg=$RUN_OUT
	dmesg_since "$mark" >"dmesg.txt"
	echo "kernel log:"
	sed 's/^/  /' dmesg.txt

	if grep -q "$word" <<<"$msg"; then
		echo "mount printed the reason"
	else
		check_grep "smb1fs:.*$word" dmesg.txt
	fi
	check_no_grep '[[:space:]]smb1fs[[:space:]]' /proc/mounts
	check_kernel_clean "$mark"
}

bad_option "username=u,password=p,bogus=1" bogus
bad_option "username=u,password=p,port=notanumber" port
bad_option "username=u,password=p,iocharset=nosuch" iocharset
