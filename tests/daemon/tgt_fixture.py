"""A private userspace iSCSI target (Debian's tgtd) for iscsi-direct tests:
listening on 127.0.0.1 only, on a free port, with a management socket of
its own, one target with one file-backed LUN, CHAP when asked."""
import os
import random
import socket
import subprocess
import time


def _free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def _free_control():
    """tgtd's -C number: its socket /var/run/tgtd/socket.N must be unused."""
    while True:
        ctl = str(random.randint(100, 9999))
        if not os.path.exists('/var/run/tgtd/socket.' + ctl):
            return ctl


class Tgtd:
    def __init__(self, tmp, iqn, size, lun_name='lun1.img', user=None, password=None):
        self.lun = os.path.join(tmp, lun_name)
        with open(self.lun, 'wb') as f:
            f.truncate(size)
        # another suite's tgtd may take the port or socket first: try again
        for _ in range(5):
            self.port, self.ctl = _free_port(), _free_control()
            self.proc = subprocess.Popen(['tgtd', '-f', '-C', self.ctl, '--iscsi',
                                          'portal=127.0.0.1:%d' % self.port],
                                         stdout=open(os.path.join(tmp, 'tgtd.log'), 'a'),
                                         stderr=subprocess.STDOUT)
            deadline = time.time() + 15
            while (time.time() < deadline and self.proc.poll() is None and
                   self.adm('--op', 'show', '--mode', 'target').returncode != 0):
                time.sleep(0.1)
            if self.proc.poll() is None:
                break
        steps = [['--op', 'new', '--mode', 'target', '--tid', '1', '-T', iqn],
                 ['--op', 'new', '--mode', 'logicalunit', '--tid', '1', '--lun', '1',
                  '-b', self.lun],
                 ['--op', 'bind', '--mode', 'target', '--tid', '1', '-I', 'ALL']]
        if user:
            steps += [['--op', 'new', '--mode', 'account', '--user', user,
                       '--password', password],
                      ['--op', 'bind', '--mode', 'account', '--tid', '1', '--user', user]]
        for args in steps:
            out = self.adm(*args)
            if out.returncode != 0:
                self.stop()
                raise RuntimeError('tgtadm %s: %s%s' % (args, out.stdout, out.stderr))

    def adm(self, *args):
        return subprocess.run(['tgtadm', '-C', self.ctl, '--lld', 'iscsi'] + list(args),
                              capture_output=True, text=True, timeout=60)

    def stop(self):
        # tgtd ignores SIGTERM while it has targets: they go, then it is told to exit
        self.adm('--op', 'delete', '--mode', 'target', '--tid', '1', '--force')
        subprocess.run(['tgtadm', '-C', self.ctl, '--op', 'delete', '--mode', 'system'],
                       capture_output=True, timeout=60)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for suffix in ('', '.lock'):
            path = '/var/run/tgtd/socket.%s%s' % (self.ctl, suffix)
            if os.path.exists(path):
                os.unlink(path)
