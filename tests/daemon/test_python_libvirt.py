#!/usr/bin/env python3
"""python3-libvirt (Debian's binding on Debian's libvirt client library)
talks to vireod over its socket: list, look up, read info and XML,
create and destroy a transient guest, and get proper errors."""
import libvirt

from vireod_fixture import Results, Vireod

TRANSIENT = """<domain type='test'>
  <name>pytransient</name>
  <uuid>12345678-1234-1234-1234-123456789abc</uuid>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>"""


def main():
    r = Results()
    # the binding prints errors to stderr unless told otherwise
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    with Vireod() as d:
        conn = libvirt.open(d.uri())
        r.check(conn is not None, 'open')
        r.check(conn.getType() == 'TEST', 'getType %r' % conn.getType())
        r.check(conn.getLibVersion() == 9000000, 'getLibVersion %r' % conn.getLibVersion())
        doms = conn.listAllDomains()
        r.check([x.name() for x in doms] == ['test'], 'listAllDomains %r' % doms)
        dom = conn.lookupByName('test')
        r.check(dom.UUIDString() == '6695eb01-f6a4-8304-79aa-97f2502e193f', 'UUID')
        info = dom.info()
        r.check(info[0] == libvirt.VIR_DOMAIN_RUNNING and info[1] == 8388608
                and info[3] == 2, 'info %r' % (info,))
        xml = dom.XMLDesc()
        r.check("<name>test</name>" in xml and "<domain type='test' id='1'>" in xml, 'XMLDesc')
        r.check(dom.state() == [libvirt.VIR_DOMAIN_RUNNING, 0], 'state %r' % dom.state())

        t = conn.createXML(TRANSIENT)
        r.check(t.name() == 'pytransient' and t.isActive() == 1 and t.isPersistent() == 0,
                'createXML transient')
        r.check(sorted(x.name() for x in conn.listAllDomains()) == ['pytransient', 'test'],
                'transient listed')
        t.destroy()
        r.check('pytransient' not in [x.name() for x in conn.listAllDomains()],
                'transient gone after destroy')

        try:
            conn.lookupByName('nosuch')
            r.check(False, 'lookup of a missing domain raised nothing')
        except libvirt.libvirtError as e:
            r.check(e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN and
                    e.get_error_domain() == libvirt.VIR_FROM_TEST and
                    str(e) == 'Domain not found',
                    'missing domain error: %d %d %s' % (e.get_error_code(),
                                                        e.get_error_domain(), e))
        try:
            t.destroy()
            r.check(False, 'destroy of a vanished transient raised nothing')
        except libvirt.libvirtError as e:
            r.check(e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN, 'vanished domain %s' % e)

        nets = conn.listAllNetworks()
        r.check([n.name() for n in nets] == ['default'], 'networks')
        pool = conn.storagePoolLookupByName('default-pool')
        r.check(pool.info()[0] == libvirt.VIR_STORAGE_POOL_RUNNING, 'pool info')
        r.check(conn.getHostname() != '', 'hostname')
        conn.close()

        ro = libvirt.openReadOnly(d.uri(ro=True))
        try:
            ro.lookupByName('test').destroy()
            r.check(False, 'read-only destroy succeeded')
        except libvirt.libvirtError as e:
            r.check(e.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED and
                    'read only access prevents virDomainDestroy' in str(e), 'ro error %s' % e)
        r.check(ro.lookupByName('test').isActive() == 1, 'read-only reads work')
        ro.close()
        r.check(d.alive(), 'daemon alive at the end')
    r.finish()


if __name__ == '__main__':
    main()
