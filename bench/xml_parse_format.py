#!/usr/bin/env python3
"""Domain XML throughput: Vireo's parse + validate + format of a 40-device
domain, in documents per second, against `xmllint --format` of the same
file as the floor (libxml2 parsing and re-serialising, nothing more),
measured in the same run.

usage: xml_parse_format.py [FILE] [SECONDS]"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'daemon'))
from vireod_fixture import find_binary  # noqa: E402


def xmllint_rate(path, seconds):
    # --repeat makes xmllint parse and format the file 100 times in one
    # process, so process start-up is paid once per 100 documents
    runs = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        subprocess.run(['xmllint', '--repeat', '--format', path], stdout=subprocess.DEVNULL,
                       check=True)
        runs += 1
    return runs * 100 / (time.perf_counter() - t0)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'data', 'domain-40dev.xml')
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    out = subprocess.run([find_binary('xml_bench'), path, str(seconds)], capture_output=True,
                         text=True, check=True).stdout
    ours = float(re.search(r'docs/s ([\d.]+)', out).group(1))
    floor = xmllint_rate(path, seconds)
    print('40-device domain (%s), %.0f s each' % (os.path.basename(path), seconds))
    print('  xmllint --format (floor)          %9.0f docs/s  ratio 1.00x' % floor)
    print('  vireo parse+validate+format       %9.0f docs/s  ratio %.2fx' % (ours, ours / floor))


if __name__ == '__main__':
    main()
