#!/usr/bin/env python3
"""Domain events over the wire: python3-libvirt callbacks and `virsh event`
(stock and ours) receive what vireod's test:///default does.

Connections to test:///default share one state, as in libvirtd, so one
client's actions are another client's events.  The expected texts were
recorded with stock virsh against libvirtd's test:///default."""
import re
import socket
import struct
import subprocess
import threading
import time

import libvirt

from test_protocol_robustness import (MESSAGE, OK, REMOTE, REPLY, frame, parse_error,
                                      recv_frame, xdr_string)
from vireod_fixture import Results, Vireod, find_binary

STOCK = '/usr/bin/virsh'

LOOP_EXPECTED = (
    "event 'lifecycle' for domain 'test': Stopped Destroyed\n"
    "event 'lifecycle' for domain 'test': Started Booted\n"
    "event 'lifecycle' for domain 'test': Suspended Paused\n"
    "event 'lifecycle' for domain 'test': Resumed Unpaused\n"
    "event 'metadata-change' for domain 'test': type description, uri <null>\n"
    "event loop timed out\n"
    "events received: 5\n"
    "\n")

ACTIONS = 'destroy test; start test; suspend test; resume test; desc test hello'


def event_loop():
    libvirt.virEventRegisterDefaultImpl()

    def run():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=run, daemon=True).start()


