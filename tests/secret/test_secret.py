#!/usr/bin/env python3
"""Secrets (src/secret) end to end: vireod's qemu:///system on a private
root driven by our virsh, stock /usr/bin/virsh and python3-libvirt
(define, set/get value, list filters, undefine, persistence across a
restart, ephemeral and private secrets, libvirt's error wording, secret
events through secret-event and secretEventRegisterAny); LUKS
volumes made with a secret's passphrase (src/storage/storage_encryption.c)
that qemu-img opens with that passphrase only; and an iscsi-direct pool
logging in with CHAP to a tgtd on 127.0.0.1 whose target requires it.
Prints "N passed, N failed" last; exits non-zero on failure."""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'daemon'))
from vireod_fixture import RootVireod, find_binary  # noqa: E402
from tgt_fixture import Tgtd  # noqa: E402

PASSED = 0
FAILED = 0
STOCK_VIRSH = '/usr/bin/virsh'
U1 = '6a0f1c2e-1111-4c3b-9d7e-000000000001'
U2 = '6a0f1c2e-2222-4c3b-9d7e-000000000002'
U3 = '6a0f1c2e-3333-4c3b-9d7e-000000000003'
UNKNOWN = '6a0f1c2e-9999-4c3b-9d7e-000000000009'
IQN = 'iqn.2026-11.org.vireo:secret-test'
INITIATOR = 'iqn.2026-11.org.vireo:secret-client'
MiB = 1024 ** 2


def check(name, cond, detail=''):
    global PASSED, FAILED
    if cond:
        PASSED += 1
        print('ok   ' + name)
    else:
        FAILED += 1
        print('FAIL ' + name + (': ' + str(detail) if detail else ''))


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, **kw)


def err(out):
    return (out.stdout + out.stderr).strip()


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


class Daemon(RootVireod):
    pass

def make_virsh(uri, binary):
    def call(*args):
        return run(binary, '-c', uri, *args)
    return call


def secret_xml(uuid, usage=None, ephemeral=False, private=False, desc=None):
    kinds = {'volume': 'volume', 'iscsi': 'target', 'ceph': 'name', 'tls': 'name',
             'vtpm': 'name'}
    x = "<secret ephemeral='%s' private='%s'>" % ('yes' if ephemeral else 'no',
                                                  'yes' if private else 'no')
    x += '<uuid>%s</uuid>' % uuid
    if desc:
        x += '<description>%s</description>' % desc
    if usage:
        x += "<usage type='%s'><%s>%s</%s></usage>" % (usage[0], kinds[usage[0]], usage[1],
                                                       kinds[usage[0]])
    return x + '</secret>'


# ---- the API through three clients ------------------------------------------


