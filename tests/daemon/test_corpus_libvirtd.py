#!/usr/bin/env python3
"""Our virsh against Debian's libvirtd (the reference implementation),
replaying a corpus through libvirtd's test:///default.

usage: test_corpus_libvirtd.py shared|oracle

libvirtd must be the system instance (its socket /var/run/libvirt/
libvirt-sock); when none answers, one is started as DEVELOPERS.md
describes and stopped again afterwards."""
import os
import socket
import subprocess
import sys
import time

from vireod_fixture import find_binary

HERE = os.path.dirname(os.path.abspath(__file__))
SOCK = '/var/run/libvirt/libvirt-sock'


def alive():
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(SOCK)
        return True
    except OSError:
        return False
    finally:
        s.close()


def start_libvirtd():
    subprocess.run(['useradd', '-r', '-s', '/usr/sbin/nologin', 'libvirt-qemu'],
                   capture_output=True)
    os.makedirs('/var/log/libvirt', exist_ok=True)
    if os.path.exists('/dev/kvm'):
        os.chmod('/dev/kvm', 0o666)
    subprocess.run(['libvirtd', '-d'], check=True)
    for _ in range(200):
        if alive():
            return True
        time.sleep(0.1)
    return False


def main():
    corpus = sys.argv[1]
    started = False
    if not alive():
        if not start_libvirtd():
            print('FAIL libvirtd did not start')
            print('0 passed, 1 failed')
            return 1
        started = True
    try:
        cmd = [sys.executable, os.path.join(HERE, '..', 'conformance', 'run_corpus.py'),
               find_binary('virsh'), 'test+unix:///default?socket=' + SOCK]
        if corpus == 'oracle':
            cmd += ['--corpus', os.path.join(HERE, '..', 'virsh-oracle'),
                    '--uri-differs', '300-uri-connect']
        else:
            cmd += ['--uri-differs', '071-hostname-uri']
        return subprocess.run(cmd).returncode
    finally:
        if started:
            subprocess.run(['pkill', '-x', 'libvirtd'])


if __name__ == '__main__':
    sys.exit(main())
