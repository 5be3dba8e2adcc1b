#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Checks of the user documentation, on the host (no VM):
#
# - every reStructuredText file of Documentation/ renders with docutils
#   (Debian: python3-docutils) without a warning: broken titles and
#   underlines, stray markup, unresolved references and unknown
#   directives all fail, and every message docutils gave is printed;
# - README.md and those files carry no merge-conflict markers;
# - the relative links of README.md name files of the tree.
#
# README.md is Markdown and is not rendered.  The manual pages are
# checked by "tests/tools/run.sh man".
#
#   docs.sh              all checks
#   docs.sh FILE.rst...  render only these files
#
# Prints TAP; exits 1 if a check failed (docutils missing counts as a
# failure).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
n=0
bad=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smb1fs-docs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	bad=$((bad + 1))
	echo "not ok $n - $*"
}

# show FILE: the file, indented, for a failure's diagnosis.
show() {
	sed 's/^/    #   /' "$1"
}

# The distribution's python first: a python of pyenv or a virtualenv
# earlier on PATH usually lacks the distribution's docutils.
find_python() {
	local py
	for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
		{ [ -n "$py" ] && [ -x "$py" ]; } || continue
		"$py" -c 'import docutils.core' 2>/dev/null || continue
		echo "$py"
		return 0
	done
	return 1
}

# render FILE: HTML to /dev/null; warnings and worse are reported (all
# of them: the run does not stop at the first) and fail the check.
render() {
	local f=$1 rel=${1#"$top"/} rc
	# publish_cmdline, not "python3 -m docutils" (docutils 0.18 and
	# later only); run from the top, so the messages name the file as
	# the test line does
	(cd "$top" && "$py" -c 'import sys
from docutils.core import publish_cmdline
publish_cmdline(writer_name="html", argv=sys.argv[1:])' \
		--report=warning --halt=none --exit-status=warning \
		--no-file-insertion --no-raw --input-encoding=utf-8 \
		--output-encoding=utf-8 --traceback \
		"$rel" /dev/null) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; then
		ok "docutils renders $rel without warnings"
	else
		not_ok "docutils renders $rel (exit status $rc):"
		show "$tmp/err"
	fi
}

if [ $# -gt 0 ]; then
	files=("$@")
else
	files=("$top"/Documentation/*.rst)
fi

if py=$(find_python); then
	for f in "${files[@]}"; do
		case "$f" in /*) ;; *) f=$PWD/$f ;; esac
		if [ -f "$f" ]; then
			render "$f"
		else
			not_ok "$f exists"
		fi
	done
else
	not_ok "docutils is installed (python3 -c 'import docutils'): apt-get install python3-docutils"
fi

if [ $# = 0 ]; then
	# conflict markers: <<<<<<< and >>>>>>> anywhere; a lone =======
	# only in Markdown (in reST it is a title line, which docutils judges)
	for f in "$top/README.md" "${files[@]}"; do
		rel=${f#"$top"/}
		re='^(<<<<<<<|>>>>>>>)( |$)'
		case "$f" in *.md) re='^(<<<<<<<|>>>>>>>)( |$)|^=======$' ;; esac
		if grep -n -E "$re" "$f" >"$tmp/markers"; then
			not_ok "$rel has no merge-conflict markers:"
			show "$tmp/markers"
		else
			ok "$rel has no merge-conflict markers"
		fi
	done

	# [text](target) of README.md, not URLs or anchors: the file exists
	: >"$tmp/missing"
	grep -o -E '\]\([^)#]+' "$top/README.md" | sed 's/^](//' | sort -u |
	while IFS= read -r target; do
		case "$target" in
		*://* | mailto:*) continue ;;
		esac
		[ -e "$top/$target" ] || echo "$target" >>"$tmp/missing"
	done
	if [ -s "$tmp/missing" ]; then
		not_ok "README.md links only to files of the tree; missing:"
		show "$tmp/missing"
	else
		ok "README.md links only to files of the tree"
	fi
fi

echo "1..$n"
echo "# $((n - bad)) of $n passed"
[ "$bad" = 0 ]
