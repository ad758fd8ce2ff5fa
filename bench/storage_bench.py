#!/usr/bin/python3
"""The storage driver against its baselines, measured in one run:

  stream    vol-upload and vol-download (our virsh -> vireod) of a 1 GiB
            sparse image (--sparse) and a 1 GiB dense one, against `cp`
            of the same file; goal: at least 0.8x cp's throughput, holes
            kept (allocated blocks compared with the source's)
  refresh   pool-refresh and vol-list of a dir pool of 10,000 volumes,
            vireod against stock libvirtd (Debian's, a private session
            instance run as 'nobody') on the same directory; goal: under
            1 s and not slower than libvirtd

Not a test: it prints figures and ratios (best of RUNS, default 3).
usage: storage_bench.py [RUNS] [VOLUMES]   (defaults 3 and 10000)"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'storage'))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'daemon'))
from test_storage_dir import Daemon  # noqa: E402
from vireod_fixture import find_binary  # noqa: E402

GiB = 1024 ** 3
MiB = 1024 ** 2
STOCK_VIRSH = '/usr/bin/virsh'


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit('failed: %s\n%s%s' % (' '.join(cmd), out.stdout, out.stderr))
    return out.stdout


def timed(cmd, runs, before=None):
    best = None
    for _ in range(runs):
        if before:
            before()
        # earlier runs' dirty pages must not be written back inside this one
        os.sync()
        t0 = time.perf_counter()
        run(cmd)
        took = time.perf_counter() - t0
        best = took if best is None else min(best, took)
    return best


def allocated(path):
    return os.stat(path).st_blocks * 512


def make_images(work):
    """1 GiB dense (incompressible data) and 1 GiB sparse (1 MiB of data
    every 16 MiB: 64 MiB allocated)."""
    chunk = os.urandom(16 * MiB)
    dense = os.path.join(work, 'dense.img')
    with open(dense, 'wb') as f:
        for _ in range(GiB // len(chunk)):
            f.write(chunk)
    sparse = os.path.join(work, 'sparse.img')
    with open(sparse, 'wb') as f:
        f.truncate(GiB)
        for off in range(0, GiB, 16 * MiB):
            f.seek(off)
            f.write(chunk[:MiB])
    return dense, sparse


def stream_bench(virsh, work, pooldir, runs):
    dense, sparse = make_images(work)
    rows = []
    for label, src, flags in (('dense', dense, []), ('sparse', sparse, ['--sparse'])):
        cp_dst = os.path.join(work, 'cp-' + label)

        def rm_cp():
            if os.path.exists(cp_dst):
                os.unlink(cp_dst)
        vol = 'b-' + label
        run(virsh + ['vol-create-as', 'bench', vol, str(GiB), '--allocation', '0'])
        volpath = os.path.join(pooldir, vol)
        dl = os.path.join(work, 'dl-' + label)

        def fresh_vol():
            # an upload writes in place: start each run from an empty volume
            with open(volpath, 'r+b') as f:
                f.truncate(0)
                f.truncate(GiB)

        def rm_dl():
            if os.path.exists(dl):
                os.unlink(dl)
        # an upload returns once the volume is on disk (fdatasync): cp + sync
        ops = ((['cp', src, cp_dst], rm_cp),
               (['sh', '-c', 'cp "$1" "$2" && sync -d "$2"', 'sh', src, cp_dst], rm_cp),
               (virsh + ['vol-upload', '--pool', 'bench', vol, src] + flags, fresh_vol),
               (virsh + ['vol-download', '--pool', 'bench', vol, dl] + flags, rm_dl))
        best = [None] * len(ops)
        # rounds interleave the four, so load from elsewhere hits them alike
        for _ in range(runs):
            for i, (cmd, before) in enumerate(ops):
                took = timed(cmd, 1, before)
                best[i] = took if best[i] is None else min(best[i], took)
        cp, cp_sync, up, down = best
        cp_alloc = allocated(cp_dst)
        up_alloc = allocated(volpath)
        dl_alloc = allocated(dl)
        same = subprocess.run(['cmp', '-s', src, dl]).returncode == 0
        rows.append((label, cp, cp_sync, up, down, allocated(src), cp_alloc, up_alloc, dl_alloc,
                     same))
        for p in (cp_dst, dl):
            os.unlink(p)
        run(virsh + ['vol-delete', '--pool', 'bench', vol])
    os.unlink(dense)
    os.unlink(sparse)
    print('\n== vol-upload / vol-download of 1 GiB vs cp (best of %d) ==' % runs)
    print('throughput ratios: up/cp+sync = upload against cp followed by fdatasync (an upload '
          'syncs the volume before it returns); up/cp, down/cp against plain cp')
    print('%-7s %7s %8s %7s %7s %11s %7s %8s %8s %8s %8s %8s' %
          ('image', 'cp s', 'cp+sync', 'up s', 'down s', 'up/cp+sync', 'up/cp', 'down/cp',
           'src MiB', 'vol MiB', 'dl MiB', 'content'))
    for (label, cp, cps, up, down, src_a, cp_a, up_a, dl_a, same) in rows:
        print('%-7s %7.2f %8.2f %7.2f %7.2f %10.2fx %6.2fx %7.2fx %8.0f %8.0f %8.0f %8s' %
              (label, cp, cps, up, down, cps / up, cp / up, cp / down, src_a / MiB,
               up_a / MiB, dl_a / MiB, 'same' if same else 'DIFFERS'))
        print('        (MiB/s: cp %.0f, cp+sync %.0f, upload %.0f, download %.0f; cp\'s copy '
              'allocates %.0f MiB)' % (1024 / cp, 1024 / cps, 1024 / up, 1024 / down,
                                       cp_a / MiB))
    return rows


class StockLibvirtd:
    """Debian's libvirtd as a session daemon of 'nobody' on a private
    directory: its own sockets, config and pools, nothing system-wide."""
    def __init__(self, work):
        self.dir = os.path.join(work, 'libvirtd')
        os.makedirs(self.dir)
        os.chmod(self.dir, 0o755)
        shutil.chown(self.dir, 'nobody')
        self.sock = os.path.join(self.dir, 'run', 'libvirt', 'libvirt-sock')
        env = dict(HOME=self.dir, XDG_CONFIG_HOME=self.dir + '/config',
                   XDG_RUNTIME_DIR=self.dir + '/run', XDG_CACHE_HOME=self.dir + '/cache',
                   XDG_DATA_HOME=self.dir + '/data', PATH=os.environ['PATH'])
        self.proc = subprocess.Popen(['runuser', '-u', 'nobody', '--', 'env'] +
                                     ['%s=%s' % kv for kv in env.items()] +
                                     ['libvirtd', '--timeout', '900'],
                                     stdout=open(os.path.join(work, 'libvirtd.log'), 'w'),
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(self.sock)
                s.close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit('stock libvirtd did not start')

    def uri(self):
        return 'qemu+unix:///session?socket=' + self.sock

    def stop(self):
        # runuser's child is the daemon: signal the whole session
        out = subprocess.run(['pgrep', '-P', str(self.proc.pid)], capture_output=True,
                             text=True)
        for pid in out.stdout.split():
            os.kill(int(pid), signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def refresh_bench(vireo_uri, work, nvols, runs):
    big = os.path.join(work, 'many')
    os.makedirs(big)
    os.chmod(big, 0o755)
    for i in range(nvols):
        p = os.path.join(big, 'vol%05d.img' % i)
        with open(p, 'wb') as f:
            f.truncate(MiB)
        os.chmod(p, 0o644)
    stock = StockLibvirtd(work)
    virsh = STOCK_VIRSH if os.path.exists(STOCK_VIRSH) else find_binary('virsh')
    daemons = (('vireod', [virsh, '-c', vireo_uri]), ('libvirtd', [virsh, '-c', stock.uri()]),
               ('vireod, our virsh', [find_binary('virsh'), '-c', vireo_uri]))
    ops = (['pool-refresh', 'many'], ['vol-list', 'many'], ['vol-list', 'many', '--details'])
    best = {who: [None] * len(ops) for who, _ in daemons}
    counts = {}
    try:
        for who, base in daemons[:2]:
            run(base + ['pool-create-as', 'many', 'dir', '--target', big])
        # rounds alternate the daemons, so load from elsewhere hits both alike
        for _ in range(runs):
            for who, base in daemons:
                for i, op in enumerate(ops):
                    took = timed(base + op, 1)
                    if best[who][i] is None or took < best[who][i]:
                        best[who][i] = took
        for who, base in daemons:
            counts[who] = len(run(base + ['vol-list', 'many']).splitlines()) - 3
        for who, base in daemons[:2]:
            run(base + ['pool-destroy', 'many'])
    finally:
        stock.stop()
    results = {who: tuple(best[who]) + (counts[who],) for who, _ in daemons}
    print('\n== %d volumes in a dir pool (stock virsh 9.0 unless said, best of %d) =='
          % (nvols, runs))
    print('%-18s %10s %11s %19s %8s' % ('daemon', 'refresh s', 'vol-list s',
                                         'vol-list --details', 'volumes'))
    for who, (refresh, listing, details, count) in results.items():
        print('%-18s %10.3f %11.3f %19.3f %8d' % (who, refresh, listing, details, count))
    v, s = results['vireod'], results['libvirtd']
    print('ratios vireod/libvirtd: refresh %.2f, vol-list %.2f, vol-list --details %.2f '
          '(below 1: vireod faster)' % (v[0] / s[0], v[1] / s[1], v[2] / s[2]))
    shutil.rmtree(big)
    return results


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    nvols = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    work = tempfile.mkdtemp(prefix='vireo-storage-bench-')
    os.chmod(work, 0o755)
    root = os.path.join(work, 'root')
    os.makedirs(root)
    d = Daemon(root)
    try:
        virsh = [find_binary('virsh'), '-c', d.uri()]
        pooldir = os.path.join(work, 'pool')
        run(virsh + ['pool-create-as', 'bench', 'dir', '--target', pooldir, '--build'])
        stream_bench(virsh, work, pooldir, runs)
        run(virsh + ['pool-destroy', 'bench'])
        refresh_bench(d.uri(), work, nvols, runs)
    finally:
        d.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