def basics(virsh, stock, tmp, root):
    secdir = os.path.join(root, 'etc', 'vireo', 'secrets')
    out = virsh('secret-define', write(tmp, 's1.xml', secret_xml(U1, ('volume', '/v/a.img'),
                                                                  desc='disk a')))
    check('secret-define (ours) prints the UUID',
          out.returncode == 0 and 'Secret %s created' % U1 in out.stdout, err(out))
    out = stock('secret-define', '--validate',
                write(tmp, 's2.xml', secret_xml(U2, ('ceph', 'client.x'), private=True)))
    check('secret-define --validate (stock virsh)',
          out.returncode == 0 and 'Secret %s created' % U2 in out.stdout, err(out))
    out = virsh('secret-set-value', U1, '--base64', 'c2VjcmV0LW9uZQ==')
    check('secret-set-value --base64 (ours)',
          out.returncode == 0 and 'Secret value set' in out.stdout and
          'insecure' in out.stderr, err(out))
    out = stock('secret-get-value', U1)
    check('secret-get-value (stock) returns the base64 value',
          out.returncode == 0 and out.stdout.strip() == 'c2VjcmV0LW9uZQ==', err(out))
    out = virsh('secret-get-value', '--plain', U1)
    out2 = stock('secret-get-value', '--plain', U1)
    check('secret-get-value --plain (ours = stock)',
          out.stdout == out2.stdout == 'secret-one\n', repr(out.stdout) + repr(out2.stdout))
    out = virsh('secret-get-value', U1)
    out2 = stock('secret-get-value', U1)
    check('secret-get-value (ours = stock)', out.stdout == out2.stdout,
          repr(out.stdout) + repr(out2.stdout))
    pw = write(tmp, 'pw.txt', 'plain-pass')
    out = virsh('secret-set-value', U2, '--file', pw, '--plain')
    check('secret-set-value --file --plain', out.returncode == 0, err(out))
    binfile = os.path.join(tmp, 'pw.bin')
    with open(binfile, 'wb') as f:
        f.write(b'x\x00y')
    out = virsh('secret-set-value', U1, '--file', binfile, '--plain')
    out2 = stock('secret-get-value', U1)
    check('secret-set-value --file --plain keeps NUL bytes',
          out.returncode == 0 and out2.stdout.strip() == 'eAB5', err(out) + err(out2))
    b64 = write(tmp, 'pw.b64', 'ZmlsZS1iNjQ=\n')
    out = stock('secret-set-value', U1, '--file', b64)
    out2 = virsh('secret-get-value', '--plain', U1)
    check('secret-set-value --file (stock, base64 file)',
          out.returncode == 0 and out2.stdout == 'file-b64\n', err(out) + err(out2))
    p = subprocess.run([find_binary('virsh'), '-c', DAEMON_URI[0], 'secret-set-value', U1,
                        '--interactive'], input='typed-pass\n', capture_output=True,
                       text=True, timeout=30)
    out2 = virsh('secret-get-value', '--plain', U1)
    check('secret-set-value --interactive reads a line',
          p.returncode == 0 and out2.stdout == 'typed-pass\n', p.stderr + err(out2))
    for name in (U1 + '.xml', U1 + '.base64', U2 + '.base64'):
        path = os.path.join(secdir, name)
        ok = os.path.exists(path) and stat.S_IMODE(os.stat(path).st_mode) == 0o600
        check('%s stored with mode 0600' % name, ok)
    with open(os.path.join(secdir, U1 + '.base64')) as f:
        check('value file holds base64', f.read().strip() == 'dHlwZWQtcGFzcw==')

    out = virsh('secret-list')
    out2 = stock('secret-list')
    check('secret-list: ours prints what stock virsh prints', out.stdout == out2.stdout,
          '\n' + out.stdout + '\n' + out2.stdout)
    check('secret-list shows usages', 'volume /v/a.img' in out.stdout and
          'ceph client.x' in out.stdout, out.stdout)
    out = virsh('secret-list', '--private')
    check('secret-list --private', U2 in out.stdout and U1 not in out.stdout, out.stdout)
    out = stock('secret-list', '--no-private')
    check('secret-list --no-private (stock)', U1 in out.stdout and U2 not in out.stdout,
          out.stdout)
    out = virsh('secret-dumpxml', U1)
    out2 = stock('secret-dumpxml', U1)
    check('secret-dumpxml: ours = stock, usage and description',
          out.stdout == out2.stdout and '<volume>/v/a.img</volume>' in out.stdout and
          '<description>disk a</description>' in out.stdout, out.stdout)

    # errors, in libvirt's words
    out = stock('secret-get-value', U2)
    check('private secret value refused (stock virsh)',
          out.returncode != 0 and 'Invalid secret: secret is private' in out.stderr, err(out))
    out = virsh('secret-get-value', U2)
    check('private secret value refused (ours)',
          out.returncode != 0 and 'Invalid secret: secret is private' in out.stderr, err(out))
    out = virsh('secret-set-value', U1, '--base64', 'not base64!')
    check('bad base64 refused, value unchanged',
          out.returncode != 0 and 'Invalid base64 data' in out.stderr and
          virsh('secret-get-value', '--plain', U1).stdout == 'typed-pass\n', err(out))
    for client, label in ((virsh, 'ours'), (stock, 'stock')):
        out = client('secret-dumpxml', UNKNOWN)
        check('unknown UUID (%s)' % label, out.returncode != 0 and
              "failed to get secret '%s'" % UNKNOWN in out.stderr and
              "Secret not found: no secret with matching uuid '%s'" % UNKNOWN in out.stderr,
              err(out))
    out = virsh('secret-set-value', U1)
    check('no value given', out.returncode != 0 and 'Input secret value is missing' in
          out.stderr, err(out))
    out = stock('secret-define', write(tmp, 'clash.xml', secret_xml(U3, ('volume', '/v/a.img'))))
    check('usage clash refused naming the usage and the owner',
          out.returncode != 0 and 'a secret with UUID %s already defined for use with '
          '/v/a.img' % U1 in out.stderr, err(out))
    out = virsh('secret-define', write(tmp, 'chg.xml', secret_xml(U1, ('volume', '/v/b.img'))))
    check('changing a secret\'s usage refused',
          out.returncode != 0 and 'a secret with UUID %s is already defined for use with '
          '/v/a.img' % U1 in out.stderr, err(out))
    out = virsh('secret-define', write(tmp, 'unpriv.xml', secret_xml(U2, ('ceph', 'client.x'))))
    check('making a private secret public refused',
          out.returncode != 0 and 'cannot change private flag on existing secret' in
          out.stderr, err(out))
    out = virsh('secret-define', write(tmp, 'badusage.xml',
                                       "<secret><usage type='bogus'/></secret>"))
    check('unknown usage type refused', out.returncode != 0 and
          'unknown secret usage type bogus' in out.stderr, err(out))
    out = virsh('secret-undefine', UNKNOWN)
    check('secret-undefine of an unknown UUID fails', out.returncode != 0, err(out))

    out = virsh('secret-define', write(tmp, 'eph.xml', secret_xml(U3, ('tls', 'tls-eph'),
                                                                   ephemeral=True)))
    out2 = virsh('secret-set-value', U3, '--base64', 'ZXBo')
    check('ephemeral secret defined with a value',
          out.returncode == 0 and out2.returncode == 0 and
          not os.path.exists(os.path.join(secdir, U3 + '.xml')) and
          not os.path.exists(os.path.join(secdir, U3 + '.base64')), err(out) + err(out2))
    out = virsh('secret-list', '--ephemeral')
    check('secret-list --ephemeral', U3 in out.stdout and U1 not in out.stdout, out.stdout)