def wait_for(cond, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def python_events(r, d):
    conn = libvirt.open(d.uri())
    other = libvirt.open(d.uri())
    got, onlytest, legacy, meta = [], [], [], []

    def lifecycle(c, dom, event, detail, opaque):
        opaque.append((dom.name(), event, detail))
        return 0

    def metadata(c, dom, mtype, nsuri, opaque):
        opaque.append((dom.name(), mtype, nsuri))

    all_id = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         lifecycle, got)
    test_id = conn.domainEventRegisterAny(conn.lookupByName('test'),
                                          libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          lifecycle, onlytest)
    meta_id = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                          metadata, meta)
    conn.domainEventRegister(lifecycle, legacy)
    r.check(all_id != test_id, 'two registrations, two ids (%r %r)' % (all_id, test_id))

    # the actions come from the other connection: the state is shared
    dom = other.lookupByName('test')
    dom.destroy()
    dom.create()
    dom.suspend()
    dom.resume()
    dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, 'hi', None, None)
    t = other.defineXML("<domain type='test'><name>evdom</name><memory>65536</memory>"
                        "<os><type>hvm</type></os></domain>")
    t.undefine()

    want = [('test', libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
            ('test', libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED),
            ('test', libvirt.VIR_DOMAIN_EVENT_SUSPENDED,
             libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
            ('test', libvirt.VIR_DOMAIN_EVENT_RESUMED,
             libvirt.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
            ('evdom', libvirt.VIR_DOMAIN_EVENT_DEFINED, libvirt.VIR_DOMAIN_EVENT_DEFINED_ADDED),
            ('evdom', libvirt.VIR_DOMAIN_EVENT_UNDEFINED,
             libvirt.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)]
    r.check(wait_for(lambda: len(got) >= 6 and len(legacy) >= 6), 'lifecycle events arrive')
    r.check(got == want, 'lifecycle events %r' % got)
    r.check(legacy == want, 'legacy registration gets them too %r' % legacy)
    r.check(onlytest == want[:4], 'per-domain registration filters %r' % onlytest)
    r.check(meta == [('test', libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, None)],
            'metadata-change %r' % meta)

    conn.domainEventDeregisterAny(all_id)
    conn.domainEventDeregisterAny(test_id)
    conn.domainEventDeregisterAny(meta_id)
    conn.domainEventDeregister(lifecycle)
    try:
        conn.domainEventDeregisterAny(all_id)
        r.check(False, 'second deregistration succeeded')
    except libvirt.libvirtError as e:
        r.check(e.get_error_code() == libvirt.VIR_ERR_INVALID_ARG, 'deregister twice: %s' % e)
    before = len(got)
    dom.destroy()
    dom.create()
    time.sleep(0.3)
    r.check(len(got) == before, 'no events after deregistration')
    other.close()
    conn.close()


def virsh(binary, uri, line, **kw):
    return subprocess.run([binary, '-c', uri, line], capture_output=True, text=True,
                          timeout=60, **kw)


def listen(binary, uri, line):
    return subprocess.Popen([binary, '-c', uri, line], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def virsh_events(r, d):
    ours = find_binary('virsh')
    uri = d.uri()
    for listener, actor in ((STOCK, ours), (ours, STOCK), (ours, ours)):
        who = '%s listens, %s acts' % ('stock' if listener == STOCK else 'ours',
                                        'stock' if actor == STOCK else 'ours')
        p = listen(listener, uri, 'event --all --loop --timeout 3')
        time.sleep(1)
        act = virsh(actor, uri, ACTIONS)
        out, err = p.communicate(timeout=30)
        r.check(act.returncode == 0, '%s: actions ran: %s' % (who, act.stderr))
        r.check(out == LOOP_EXPECTED and err == '' and p.returncode == 0,
                '%s: --loop output %r %r %d' % (who, out, err, p.returncode))

        # one-shot, filtered by domain and kind, with a timestamp
        p = listen(listener, uri, 'event --domain test --event lifecycle --timestamp '
                                  '--timeout 10')
        time.sleep(1)
        virsh(actor, uri, 'desc test again; destroy test; start test')
        out, err = p.communicate(timeout=30)
        ok = re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: event 'lifecycle' "
                          r"for domain 'test': Stopped Destroyed\nevents received: 1\n\n", out)
        r.check(ok is not None and p.returncode == 0, '%s: one-shot %r %r' % (who, out, err))

    # nothing happens: a timeout, exit status 1
    for binary in (STOCK, ours):
        out = virsh(binary, uri, 'event --all --timeout 1')
        r.check(out.stdout == 'event loop timed out\nevents received: 0\n\n' and
                out.returncode == 1, 'quiet timeout (%s): %r' % (binary, out.stdout))


def legacy_events(r, d):
    """Clients that predate callback ids register with REGISTER (105) or
    REGISTER_ANY (167) and get the bare messages (107 for lifecycle)."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(d.sock)
    s.settimeout(10)
    serial = [0]
    events = []

    def call(proc, payload=b''):
        serial[0] += 1
        s.sendall(frame(REMOTE, proc, payload, serial=serial[0]))
        while True:
            got = recv_frame(s)
            if got is None:
                return None
            hdr, body = got
            if hdr[3] == MESSAGE:
                events.append((hdr[2], body))
            elif hdr[3] == REPLY and hdr[4] == serial[0]:
                return hdr[5], body

    def lifecycle(body):
        (n,) = struct.unpack('>I', body[:4])
        name = body[4:4 + n].decode()
        off = 4 + n + (-n % 4) + 16
        return (name,) + struct.unpack('>iii', body[off:off + 12])

    r.check(call(1, struct.pack('>I', 1) + xdr_string('test:///default') +
                 struct.pack('>I', 0))[0] == OK, 'raw open')
    r.check(call(167, struct.pack('>i', 0)) == (OK, b''), 'REGISTER_ANY lifecycle')
    status, body = call(167, struct.pack('>i', 0))
    r.check(status != OK and parse_error(body)[2] ==
            'internal error: domain event 0 already registered', 'registered twice: %r' % body)
    status, dom = call(23, xdr_string('test'))
    r.check(status == OK, 'lookup test')
    r.check(call(12, dom)[0] == OK, 'destroy')
    r.check(call(9, dom[:-4] + struct.pack('>i', -1))[0] == OK, 'start')
    # the events may come after the replies
    deadline = time.time() + 5
    s.settimeout(0.2)
    while len(events) < 2 and time.time() < deadline:
        try:
            got = recv_frame(s)
        except socket.timeout:
            continue
        if got and got[0][3] == MESSAGE:
            events.append((got[0][2], got[1]))
    s.settimeout(10)
    r.check([(p, lifecycle(b)[0], lifecycle(b)[2:]) for p, b in events] ==
            [(107, 'test', (5, 1)), (107, 'test', (2, 0))],
            'bare lifecycle messages: %r' % [(p, lifecycle(b)) for p, b in events])
    r.check(call(168, struct.pack('>i', 0)) == (OK, b''), 'DEREGISTER_ANY')
    status, body = call(168, struct.pack('>i', 0))
    r.check(status != OK and parse_error(body)[2] ==
            'internal error: domain event 0 not registered', 'deregistered twice')
    r.check(call(105) == (OK, struct.pack('>i', 1)), 'REGISTER (lifecycle only)')
    r.check(call(106) == (OK, struct.pack('>i', 0)), 'DEREGISTER')
    s.close()


def main():
    r = Results()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    event_loop()
    with Vireod() as d:
        python_events(r, d)
        legacy_events(r, d)
        virsh_events(r, d)
        r.check(d.alive(), 'daemon alive at the end')
    r.finish()


if __name__ == '__main__':
    main()
