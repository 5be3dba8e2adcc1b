#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the KUnit results (KTAP) found in a kernel log.

    ktap-summary.py [--after MARK] [--counts FILE] LOG

Counts one result per test case (a parameterised case counts once, with
the result KUnit gives it).  Failures are: "not ok" cases, cases a suite
planned but never reported (the suite crashed or hung), suites that
started but never ended, suites whose own result is "not ok" although
all their cases passed, and suites the module announced but never
started.  No test at all is a failure too.  Skipped cases are counted
apart.

Prints one line per case ("ok suite.case" / "not ok suite.case" /
"skip suite.case"), then "kunit: P passed, F failed, S skipped".
--counts writes "passed=P failed=F skipped=S" to FILE.  Exit status 1 if
anything failed or nothing ran.
"""

import argparse
import re
import sys

TIMESTAMP = re.compile(r'^(<\d+>)?\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(not ok|ok) (\d+)(?: (.*?))?\s*(?:#\s*(.*))?$')
PLAN = re.compile(r'^1\.\.(\d+)$')
SUBTEST = re.compile(r'^# Subtest: (.*)$')


class Suite:
    def __init__(self, name):
        self.name = name
        self.plan = None
        self.cases = []          # (status, name); status ok/fail/skip
        self.result = None       # ok / fail / skip, from the suite line


def directive_is_skip(directive):
    return directive is not None and directive.strip().upper().startswith('SKIP')


def parse(lines):
    """Return (suites, top_plan).  Only indentation levels 0 (module),
    4 (suite) and 8+ (parameters, ignored) matter."""
    suites = []
    top_plan = 0
    cur = None
    for raw in lines:
        line = TIMESTAMP.sub('', raw.rstrip('\r\n'))
        stripped = line.lstrip(' ')
        indent = len(line) - len(stripped)
        stripped = stripped.rstrip()
        if indent == 0:
            m = PLAN.match(stripped)
            if m:
                top_plan += int(m.group(1))
                continue
            m = RESULT.match(stripped)
            if m and cur is not None:
                if directive_is_skip(m.group(4)):
                    cur.result = 'skip'
                else:
                    cur.result = 'ok' if m.group(1) == 'ok' else 'fail'
                cur = None
            continue
        if indent == 4:
            m = SUBTEST.match(stripped)
            if m:
                cur = Suite(m.group(1).strip())
                suites.append(cur)
                continue
            if cur is None:
                continue
            m = PLAN.match(stripped)
            if m:
                cur.plan = int(m.group(1))
                continue
            m = RESULT.match(stripped)
            if m:
                name = m.group(3) or ('case%s' % m.group(2))
                if directive_is_skip(m.group(4)):
                    status = 'skip'
                elif m.group(1) == 'ok':
                    status = 'ok'
                else:
                    status = 'fail'
                cur.cases.append((status, name))
    return suites, top_plan


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--after', help='only read the log after this marker')
    ap.add_argument('--counts', help='write passed=/failed=/skipped= here')
    ap.add_argument('log')
    args = ap.parse_args()

    with open(args.log, errors='replace') as f:
        lines = f.readlines()
    if args.after:
        for i, l in enumerate(lines):
            if args.after in l:
                lines = lines[i + 1:]
                break
        else:
            lines = []

    suites, top_plan = parse(lines)
    passed = failed = skipped = 0
    for s in suites:
        for status, name in s.cases:
            label = '%s.%s' % (s.name, name)
            if status == 'ok':
                passed += 1
                print('ok ' + label)
            elif status == 'skip':
                skipped += 1
                print('skip ' + label)
            else:
                failed += 1
                print('not ok ' + label)
        missing = (s.plan or 0) - len(s.cases)
        if missing > 0:
            failed += missing
            print('not ok %s: %d planned case(s) never reported (crash?)'
                  % (s.name, missing))
        if s.result is None:
            if missing <= 0:
                failed += 1
            print('not ok %s: the suite never finished' % s.name)
        elif s.result == 'fail' and all(st != 'fail' for st, _ in s.cases) \
                and missing <= 0:
            failed += 1
            print('not ok %s: the suite failed (init or exit)' % s.name)
    if top_plan > len(suites):
        failed += top_plan - len(suites)
        print('not ok %d suite(s) announced but never started'
              % (top_plan - len(suites)))
    if passed + failed + skipped == 0:
        failed = 1
        print('not ok no KUnit test found in %s' % args.log)

    print('kunit: %d passed, %d failed, %d skipped (%d suites)'
          % (passed, failed, skipped, len(suites)))
    if args.counts:
        with open(args.counts, 'w') as f:
            f.write('passed=%d failed=%d skipped=%d\n'
                    % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
