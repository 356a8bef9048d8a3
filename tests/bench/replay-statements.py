# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads a PostgreSQL server log written with log_min_duration_statement = 0 on standard input
# and writes the statements it ran, in order, as a psql script: prepared statements with their
# parameters put in as the literals the log gives, simple ones as they are. tests/bench/engines
# uses it to time psql running the same queries as Peerdesk.
import re
import sys

ENTRY = re.compile(r'^\S+ \S+ \S+ \[\d+\] (LOG|DETAIL):  (.*)$')
EXECUTE = re.compile(r'^duration: [\d.]+ ms  execute [^:]+: (.*)$', re.S)
STATEMENT = re.compile(r'^duration: [\d.]+ ms  statement: (.*)$', re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")

entries = []
for line in sys.stdin:
    line = line.rstrip('\n')
    match = ENTRY.match(line)
    if match:
        entries.append([match.group(1), match.group(2)])
    elif entries and line.startswith('\t'):
        entries[-1][1] += '\n' + line[1:]

statements = []
for kind, text in entries:
    if kind == 'DETAIL' and text.startswith('parameters: ') and statements:
        values = {int(n): v for n, v in PARAMETER.findall(text[len('parameters: '):])}
        sql = statements[-1]
        for n in sorted(values, reverse=True):
            sql = sql.replace('$%d' % n, values[n])
        statements[-1] = sql
        continue
    if kind != 'LOG':
        continue
    match = EXECUTE.match(text) or STATEMENT.match(text)
    if match:
        statements.append(match.group(1))

for sql in statements:
    print(sql.rstrip().rstrip(';') + ';')
