#!/usr/bin/env python3
"""The storage driver's 'dir' pools and qemu-img volumes (src/storage),
through vireod's qemu:///system on a private root, driven by our virsh,
stock /usr/bin/virsh and python3-libvirt (every vol-wipe algorithm, an
upload whose client is killed mid-stream); then qemu:///embed in process.
Prints "N passed, N failed" last; exits non-zero on failure."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'daemon'))
from vireod_fixture import RootVireod, find_binary  # noqa: E402

PASSED = 0
FAILED = 0
XFAIL = 0
STOCK_VIRSH = '/usr/bin/virsh'
DAEMON_URI = ['']     # set in main(), for helpers that start their own client
DAEMON_LOG = ['']
GiB = 1024 ** 3
MiB = 1024 ** 2


def check(name, cond, detail=''):
    global PASSED, FAILED
    if cond:
        PASSED += 1
        print('ok   ' + name)
    else:
        FAILED += 1
        print('FAIL ' + name + (': ' + str(detail) if detail else ''))


def xfail(name, why):
    """A known gap outside src/storage: reported, not counted as a failure."""
    global XFAIL
    XFAIL += 1
    print('XFAIL ' + name + ': ' + why)


class Daemon(RootVireod):
    def environment(self):
        # warnings logged (VIREO_DEBUG=3): the interrupted-upload check reads them
        return dict(os.environ, VIREO_DEBUG='3')

def make_virsh(uri, binary):
    def run(*args, timeout=120):
        return subprocess.run([binary, '-c', uri] + list(args), capture_output=True,
                              text=True, timeout=timeout)
    return run


def qemu_img_info(path):
    out = subprocess.run(['qemu-img', 'info', '-U', '--output=json', path],
                         capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def write_file(path, text):
    with open(path, 'w') as f:
        f.write(text)
    return path


def pools_and_defaults(virsh, stock, root):
    images = os.path.join(root, 'lib', 'vireo', 'images')
    out = virsh('pool-list', '--all', '--details')
    check('default pool listed', out.returncode == 0 and 'default' in out.stdout, out)
    out = stock('pool-info', 'default')
    check('default pool running + autostart (stock)',
          'running' in out.stdout and 'Autostart:      yes' in out.stdout, out)
    out = virsh('pool-dumpxml', 'default')
    check('default pool target is the images dir', '<path>%s</path>' % images in out.stdout, out)
    check('default pool config + autostart link',
          os.path.exists(os.path.join(root, 'etc', 'vireo', 'storage', 'default.xml')) and
          os.path.islink(os.path.join(root, 'etc', 'vireo', 'storage', 'autostart',
                                      'default.xml')))

    p1 = os.path.join(root, 'pools', 'p1')
    out = virsh('pool-define-as', 'p1', 'dir', '--target', p1)
    check('pool-define-as', out.returncode == 0, out)
    out = virsh('pool-start', 'p1')
    check('pool-start without build fails naming the dir',
          out.returncode != 0 and p1 in out.stderr and 'does not exist' in out.stderr, out)
    out = stock('pool-build', 'p1')
    check('pool-build (stock)', out.returncode == 0 and os.path.isdir(p1), out)
    out = virsh('pool-build', 'p1', '--overwrite', '--no-overwrite')
    check('pool-build --overwrite --no-overwrite refused', out.returncode != 0, out)
    out = virsh('pool-start', 'p1')
    check('pool-start', out.returncode == 0, out)
    out = virsh('pool-start', 'p1')
    check('pool-start twice refused', out.returncode != 0 and 'already active' in out.stderr, out)
    out = stock('pool-info', '--bytes', 'p1')
    cap = [l for l in out.stdout.splitlines() if l.startswith('Capacity:')]
    st = os.statvfs(p1)
    check('pool-info capacity from statvfs',
          cap and int(cap[0].split()[1]) == st.f_frsize * st.f_blocks, out.stdout)
    out = virsh('pool-autostart', 'p1')
    link = os.path.join(root, 'etc', 'vireo', 'storage', 'autostart', 'p1.xml')
    check('pool-autostart makes the link', out.returncode == 0 and os.path.islink(link), out)
    out = stock('pool-autostart', 'p1', '--disable')
    check('pool-autostart --disable removes it', out.returncode == 0 and
          not os.path.exists(link), out)
    out = virsh('pool-list', '--persistent', '--name')
    check('pool-list --persistent', 'p1' in out.stdout.split(), out)

    t1 = os.path.join(root, 'pools', 't1')
    out = stock('pool-create-as', 't1', 'dir', '--target', t1, '--build')
    check('pool-create-as --build (stock)', out.returncode == 0 and os.path.isdir(t1), out)
    out = virsh('pool-list', '--transient', '--name')
    check('transient pool listed', 't1' in out.stdout.split(), out)
    out = virsh('pool-autostart', 't1')
    check('autostart of a transient pool refused', out.returncode != 0 and
          'transient' in out.stderr, out)
    out = virsh('pool-destroy', 't1')
    out2 = virsh('pool-list', '--all', '--name')
    check('destroyed transient pool is gone', out.returncode == 0 and
          't1' not in out2.stdout.split(), out2)
    xml = write_file(os.path.join(root, 't2.xml'),
                     "<pool type='dir'><name>t2</name><target><path>%s</path></target></pool>"
                     % t1)
    out = stock('pool-create', xml)
    check('pool-create from XML (stock)', out.returncode == 0, out)
    out = virsh('pool-define-as', 'clash', 'dir', '--target', t1)
    check('pool on the same dir refused', out.returncode != 0 and 't2' in out.stderr, out)
    virsh('pool-destroy', 't2')
    out = virsh('pool-define-as', 'p1', 'dir', '--target', '/elsewhere')
    check('pool-define-as existing name refused', out.returncode != 0, out)


def volumes(virsh, stock, root):
    p1 = os.path.join(root, 'pools', 'p1')
    out = virsh('vol-create-as', 'p1', 'r.raw', '10M', '--allocation', '0')
    path = os.path.join(p1, 'r.raw')
    check('vol-create-as raw sparse', out.returncode == 0 and os.path.getsize(path) == 10 * MiB
          and os.stat(path).st_blocks * 512 < MiB, out)
    out = virsh('vol-create-as', 'p1', 'full.raw', '4M')
    check('vol-create-as raw allocated', out.returncode == 0 and
          os.stat(os.path.join(p1, 'full.raw')).st_blocks * 512 >= 4 * MiB, out)
    out = stock('vol-create-as', 'p1', 'q.qcow2', '1G', '--format', 'qcow2')
    info = qemu_img_info(os.path.join(p1, 'q.qcow2'))
    check('vol-create-as qcow2 (stock)', out.returncode == 0 and info.get('format') == 'qcow2'
          and info.get('virtual-size') == GiB, out)
    out = virsh('vol-create-as', 'p1', 'o.qcow2', '2G', '--format', 'qcow2',
                '--backing-vol', 'q.qcow2', '--backing-vol-format', 'qcow2')
    info = qemu_img_info(os.path.join(p1, 'o.qcow2'))
    check('vol-create-as --backing-vol', out.returncode == 0 and
          info.get('backing-filename') == os.path.join(p1, 'q.qcow2') and
          info.get('backing-filename-format') == 'qcow2', out)
    out = virsh('vol-dumpxml', '--pool', 'p1', 'o.qcow2')
    check('vol-dumpxml shows backingStore and format',
          '<backingStore>' in out.stdout and "<format type='qcow2'/>" in out.stdout and
          '<capacity unit=\'bytes\'>%d</capacity>' % (2 * GiB) in out.stdout, out.stdout)
    out = virsh('vol-create-as', 'p1', 'pm.qcow2', '64M', '--format', 'qcow2',
                '--prealloc-metadata')
    plain = os.stat(os.path.join(p1, 'q.qcow2')).st_blocks
    check('vol-create-as --prealloc-metadata', out.returncode == 0 and
          os.stat(os.path.join(p1, 'pm.qcow2')).st_blocks > plain, out)
    xml = write_file(os.path.join(root, 'v.xml'),
                     "<volume><name>x.qcow2</name><capacity unit='M'>32</capacity>"
                     "<target><format type='qcow2'/><permissions><mode>0640</mode>"
                     "</permissions></target></volume>")
    out = stock('vol-create', 'p1', xml)
    xpath = os.path.join(p1, 'x.qcow2')
    check('vol-create from XML (stock)', out.returncode == 0 and
          qemu_img_info(xpath).get('format') == 'qcow2' and
          (os.stat(xpath).st_mode & 0o777) == 0o640, out)

    out = virsh('vol-create-as', 'p1', 'q.qcow2', '1G')
    check('existing volume name refused', out.returncode != 0 and
          "storage volume 'q.qcow2' exists already" in out.stderr, out)
    out = virsh('vol-create-as', 'p1', 'bad', '1G', '--format', 'bogus')
    check('unknown format refused', out.returncode != 0 and 'bogus' in out.stderr, out)
    out = virsh('vol-create-as', 'p1', 'huge.raw', '1P', '--allocation', '1P')
    check('out of space refused', out.returncode != 0 and 'not enough space' in out.stderr, out)
    out = virsh('vol-create-as', 'p1', 'rb.raw', '1G', '--backing-vol', 'q.qcow2')
    check('raw with backing store refused', out.returncode != 0 and
          'backing' in out.stderr, out)

    # lookups
    out = virsh('vol-path', '--pool', 'p1', 'r.raw')
    check('vol-path', out.stdout.strip() == path, out)
    out = stock('vol-key', '--pool', 'p1', 'r.raw')
    check('vol-key (stock)', out.stdout.strip() == path, out)
    out = virsh('vol-name', path)
    check('vol-name by path', out.stdout.strip() == 'r.raw', out)
    out = stock('vol-pool', path)
    check('vol-pool by path (stock)', out.stdout.strip() == 'p1', out)
    out = virsh('vol-info', path)
    check('vol-info by key/path', 'Capacity:       10.00 MiB' in out.stdout, out)
    out = stock('vol-info', '--pool', 'p1', 'q.qcow2', '--bytes')
    check('vol-info (stock)', 'Capacity:       %d bytes' % GiB in out.stdout, out)
    out = virsh('vol-list', 'p1', '--details')
    check('vol-list --details', all(n in out.stdout for n in
                                    ('r.raw', 'q.qcow2', 'o.qcow2', 'x.qcow2')), out)
    out = virsh('vol-info', '--pool', 'p1', 'nosuch')
    check('unknown volume named', out.returncode != 0 and 'nosuch' in out.stderr, out)

    # streams
    data = os.urandom(3 * MiB)
    src = write_file(os.path.join(root, 'data.bin'), '')
    with open(src, 'wb') as f:
        f.write(data)
    out = virsh('vol-upload', '--pool', 'p1', 'r.raw', src)
    check('vol-upload', out.returncode == 0, out)
    dst = os.path.join(root, 'down.bin')
    out = virsh('vol-download', '--pool', 'p1', 'r.raw', dst, '--length', str(len(data)))
    check('vol-download --length', out.returncode == 0 and open(dst, 'rb').read() == data, out)
    out = virsh('vol-download', '--pool', 'p1', 'r.raw', dst, '--offset', '1000',
                '--length', '5000')
    check('vol-download --offset --length', open(dst, 'rb').read() == data[1000:6000], out)
    with open(path, 'rb') as f:
        check('uploaded bytes are in the file', f.read(len(data)) == data)
    data2 = os.urandom(MiB)
    with open(src, 'wb') as f:
        f.write(data2)
    out = stock('vol-upload', '--pool', 'p1', 'r.raw', src, '--offset', str(MiB))
    with open(path, 'rb') as f:
        f.seek(MiB)
        check('vol-upload --offset (stock)', out.returncode == 0 and f.read(MiB) == data2, out)
    check('upload keeps the volume size', os.path.getsize(path) == 10 * MiB)
    out = stock('vol-download', '--pool', 'p1', 'r.raw', dst, '--length', '4096')
    check('vol-download (stock)', out.returncode == 0 and
          open(dst, 'rb').read() == open(path, 'rb').read(4096), out)

    # sparse
    sp = os.path.join(root, 'sparse.bin')
    with open(sp, 'wb') as f:
        f.write(b'A' * 4096)
        f.seek(16 * MiB - 4096)
        f.write(b'Z' * 4096)
    virsh('vol-create-as', 'p1', 's.raw', '16M', '--allocation', '0')
    out = virsh('vol-upload', '--pool', 'p1', 's.raw', sp, '--sparse')
    spath = os.path.join(p1, 's.raw')
    with open(spath, 'rb') as f:
        body = f.read()
    check('vol-upload --sparse keeps content', out.returncode == 0 and
          body == open(sp, 'rb').read(), out)
    check('vol-upload --sparse keeps holes', os.stat(spath).st_blocks * 512 < 2 * MiB,
          os.stat(spath).st_blocks)
    sd = os.path.join(root, 'sparse-down.bin')
    out = virsh('vol-download', '--pool', 'p1', 's.raw', sd, '--sparse')
    check('vol-download --sparse', out.returncode == 0 and open(sd, 'rb').read() == body and
          os.stat(sd).st_blocks * 512 < 2 * MiB, out)

    # clone / create-from
    out = virsh('vol-clone', '--pool', 'p1', 'r.raw', 'rc.raw')
    rc = os.path.join(p1, 'rc.raw')
    check('vol-clone', out.returncode == 0 and open(rc, 'rb').read() == open(path, 'rb').read(),
          out)
    out = stock('vol-clone', '--pool', 'p1', 'q.qcow2', 'qc.qcow2')
    check('vol-clone qcow2 (stock)', out.returncode == 0 and
          qemu_img_info(os.path.join(p1, 'qc.qcow2')).get('format') == 'qcow2', out)
    xml = write_file(os.path.join(root, 'from.xml'),
                     "<volume><name>conv.qcow2</name><capacity unit='M'>20</capacity>"
                     "<target><format type='qcow2'/></target></volume>")
    out = stock('vol-create-from', 'p1', xml, '--inputpool', 'p1', 'r.raw')
    conv = os.path.join(p1, 'conv.qcow2')
    info = qemu_img_info(conv)
    cmp = subprocess.run(['qemu-img', 'compare', '-U', '-f', 'raw', '-F', 'qcow2', path, conv],
                         capture_output=True, text=True)
    check('vol-create-from converts to qcow2 and grows', out.returncode == 0 and
          info.get('format') == 'qcow2' and info.get('virtual-size') == 20 * MiB and
          'identical' in cmp.stdout.lower() or 'Images are identical' in cmp.stdout,
          (out, info, cmp.stdout, cmp.stderr))
    out = virsh('vol-clone', '--pool', 'p1', 'r.raw', 'q.qcow2')
    check('vol-clone onto existing name refused', out.returncode != 0 and
          'exists already' in out.stderr, out)

    # resize
    out = virsh('vol-resize', '--pool', 'p1', 'q.qcow2', '2G')
    check('vol-resize', out.returncode == 0 and
          qemu_img_info(os.path.join(p1, 'q.qcow2')).get('virtual-size') == 2 * GiB, out)
    out = stock('vol-resize', '--pool', 'p1', 'q.qcow2', '1G', '--delta')
    check('vol-resize --delta (stock)', out.returncode == 0 and
          qemu_img_info(os.path.join(p1, 'q.qcow2')).get('virtual-size') == 3 * GiB, out)
    out = virsh('vol-resize', '--pool', 'p1', 'r.raw', '5M')
    check('vol-resize shrink without --shrink refused', out.returncode != 0 and
          'shrink' in out.stderr, out)
    out = virsh('vol-resize', '--pool', 'p1', 'r.raw', '5M', '--shrink')
    check('vol-resize --shrink', out.returncode == 0 and os.path.getsize(path) == 5 * MiB, out)
    out = stock('vol-resize', '--pool', 'p1', 'full.raw', '8M', '--allocate')
    check('vol-resize --allocate', out.returncode == 0 and
          os.stat(os.path.join(p1, 'full.raw')).st_blocks * 512 >= 8 * MiB, out)

    # wipe
    out = virsh('vol-wipe', '--pool', 'p1', 'r.raw')
    check('vol-wipe raw zeroes it', out.returncode == 0 and
          open(path, 'rb').read() == bytes(5 * MiB), out)
    with open(os.path.join(p1, 'o.qcow2'), 'rb') as f:
        pass
    out = stock('vol-wipe', '--pool', 'p1', 'o.qcow2', '--algorithm', 'zero')
    info = qemu_img_info(os.path.join(p1, 'o.qcow2'))
    check('vol-wipe qcow2 keeps format, size, backing', out.returncode == 0 and
          info.get('format') == 'qcow2' and info.get('virtual-size') == 2 * GiB and
          info.get('backing-filename') == os.path.join(p1, 'q.qcow2'), (out, info))
    wipe_patterns(virsh, stock, p1)
    interrupted_upload(virsh, stock, root, p1)

    # refresh and delete
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', os.path.join(p1, 'ext.qcow2'),
                    '5M'], check=True)
    out = virsh('vol-list', 'p1')
    before = 'ext.qcow2' in out.stdout
    out = stock('pool-refresh', 'p1')
    out2 = virsh('vol-dumpxml', '--pool', 'p1', 'ext.qcow2')
    check('pool-refresh finds a new image', out.returncode == 0 and not before and
          "<format type='qcow2'/>" in out2.stdout, (out, out2))
    out = virsh('vol-delete', '--pool', 'p1', 'ext.qcow2')
    check('vol-delete', out.returncode == 0 and not os.path.exists(os.path.join(p1, 'ext.qcow2')),
          out)
    out = stock('vol-delete', os.path.join(p1, 'rc.raw'))
    check('vol-delete by path (stock)', out.returncode == 0 and not os.path.exists(rc), out)


WIPE_PATTERNS = ('nnsa', 'dod', 'bsi', 'gutmann', 'schneier', 'pfitzner7', 'pfitzner33',
                 'random')


def wipe_patterns(virsh, stock, p1):
    """Every libvirt algorithm: scrub's patterns overwrite the data (its
    signature included, as under libvirt); 'trim' is refused like libvirt."""
    size = 64 * 1024
    data = b'SECRET-DATA-' * (size // 12) + b'S' * (size % 12)
    path = os.path.join(p1, 'w.raw')
    out = virsh('vol-create-as', 'p1', 'w.raw', str(size))
    check('vol-create-as for the wipe volume', out.returncode == 0, out)
    for alg in WIPE_PATTERNS:
        with open(path, 'wb') as f:
            f.write(data)
        run = stock if alg in ('gutmann', 'random') else virsh
        out = run('vol-wipe', '--pool', 'p1', 'w.raw', '--algorithm', alg)
        got = open(path, 'rb').read()
        check('vol-wipe --algorithm %s overwrites the data, keeps the size' % alg,
              out.returncode == 0 and len(got) == size and b'SECRET' not in got, out)
    out = stock('vol-wipe', '--pool', 'p1', 'w.raw', '--algorithm', 'trim')
    check("vol-wipe --algorithm trim refused with libvirt's error (stock)",
          out.returncode != 0 and "'trim' algorithm not supported" in out.stderr and
          'w.raw' in out.stderr, out)
    with open(path, 'wb') as f:
        f.write(data)
    out = virsh('vol-wipe', '--pool', 'p1', 'w.raw')
    check('vol-wipe default (zero) after patterns', out.returncode == 0 and
          open(path, 'rb').read() == bytes(size), out)
    out = virsh('vol-create-as', 'p1', 'wq.qcow2', '16M', '--format', 'qcow2')
    out = virsh('vol-wipe', '--pool', 'p1', 'wq.qcow2', '--algorithm', 'random')
    info = qemu_img_info(os.path.join(p1, 'wq.qcow2'))
    check('vol-wipe qcow2 with a pattern leaves an empty qcow2 of the same size',
          out.returncode == 0 and info.get('format') == 'qcow2' and
          info.get('virtual-size') == 16 * MiB, (out, info))
    # delete flags: --zeroed zeroes then removes; --delete-snapshots is rbd only
    with open(path, 'wb') as f:
        f.write(data)
    out = virsh('vol-delete', '--pool', 'p1', 'wq.qcow2', '--delete-snapshots')
    check('vol-delete --delete-snapshots refused (no snapshots in dir pools)',
          out.returncode != 0 and os.path.exists(os.path.join(p1, 'wq.qcow2')), out)
    # virsh 9.0 (stock and ours) has no --zeroed: the flag through the API
    try:
        import libvirt
    except ImportError:
        libvirt = None
        xfail('vol-delete --zeroed', 'python3-libvirt not installed')
    if libvirt:
        fd = os.open(path, os.O_RDONLY)
        err = None
        try:
            conn = libvirt.open(DAEMON_URI[0])
            vol = conn.storagePoolLookupByName('p1').storageVolLookupByName('w.raw')
            vol.delete(libvirt.VIR_STORAGE_VOL_DELETE_ZEROED)
            conn.close()
        except libvirt.libvirtError as e:
            err = e
        os.lseek(fd, 0, os.SEEK_SET)
        left = os.read(fd, size)
        os.close(fd)
        check('vol-delete with VIR_STORAGE_VOL_DELETE_ZEROED (python): zeroed, then removed',
              err is None and not os.path.exists(path) and left == bytes(size),
              (err, left[:32]))
    else:
        virsh('vol-delete', '--pool', 'p1', 'w.raw')
    virsh('vol-delete', '--pool', 'p1', 'wq.qcow2')


def interrupted_upload(virsh, stock, root, p1):
    """A client killed in the middle of vol-upload: uploads write in place
    (like libvirt's), so the volume keeps what arrived and, beyond it, its
    old content; nothing is truncated; vireod logs the aborted range and
    carries on."""
    size = 4 * MiB
    path = os.path.join(p1, 'up.raw')
    out = virsh('vol-create-as', 'p1', 'up.raw', str(size))
    check('vol-create-as for the interrupted upload', out.returncode == 0, out)
    with open(path, 'wb') as f:
        f.write(b'A' * size)
    fifo = os.path.join(root, 'upload.fifo')
    os.mkfifo(fifo)
    client = subprocess.Popen([STOCK_VIRSH if os.path.exists(STOCK_VIRSH) else
                               find_binary('virsh'), '-c', DAEMON_URI[0], 'vol-upload',
                               '--pool', 'p1', 'up.raw', fifo],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer = open(fifo, 'wb')
    writer.write(b'B' * MiB)
    writer.flush()

    # the client sends whole frames (libvirt's: 262120 bytes), so a tail of
    # what it read may never leave it: wait until the written prefix settles
    def arrived():
        with open(path, 'rb') as f:
            return f.read(MiB).find(b'A')
    last, stable, deadline = -2, 0, time.time() + 30
    while time.time() < deadline and stable < 5:
        now = arrived()
        stable = stable + 1 if now == last and now != 0 else 0
        last = now
        time.sleep(0.1)
    client.kill()
    client.wait()
    try:
        writer.close()
    except BrokenPipeError:
        pass
    os.unlink(fifo)
    time.sleep(0.3)
    got = open(path, 'rb').read()
    first_a = got.find(b'A')
    check('interrupted upload: what arrived is written', first_a > 0 and
          got[:first_a] == b'B' * first_a, (first_a, got[:16]))
    check('interrupted upload: the rest is unchanged, nothing truncated',
          len(got) == size and got[first_a:] == b'A' * (size - first_a), (len(got), first_a))
    out = virsh('vol-info', '--pool', 'p1', 'up.raw', '--bytes')
    check('interrupted upload: vireod carries on', out.returncode == 0 and
          'Capacity:       %d bytes' % size in out.stdout, out)
    deadline = time.time() + 10
    while time.time() < deadline and 'aborted' not in open(DAEMON_LOG[0]).read():
        time.sleep(0.1)
    check('interrupted upload: vireod logs the aborted range',
          "upload to volume '%s' aborted: bytes 0..%d were written" % (path, first_a)
          in open(DAEMON_LOG[0]).read(), first_a)
    src = write_file(os.path.join(root, 'c.bin'), 'C' * 4096)
    out = virsh('vol-upload', '--pool', 'p1', 'up.raw', src)
    check('a new upload after the interrupted one', out.returncode == 0 and
          open(path, 'rb').read(4097) == b'C' * 4096 + b'B', out)
    virsh('vol-delete', '--pool', 'p1', 'up.raw')


def python_binding(uri, root):
    try:
        import libvirt
    except ImportError:
        xfail('python3-libvirt', 'module not installed')
        return
    libvirt.registerErrorHandler(lambda *a: None, None)
    conn = libvirt.open(uri)
    names = [p.name() for p in conn.listAllStoragePools()]
    check('python listAllStoragePools', 'default' in names and 'p1' in names, names)
    target = os.path.join(root, 'pools', 'py')
    pool = conn.storagePoolDefineXML("<pool type='dir'><name>py</name><target><path>%s</path>"
                                     "</target></pool>" % target, 0)
    pool.build(0)
    pool.create(0)
    check('python define/build/create', pool.isActive() == 1 and pool.isPersistent() == 1)
    st = pool.info()
    check('python pool info', st[0] == libvirt.VIR_STORAGE_POOL_RUNNING and st[1] > 0, st)
    vol = pool.createXML("<volume><name>py.qcow2</name><capacity unit='M'>8</capacity>"
                         "<target><format type='qcow2'/></target></volume>", 0)
    check('python createXML volume', vol.info()[1] == 8 * MiB and
          "<format type='qcow2'/>" in vol.XMLDesc(0), vol.info())
    raw = pool.createXML("<volume><name>py.raw</name><capacity unit='K'>64</capacity>"
                         "<allocation>0</allocation></volume>", 0)
    payload = os.urandom(64 * 1024)
    stream = conn.newStream(0)
    raw.upload(stream, 0, len(payload), 0)
    stream.send(payload)
    stream.finish()
    with open(raw.path(), 'rb') as f:
        check('python upload', f.read() == payload)
    try:
        stream = conn.newStream(0)
        raw.download(stream, 0, 4096, 0)
        got = b''
        while True:
            chunk = stream.recv(65536)
            if not chunk:
                break
            got += chunk
        stream.finish()
        check('python download', got == payload[:4096])
    except libvirt.libvirtError as e:
        check('python download', False, e)
    check('python lookups', conn.storageVolLookupByPath(raw.path()).name() == 'py.raw' and
          conn.storageVolLookupByKey(raw.key()).name() == 'py.raw' and
          raw.storagePoolLookupByVolume().name() == 'py')
    clone = pool.createXMLFrom("<volume><name>py2.raw</name><capacity>0</capacity></volume>",
                               raw, 0)
    check('python createXMLFrom', clone.info()[1] == 64 * 1024, clone.info())
    try:
        pool.createXML("<volume><name>py.raw</name><capacity>1</capacity></volume>", 0)
        check('python duplicate volume refused', False)
    except libvirt.libvirtError as e:
        check('python duplicate volume refused',
              e.get_error_code() == libvirt.VIR_ERR_STORAGE_VOL_EXIST, e)
    for v in pool.listAllVolumes(0):
        v.delete(0)
    pool.destroy()
    pool.delete(0)
    pool.undefine()
    check('python destroy/delete/undefine', not os.path.exists(target) and
          'py' not in conn.listStoragePools() + conn.listDefinedStoragePools())
    conn.close()


def restart_and_teardown(daemon, virsh, stock, root):
    daemon.stop()
    daemon.start()
    out = virsh('pool-list', '--all', '--details')
    check('pools survive a daemon restart', 'p1' in out.stdout and 'running' in out.stdout
          and 'default' in out.stdout, out)
    out = virsh('vol-list', 'p1')
    check('volumes after restart', 'q.qcow2' in out.stdout, out)
    out = virsh('pool-delete', 'p1')
    check('pool-delete of an active pool refused', out.returncode != 0 and
          'active' in out.stderr, out)
    out = stock('pool-destroy', 'p1')
    check('pool-destroy (stock)', out.returncode == 0, out)
    check('status file removed',
          not os.path.exists(os.path.join(root, 'run', 'vireo', 'storage', 'p1.xml')))
    out = virsh('vol-list', 'p1')
    check('vol-list on inactive pool refused', out.returncode != 0 and
          "storage pool 'p1' is not active" in out.stderr, out)
    out = virsh('pool-delete', 'p1')
    check('pool-delete of a non-empty dir refused', out.returncode != 0 and
          'p1' in out.stderr, out)
    shutil.rmtree(os.path.join(root, 'pools', 'p1'))
    os.makedirs(os.path.join(root, 'pools', 'p1'))
    out = virsh('pool-delete', 'p1')
    check('pool-delete', out.returncode == 0 and
          not os.path.exists(os.path.join(root, 'pools', 'p1')), out)
    out = stock('pool-undefine', 'p1')
    check('pool-undefine (stock)', out.returncode == 0 and not os.path.exists(
        os.path.join(root, 'etc', 'vireo', 'storage', 'p1.xml')), out)
    daemon.stop()
    daemon.start()
    out = virsh('pool-list', '--all', '--name')
    check('undefined pool stays gone, default autostarts', 'p1' not in out.stdout.split() and
          'default' in out.stdout.split() and
          virsh('pool-info', 'default').stdout.find('running') > 0, out)


def embed(root):
    virsh = make_virsh('qemu:///embed?root=' + root, find_binary('virsh'))
    out = virsh('pool-list', '--all', '--name')
    check('embed: default pool', 'default' in out.stdout.split(), out)
    out = virsh('vol-create-as', 'default', 'e.qcow2', '16M', '--format', 'qcow2')
    img = os.path.join(root, 'lib', 'vireo', 'images', 'e.qcow2')
    check('embed: vol-create-as', out.returncode == 0 and
          qemu_img_info(img).get('format') == 'qcow2', out)
    out = virsh('vol-list', 'default')
    check('embed: volume seen by a new process', 'e.qcow2' in out.stdout, out)


def main():
    if not shutil.which('qemu-img'):
        print('qemu-img not installed: skipping')
        return 77
    root = tempfile.mkdtemp(prefix='vireo-storage-')
    daemon = Daemon(root)
    try:
        DAEMON_URI[0] = daemon.uri()
        DAEMON_LOG[0] = daemon.log
        virsh = make_virsh(daemon.uri(), find_binary('virsh'))
        stock_bin = '/usr/bin/virsh' if os.path.exists('/usr/bin/virsh') else find_binary('virsh')
        stock = make_virsh(daemon.uri(), stock_bin)
        pools_and_defaults(virsh, stock, root)
        volumes(virsh, stock, root)
        python_binding(daemon.uri(), root)
        restart_and_teardown(daemon, virsh, stock, root)
    except Exception as e:  # noqa: BLE001
        check('no exception', False, repr(e))
    finally:
        daemon.stop()
        if FAILED:
            print(open(daemon.log).read()[-3000:])
        shutil.rmtree(root, ignore_errors=True)
    eroot = tempfile.mkdtemp(prefix='vireo-storage-embed-')
    try:
        embed(eroot)
    finally:
        shutil.rmtree(eroot, ignore_errors=True)
    if XFAIL:
        print('%d known gaps outside src/storage (XFAIL)' % XFAIL)
    print('%d passed, %d failed' % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == '__main__':
    sys.exit(main())