def python_binding(uri):
    try:
        import libvirt
    except ImportError:
        check('python3-libvirt installed', False)
        return
    libvirt.registerErrorHandler(lambda *a: None, None)
    conn = libvirt.open(uri)
    try:
        s = conn.secretDefineXML(secret_xml('6a0f1c2e-4444-4c3b-9d7e-000000000004',
                                            ('iscsi', 'iqn.py:target')))
        s.setValue(b'\x00binary\xff')
        check('python: setValue/value round-trip binary bytes', s.value() == b'\x00binary\xff')
        check('python: usageType/usageID', s.usageType() == libvirt.VIR_SECRET_USAGE_TYPE_ISCSI
              and s.usageID() == 'iqn.py:target')
        found = conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_ISCSI, 'iqn.py:target')
        check('python: secretLookupByUsage', found.UUIDString() == s.UUIDString())
        uuids = conn.listSecrets()
        check('python: numOfSecrets/listSecrets/listAllSecrets agree',
              conn.numOfSecrets() == len(uuids) == len(conn.listAllSecrets()) and
              s.UUIDString() in uuids)
        priv = conn.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_PRIVATE)
        check('python: listAllSecrets(PRIVATE)', [p.UUIDString() for p in priv] == [U2],
              [p.UUIDString() for p in priv])
        try:
            conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, '/nope')
            check('python: unknown usage raises', False)
        except libvirt.libvirtError as e:
            check('python: unknown usage raises VIR_ERR_NO_SECRET',
                  e.get_error_code() == libvirt.VIR_ERR_NO_SECRET and
                  "no secret with matching usage '/nope'" in str(e), str(e))
        try:
            conn.secretLookupByUUIDString(U2).value()
            check('python: private value raises', False)
        except libvirt.libvirtError as e:
            check('python: private value raises VIR_ERR_INVALID_SECRET',
                  e.get_error_code() == libvirt.VIR_ERR_INVALID_SECRET, str(e))
        s.undefine()
        check('python: undefine', s.UUIDString() not in conn.listSecrets())
    finally:
        conn.close()


def events(uri, tmp):
    """secret-event (ours and stock virsh) and python3-libvirt's
    secretEventRegisterAny: defined, value-changed and undefined reach
    every client; a --secret filter only sees that secret."""
    U5 = '6a0f1c2e-5555-4c3b-9d7e-000000000005'
    U6 = '6a0f1c2e-6666-4c3b-9d7e-000000000006'
    ours = find_binary('virsh')
    waiters = {}
    for label, binary in (('ours', ours), ('stock', STOCK_VIRSH)):
        for ev in ('lifecycle', 'value-changed'):
            waiters[(label, ev)] = subprocess.Popen(
                [binary, '-c', uri, 'secret-event', '--event', ev, '--loop', '--timeout', '4'],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        waiters[(label, 'filtered')] = subprocess.Popen(
            [binary, '-c', uri, 'secret-event', '--event', 'lifecycle', '--secret', U1,
             '--loop', '--timeout', '4'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
    got = []
    conn = ids = None
    try:
        import libvirt
        import threading
        libvirt.virEventRegisterDefaultImpl()
        threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                         daemon=True).start()
        conn = libvirt.open(uri)
        ids = [conn.secretEventRegisterAny(
                   None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE,
                   lambda c, s, e, d, o: got.append(('lifecycle', s.UUIDString(), e, d)), None),
               conn.secretEventRegisterAny(
                   None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                   lambda c, s, o: got.append(('value-changed', s.UUIDString())), None)]
    except Exception as e:   # noqa: BLE001
        check('python: secretEventRegisterAny', False, repr(e))
    time.sleep(1)
    call = make_virsh(uri, ours)
    call('secret-define', write(tmp, 'ev5.xml', secret_xml(U5, ('ceph', 'ev5'))))
    call('secret-set-value', U5, '--base64', 'YWJj')
    call('secret-undefine', U5)
    call('secret-define', write(tmp, 'ev6.xml', secret_xml(U6)))
    call('secret-undefine', U6)
    outs = {k: p.communicate(timeout=30) + (p.returncode,) for k, p in waiters.items()}
    want_lc = ("event 'lifecycle' for secret %s: Defined\n"
               "event 'lifecycle' for secret %s: Undefined\n"
               "event 'lifecycle' for secret %s: Defined\n"
               "event 'lifecycle' for secret %s: Undefined\n"
               "event loop timed out\nevents received: 4\n" % (U5, U5, U6, U6))
    want_vc = ("event 'value-changed' for secret %s\n"
               "event loop timed out\nevents received: 1\n" % U5)
    for label in ('ours', 'stock'):
        out = outs[(label, 'lifecycle')]
        check('secret-event lifecycle (%s virsh): defined/undefined in order' % label,
              out[0].rstrip('\n') + '\n' == want_lc and out[2] == 0, out)
        out = outs[(label, 'value-changed')]
        check('secret-event value-changed (%s virsh)' % label,
              out[0].rstrip('\n') + '\n' == want_vc and out[2] == 0, out)
        out = outs[(label, 'filtered')]
        check('secret-event --secret (%s virsh): other secrets filtered out' % label,
              'events received: 0' in out[0] and out[2] != 0, out)
    if conn:
        time.sleep(0.5)
        check('python: lifecycle and value-changed callbacks',
              got == [('lifecycle', U5, libvirt.VIR_SECRET_EVENT_DEFINED, 0),
                      ('value-changed', U5),
                      ('lifecycle', U5, libvirt.VIR_SECRET_EVENT_UNDEFINED, 0),
                      ('lifecycle', U6, libvirt.VIR_SECRET_EVENT_DEFINED, 0),
                      ('lifecycle', U6, libvirt.VIR_SECRET_EVENT_UNDEFINED, 0)], got)
        for i in ids:
            conn.secretEventDeregisterAny(i)
        try:
            conn.secretEventDeregisterAny(ids[0])
            check('python: deregistering twice raises', False)
        except libvirt.libvirtError:
            check('python: deregistering twice raises', True)
        conn.close()


def persistence(daemon, virsh, stock):
    daemon.restart()
    out = stock('secret-list')
    check('after a restart: persistent secrets kept, ephemeral gone',
          U1 in out.stdout and U2 in out.stdout and U3 not in out.stdout, out.stdout)
    out = virsh('secret-get-value', '--plain', U1)
    check('after a restart: value kept', out.stdout == 'typed-pass\n', err(out))


# ---- LUKS volumes ---------------------------------------------------------------


def luks_volumes(virsh, stock, tmp, root):
    images = os.path.join(root, 'lib', 'vireo', 'images')
    virsh('secret-define', write(tmp, 'luks.xml', secret_xml(U3, ('volume', images + '/e1.img'))))
    virsh('secret-set-value', U3, '--base64', 'bHVrcy1wYXNz')   # luks-pass

    def vol(name, fmt, ref):
        return write(tmp, name + '.xml',
                     "<volume><name>%s</name><capacity unit='M'>16</capacity><target>"
                     "<format type='%s'/><encryption format='luks'>"
                     "<secret type='passphrase' %s/></encryption></target></volume>"
                     % (name, fmt, ref))
    out = virsh('vol-create', 'default', vol('e1.img', 'raw', "uuid='%s'" % U3))
    check('LUKS raw volume created', out.returncode == 0, err(out))
    out = stock('vol-create', 'default', vol('e2.qcow2', 'qcow2', "usage='%s/e1.img'" % images))
    check('LUKS-in-qcow2 volume created (stock, secret by usage)', out.returncode == 0, err(out))
    for name in ('e1.img', 'e2.qcow2'):
        path = os.path.join(images, name)
        info = run('qemu-img', 'info', '-U', path)
        check('%s: qemu-img info says encrypted' % name, 'encrypted: yes' in info.stdout,
              err(info))
        out = virsh('vol-dumpxml', '--pool', 'default', name)
        check('%s: vol-dumpxml shows the encryption' % name,
              "<encryption format='luks'>" in out.stdout, out.stdout)
    path = os.path.join(images, 'e1.img')
    # info does not need the key: reading the payload does
    plain = os.path.join(tmp, 'decrypted.raw')
    good = run('qemu-img', 'convert', '--object', 'secret,id=k,data=luks-pass', '--image-opts',
               'driver=luks,key-secret=k,file.filename=' + path, '-O', 'raw', plain)
    bad = run('qemu-img', 'convert', '--object', 'secret,id=k,data=wrong', '--image-opts',
              'driver=luks,key-secret=k,file.filename=' + path, '-O', 'raw', plain + '2')
    check('the LUKS volume opens with the secret\'s passphrase only',
          good.returncode == 0 and bad.returncode != 0, err(good) + err(bad))
    luks_guest(virsh, stock, tmp, root, images)
    out = virsh('vol-create', 'default', vol('e3.img', 'raw', "uuid='%s'" % UNKNOWN))
    check('LUKS volume with an unknown secret refused, no file left',
          out.returncode != 0 and "no secret with matching uuid '%s'" % UNKNOWN in out.stderr
          and not os.path.exists(os.path.join(images, 'e3.img')), err(out))
    out = virsh('vol-create', 'default', vol('e4.vmdk', 'vmdk', "uuid='%s'" % U3))
    check('LUKS on vmdk refused naming the format', out.returncode != 0 and "'vmdk'" in
          out.stderr, err(out))
    virsh('vol-delete', '--pool', 'default', 'e1.img')
    virsh('vol-delete', '--pool', 'default', 'e2.qcow2')
    virsh('secret-undefine', U3)


def luks_guest(virsh, stock, tmp, root, images):
    """A TCG guest (no OS: the BIOS spins) with both LUKS volumes as disks:
    QEMU must unlock them with the secret, which never shows in its
    command line; a wrong passphrase makes the start fail clearly."""
    disks = ''
    for dev, name, fmt in (('vda', 'e1.img', 'raw'), ('vdb', 'e2.qcow2', 'qcow2')):
        disks += ("<disk type='file' device='disk'><driver name='qemu' type='%s'/>"
                  "<source file='%s/%s'><encryption format='luks'><secret type='passphrase' "
                  "uuid='%s'/></encryption></source><target dev='%s' bus='virtio'/></disk>"
                  % (fmt, images, name, U3, dev))
    xml = ("<domain type='qemu'><name>luksvm</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
           "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>%s</devices></domain>"
           % disks)
    out = virsh('define', write(tmp, 'luksvm.xml', xml))
    out2 = virsh('start', 'luksvm')
    check('guest with two LUKS disks starts (QEMU unlocked them)',
          out.returncode == 0 and out2.returncode == 0, err(out) + err(out2))
    if out2.returncode == 0:
        info = stock('qemu-monitor-command', 'luksvm', '--hmp', 'info block')
        check('QEMU sees both disks as encrypted', info.stdout.count('encrypted') == 2,
              err(info))
        pid = open(os.path.join(root, 'run', 'vireo', 'qemu', 'luksvm.pid')).read().strip() \
            if os.path.exists(os.path.join(root, 'run', 'vireo', 'qemu', 'luksvm.pid')) else None
        cmdline = ''
        if pid:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                cmdline = f.read().decode(errors='replace')
        check('the passphrase is not on QEMU\'s command line, a secret object is',
              'luks-pass' not in cmdline and 'bHVrcy1wYXNz' not in cmdline and
              '"qom-type":"secret"' in cmdline, cmdline[:300])
        hot = write(tmp, 'hot.xml', "<disk type='file' device='disk'><driver name='qemu' "
                    "type='raw'/><source file='%s/e1.img'><encryption format='luks'><secret "
                    "type='passphrase' uuid='%s'/></encryption></source><target dev='vdc' "
                    "bus='virtio'/></disk>" % (images, U3))
        out = virsh('attach-device', 'luksvm', hot, '--live')
        check('hot-plug of a LUKS disk refused clearly (not supported yet)',
              out.returncode != 0 and 'hot-plug of encrypted disk' in out.stderr and
              virsh('domstate', 'luksvm').stdout.strip() == 'running', err(out))
        keys = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
                if f.endswith('-luks-secret.key')]
        check('no passphrase file left on disk once QEMU runs', not keys, keys)
        virsh('destroy', 'luksvm')
    virsh('secret-set-value', U3, '--base64', 'd3Jvbmc=')     # wrong
    out = virsh('start', 'luksvm')
    check('a wrong passphrase: start fails naming the problem',
          out.returncode != 0 and 'Invalid password' in out.stderr, err(out)[-400:])
    virsh('secret-set-value', U3, '--base64', 'bHVrcy1wYXNz')
    virsh('undefine', 'luksvm')


# ---- iscsi-direct with CHAP -----------------------------------------------------


def chap_pool_xml(name, port, auth):
    return ("<pool type='iscsi-direct'><name>%s</name><source>"
            "<host name='127.0.0.1' port='%d'/><device path='%s'/>"
            "<initiator><iqn name='%s'/></initiator>%s</source></pool>"
            % (name, port, IQN, INITIATOR, auth))


def iscsi_chap(virsh, stock, tmp):
    missing = [t for t in ('tgtd', 'tgtadm') if not shutil.which(t)]
    if missing:
        check('tgt installed for the CHAP checks', False, 'missing ' + ' '.join(missing))
        return
    tgt = Tgtd(tmp, IQN, 16 * MiB, 'chap-lun.img', 'vireo-user', 'chap-secret-12')
    try:
        virsh('secret-define', write(tmp, 'chap.xml', secret_xml(
            '6a0f1c2e-5555-4c3b-9d7e-000000000005', ('iscsi', 'chap-right'), private=True)))
        virsh('secret-set-value', '6a0f1c2e-5555-4c3b-9d7e-000000000005',
              '--base64', 'Y2hhcC1zZWNyZXQtMTI=')          # chap-secret-12
        virsh('secret-define', write(tmp, 'chapw.xml', secret_xml(
            '6a0f1c2e-6666-4c3b-9d7e-000000000006', ('iscsi', 'chap-wrong'))))
        virsh('secret-set-value', '6a0f1c2e-6666-4c3b-9d7e-000000000006',
              '--base64', 'd3JvbmctcGFzc3dvcmQ=')          # wrong-password
        out = virsh('pool-create', write(tmp, 'noauth.xml', chap_pool_xml('chapnone', tgt.port,
                                                                           '')))
        check('iscsi-direct: no CHAP against a CHAP target fails to log in',
              out.returncode != 0 and 'cannot log in' in out.stderr, err(out))
        auth = ("<auth type='chap' username='vireo-user'><secret usage='chap-right'/></auth>")
        out = virsh('pool-create', write(tmp, 'chap.xml', chap_pool_xml('chapok', tgt.port, auth)))
        check('iscsi-direct: CHAP login with the right (private) secret', out.returncode == 0,
              err(out))
        out = stock('vol-list', 'chapok')
        check('iscsi-direct + CHAP: LUN listed (stock virsh)', 'unit:0:0:1' in out.stdout,
              err(out))
        out = stock('pool-dumpxml', 'chapok')
        check('iscsi-direct + CHAP: pool-dumpxml keeps <auth>',
              "<auth type='chap' username='vireo-user'>" in out.stdout and
              "usage='chap-right'" in out.stdout, out.stdout)
        virsh('pool-destroy', 'chapok')
        auth = ("<auth type='chap' username='vireo-user'>"
                "<secret uuid='6a0f1c2e-6666-4c3b-9d7e-000000000006'/></auth>")
        out = virsh('pool-create', write(tmp, 'chapw.xml', chap_pool_xml('chapbad', tgt.port,
                                                                          auth)))
        check('iscsi-direct: a wrong CHAP secret fails clearly naming the target',
              out.returncode != 0 and 'cannot log in' in out.stderr and IQN in out.stderr,
              err(out))
        auth = "<auth type='chap' username='vireo-user'><secret usage='nope'/></auth>"
        out = virsh('pool-create', write(tmp, 'chapn.xml', chap_pool_xml('chapnos', tgt.port,
                                                                          auth)))
        check('iscsi-direct: an unknown CHAP secret is named',
              out.returncode != 0 and "no secret with matching usage 'nope'" in out.stderr,
              err(out))
    finally:
        tgt.stop()


# ---- stock libvirtd as the reference ------------------------------------------

# libvirtd runs in mount and network namespaces of its own (tmpfs state
# dirs, no host interfaces or firewall it could touch).
# One virsh session, run against libvirtd and against a fresh vireod: the
# outputs (stdout and stderr, exit codes) must be byte for byte the same.
COMPARE_SEQ = """V="/usr/bin/virsh -c $URI"
D=$1
$V secret-define $D/c1.xml
$V secret-define $D/c2.xml
$V secret-define $D/c3.xml
$V secret-list
$V secret-list --private
$V secret-list --no-ephemeral
$V secret-set-value %(u2)s --base64 aGVsbG8=
$V secret-get-value %(u2)s; echo rc=$?
$V secret-get-value %(u1)s; echo rc=$?
$V secret-set-value %(u3)s --base64 ZXBo
$V secret-get-value %(u3)s; echo rc=$?
$V secret-define $D/clash.xml; echo rc=$?
$V secret-define $D/reuse.xml; echo rc=$?
$V secret-define $D/unpriv.xml; echo rc=$?
$V secret-define $D/bogus.xml; echo rc=$?
$V secret-define $D/nopath.xml; echo rc=$?
$V secret-define $D/notxml.xml; echo rc=$?
$V secret-dumpxml %(unk)s; echo rc=$?
$V secret-undefine %(unk)s; echo rc=$?
$V secret-dumpxml %(u1)s
for u in %(u1)s %(u2)s %(u3)s; do $V secret-undefine $u; done
$V secret-list
""" % {'u1': U1, 'u2': U2, 'u3': U3, 'unk': UNKNOWN}

LIBVIRTD_SH = """set -e
for d in /run/libvirt /var/lib/libvirt /etc/libvirt/qemu /etc/libvirt/secrets \
         /var/cache/libvirt /var/log/libvirt; do
    mkdir -p $d; mount -t tmpfs tmpfs $d
done
libvirtd --pid-file /run/libvirt/libvirtd.pid > $1/libvirtd.log 2>&1 &
for i in $(seq 300); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.1; done
set +e
URI=qemu:///system sh $1/seq.sh $1 > $1/ref.out 2>&1
kill $(cat /run/libvirt/libvirtd.pid)
"""


def libvirtd_compare(tmp):
    if not shutil.which('libvirtd'):
        check('libvirtd installed for the reference comparison', False)
        return
    d = os.path.join(tmp, 'cmp')
    os.makedirs(d)
    write(d, 'c1.xml', secret_xml(U1, ('volume', '/var/lib/c.img'), desc='cmp'))
    write(d, 'c2.xml', secret_xml(U2, ('iscsi', 'iqn.cmp:t'), private=True))
    write(d, 'c3.xml', secret_xml(U3, ('tls', 'tls-cmp'), ephemeral=True))
    write(d, 'clash.xml', secret_xml(UNKNOWN, ('iscsi', 'iqn.cmp:t')))
    write(d, 'reuse.xml', secret_xml(U1, ('volume', '/var/lib/d.img')))
    write(d, 'unpriv.xml', secret_xml(U2, ('iscsi', 'iqn.cmp:t')))
    write(d, 'bogus.xml', "<secret><usage type='bogus'/></secret>")
    write(d, 'nopath.xml', "<secret><usage type='volume'></usage></secret>")
    write(d, 'notxml.xml', "<secret><uuid>")
    write(d, 'seq.sh', COMPARE_SEQ)
    write(d, 'lv.sh', LIBVIRTD_SH)
    try:
        subprocess.run(['unshare', '-m', '-n', '--propagation', 'private', 'sh',
                        os.path.join(d, 'lv.sh'), d], timeout=180, capture_output=True)
    except subprocess.TimeoutExpired:
        check('libvirtd reference run finished', False)
        return
    root = os.path.join(tmp, 'cmproot')
    os.makedirs(root)
    daemon = Daemon(root)
    try:
        with open(os.path.join(d, 'ours.out'), 'w') as f:
            subprocess.run(['sh', os.path.join(d, 'seq.sh'), d], timeout=180, stdout=f,
                           stderr=subprocess.STDOUT, env=dict(os.environ, URI=daemon.uri()))
    finally:
        daemon.stop()
    ref = open(os.path.join(d, 'ref.out')).read() if os.path.exists(
        os.path.join(d, 'ref.out')) else ''
    ours = open(os.path.join(d, 'ours.out')).read()
    check('libvirtd reference session ran', 'Secret %s created' % U1 in ref, ref[:400])
    ok = ref == ours
    detail = ''
    if not ok:
        import difflib
        detail = '\n' + ''.join(difflib.unified_diff(ref.splitlines(True), ours.splitlines(True),
                                                      'libvirtd', 'vireod'))
    check('stock virsh: vireod prints exactly what libvirtd prints (%d lines: secret-* '
          'output and errors)' % ref.count('\n'), ok, detail)


DAEMON_URI = ['']


def main():
    tmp = tempfile.mkdtemp(prefix='vireo-secret-')
    root = os.path.join(tmp, 'root')
    os.makedirs(root)
    daemon = None
    try:
        daemon = Daemon(root)
        DAEMON_URI[0] = daemon.uri()
        virsh = make_virsh(daemon.uri(), find_binary('virsh'))
        stock = make_virsh(daemon.uri(), STOCK_VIRSH)
        basics(virsh, stock, tmp, root)
        python_binding(daemon.uri())
        events(daemon.uri(), tmp)
        persistence(daemon, virsh, stock)
        luks_volumes(virsh, stock, tmp, root)
        iscsi_chap(virsh, stock, tmp)
        libvirtd_compare(tmp)
    except Exception as e:   # a broken fixture is a failure, never a pass
        check('suite ran to the end', False, repr(e))
    finally:
        if daemon:
            daemon.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print('%d passed, %d failed' % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == '__main__':
    sys.exit(main())
