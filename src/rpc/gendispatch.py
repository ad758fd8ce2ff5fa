#!/usr/bin/env python3
"""Generate Vireo's RPC glue from vireo_protocol.x.

usage: gendispatch.py server|client|table PROTOCOL.x DRIVER.h PUBLIC_HEADER_DIR OUT.c [MANUAL.c...]

For every procedure marked "@gen: simple" in the protocol file, a call is
one public API function whose parameters are the args struct's members in
order (the connection first when the first member is not an object) and
whose result is the ret struct's single member (or 0/-1 with no ret).

  server  writes the daemon's handlers for simple procedures and the
          dispatch table, which also lists every hand-written handler
          found in the MANUAL.c files (functions named remoteDispatchNAME).
  table   writes the name and payload filters of every procedure.
  client  writes the remote driver's functions for simple procedures whose
          driver slot exists in DRIVER.h, and remoteFillGenerated(), which
          plugs them into the driver tables.

A simple procedure whose API or driver slot does not exist is skipped: the
daemon then answers "unknown procedure", the client reports the function
as unsupported.
"""
import os
import re
import sys

OBJECTS = {
    'vrp_nonnull_domain': ('vrDomain', 'Domain', 'vrDomainFree', '{0}->conn'),
    'vrp_nonnull_network': ('vrNetwork', 'Network', 'vrNetworkFree', '{0}->conn'),
    'vrp_nonnull_storage_pool': ('vrStoragePool', 'StoragePool', 'vrStoragePoolFree',
                                 '{0}->conn'),
    'vrp_nonnull_storage_vol': ('vrStorageVol', 'StorageVol', 'vrStorageVolFree', '{0}->conn'),
    'vrp_nonnull_interface': ('vrInterface', 'Interface', 'vrInterfaceFree', '{0}->conn'),
    'vrp_nonnull_domain_snapshot': ('vrDomainSnapshot', 'DomainSnapshot', 'vrDomainSnapshotFree',
                                    '{0}->domain->conn'),
    'vrp_nonnull_secret': ('vrSecret', 'Secret', 'vrSecretFree', '{0}->conn'),
}
SCALARS = {'int', 'unsigned int', 'hyper', 'unsigned hyper'}
STRINGS = {'vrp_nonnull_string', 'vrp_string'}

# Procedures a client may call before CONNECT_OPEN.
NO_CONN = {'CONNECT_OPEN', 'CONNECT_CLOSE', 'AUTH_LIST', 'CONNECT_SUPPORTS_FEATURE',
           'AUTH_SASL_INIT', 'AUTH_SASL_START', 'AUTH_SASL_STEP', 'AUTH_POLKIT'}


def camel(proc):
    return ''.join(w.capitalize() for w in proc.lower().split('_'))


def parse_protocol(path):
    text = open(path).read()
    structs = {}
    for m in re.finditer(r'struct\s+(\w+)\s*\{(.*?)\};', text, re.S):
        members = []
        body = re.sub(r'/\*.*?\*/', '', m.group(2), flags=re.S)
        for decl in body.split(';'):
            decl = ' '.join(decl.split())
            if not decl:
                continue
            dm = re.match(r'(.+?)\s*(\*?)\s*(\w+)\s*([<\[].*)?$', decl)
            if not dm:
                raise SystemExit('cannot parse member %r of %s' % (decl, m.group(1)))
            typ, ptr, name, arr = dm.groups()
            members.append({'type': typ.strip(), 'ptr': bool(ptr), 'name': name,
                            'array': arr is not None})
        structs[m.group(1)] = members
    procs = []
    enum = re.search(r'enum\s+vrp_procedure\s*\{(.*?)\};', text, re.S).group(1)
    for m in re.finditer(r'/\*\s*@gen:\s*(\w+)(?:\s+@api:\s*(\w+))?\s*\*/\s*VRP_PROC_(\w+)\s*=\s*(\d+)',
                         enum):
        procs.append({'gen': m.group(1), 'api': m.group(2), 'name': m.group(3),
                      'num': int(m.group(4))})
    return structs, procs


def parse_driver(path):
    """Slots of each driver table: {slot: (table, return type, [params])}."""
    text = open(path).read()
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    slots = {}
    for m in re.finditer(r'typedef\s+struct\s*\{(.*?)\}\s*(vr\w+Driver)\s*;', text, re.S):
        table = m.group(2)
        for sm in re.finditer(r'([\w\s\*]+?)\(\s*\*\s*(\w+)\s*\)\s*\(([^;]*?)\)\s*;', m.group(1)):
            ret = ' '.join(sm.group(1).split())
            params = [' '.join(p.split()) for p in sm.group(3).split(',')]
            slots[sm.group(2)] = (table, ret, params)
    return slots


def parse_public_api(incdir):
    names = set()
    for f in os.listdir(incdir):
        if f.endswith('.h'):
            for m in re.finditer(r'\b(vr[A-Z]\w*)\s*\(', open(os.path.join(incdir, f)).read()):
                names.add(m.group(1))
    return names


def api_name(proc):
    if proc['api']:
        return 'vr' + proc['api'][3:]
    return 'vr' + camel(proc['name'])


def param_name(param):
    return re.match(r'.*?(\w+)$', param).group(1)


def struct_or_none(structs, name):
    return structs.get(name)


def simple_shape(structs, proc):
    """(args members, ret member or None) if the procedure fits the simple rule."""
    low = proc['name'].lower()
    args = struct_or_none(structs, 'vrp_%s_args' % low) or []
    ret = struct_or_none(structs, 'vrp_%s_ret' % low)
    for a in args:
        if a['array'] or a['ptr']:
            return None
        if a['type'] not in OBJECTS and a['type'] not in SCALARS and \
           a['type'] not in STRINGS and a['type'] != 'vrp_uuid':
            return None
    if ret is not None:
        if len(ret) != 1 or ret[0]['array'] or ret[0]['ptr']:
            return None
        t = ret[0]['type']
        if t not in OBJECTS and t not in SCALARS and t not in STRINGS:
            return None
    return args, (ret[0] if ret else None)


# ---------------------------------------------------------------- server

def server_call_arg(a):
    t, n = a['type'], a['name']
    if t in OBJECTS:
        return 'o_' + n
    if t == 'vrp_string':
        return 'vrRemoteString(args->%s)' % n
    if t == 'vrp_uuid':
        return '(const unsigned char *)args->%s' % n
    return 'args->%s' % n


def gen_server_handler(proc, args, ret, api):
    low = proc['name'].lower()
    out = []
    out.append('int')
    out.append('remoteDispatch%s(vrNetServerClient *client G_GNUC_UNUSED, vrRemoteClient *priv,'
               % camel(proc['name']))
    out.append('    const vrNetHeader *hdr G_GNUC_UNUSED, void *argsv G_GNUC_UNUSED, '
               'void *retv G_GNUC_UNUSED)')
    out.append('{')
    if args:
        out.append('    vrp_%s_args *args = argsv;' % low)
    if ret:
        out.append('    vrp_%s_ret *ret = retv;' % low)
    out.append('    vrConnect *conn = priv->conn;')
    objs = [a for a in args if a['type'] in OBJECTS]
    for a in objs:
        ctype, kind, _, _ = OBJECTS[a['type']]
        out.append('    %s *o_%s = vrRemoteGet%s(conn, &args->%s);' % (ctype, a['name'], kind, a['name']))
    callargs = [server_call_arg(a) for a in args]
    if not args or args[0]['type'] not in OBJECTS:
        callargs.insert(0, 'conn')
    call = '%s(%s)' % (api, ', '.join(callargs))
    frees = ['    %s(o_%s);' % (OBJECTS[a['type']][2], a['name']) for a in objs]
    if ret is None:
        out.append('    int r = %s;' % call)
        out.extend(frees)
        out.append('    return r < 0 ? -1 : 0;')
    elif ret['type'] in OBJECTS:
        ctype, kind, free, _ = OBJECTS[ret['type']]
        out.append('    %s *r = %s;' % (ctype, call))
        out.extend(frees)
        out.append('    if (!r)')
        out.append('        return -1;')
        out.append('    vrRemoteCopy%s(&ret->%s, r);' % (kind, ret['name']))
        out.append('    %s(r);' % free)
        out.append('    return 0;')
    elif ret['type'] == 'vrp_nonnull_string':
        out.append('    char *r = %s;' % call)
        out.extend(frees)
        out.append('    if (!r)')
        out.append('        return -1;')
        out.append('    ret->%s = r;' % ret['name'])
        out.append('    return 0;')
    elif ret['type'] == 'vrp_string':
        out.append('    char *r = %s;' % call)
        out.extend(frees)
        out.append('    if (!r && vrErrorIsSet())')
        out.append('        return -1;')
        out.append('    ret->%s = vrRemoteStringNew(r);' % ret['name'])
        out.append('    g_free(r);')
        out.append('    return 0;')
    elif ret['type'] in ('hyper', 'unsigned hyper'):
        # these APIs return 0 on error, which is also a value
        out.append('    vrResetLastError();')
        out.append('    unsigned long long r = %s;' % call)
        out.extend(frees)
        out.append('    if (r == 0 && vrErrorIsSet())')
        out.append('        return -1;')
        out.append('    ret->%s = r;' % ret['name'])
        out.append('    return 0;')
    else:
        out.append('    int r = %s;' % call)
        out.extend(frees)
        out.append('    if (r < 0)')
        out.append('        return -1;')
        out.append('    ret->%s = r;' % ret['name'])
        out.append('    return 0;')
    out.append('}')
    return out


def gen_server(structs, procs, public, manual_files):
    manual = set()
    for f in manual_files:
        for m in re.finditer(r'^remoteDispatch(\w+)\(', open(f).read(), re.M):
            manual.add(m.group(1))
    out = ['/* Generated by gendispatch.py from vireo_protocol.x: do not edit. */',
           '#include <config.h>', '', '#include "remote_dispatch_gen.h"', '']
    table = []
    for p in procs:
        name = camel(p['name'])
        handler = None
        if name in manual:
            handler = 'remoteDispatch' + name
        elif p['gen'] == 'simple':
            shape = simple_shape(structs, p)
            api = api_name(p)
            if shape and api in public:
                out.extend(gen_server_handler(p, shape[0], shape[1], api))
                out.append('')
                handler = 'remoteDispatch' + name
        if handler:
            table.append((p, handler))
    out.append('static const vrRemoteProc remoteProcs[] = {')
    for p, handler in sorted(table, key=lambda t: t[0]['num']):
        low = p['name'].lower()
        a = 'vrp_%s_args' % low
        r = 'vrp_%s_ret' % low
        out.append('    { %d, "%s", %s, %s, %s, %s, %s, %s },' % (
            p['num'], p['name'],
            '(xdrproc_t)xdr_' + a if a in structs else 'NULL',
            'sizeof(%s)' % a if a in structs else '0',
            '(xdrproc_t)xdr_' + r if r in structs else 'NULL',
            'sizeof(%s)' % r if r in structs else '0',
            handler, 'false' if p['name'] in NO_CONN else 'true'))
    out.append('};')
    out.append('')
    out.append('const vrRemoteProc *')
    out.append('vrRemoteProcLookup(int proc)')
    out.append('{')
    out.append('    size_t lo = 0, hi = G_N_ELEMENTS(remoteProcs);')
    out.append('')
    out.append('    while (lo < hi) {')
    out.append('        size_t mid = (lo + hi) / 2;')
    out.append('        if (remoteProcs[mid].proc == proc)')
    out.append('            return &remoteProcs[mid];')
    out.append('        if (remoteProcs[mid].proc < proc)')
    out.append('            lo = mid + 1;')
    out.append('        else')
    out.append('            hi = mid;')
    out.append('    }')
    out.append('    return NULL;')
    out.append('}')
    hdr = ['/* Generated by gendispatch.py from vireo_protocol.x: do not edit. */']
    hdr.append('#include "remote_dispatch.h"')
    for p, handler in table:
        hdr.append('int %s(vrNetServerClient *client, vrRemoteClient *priv, '
                   'const vrNetHeader *hdr, void *argsv, void *retv);' % handler)
    return '\n'.join(out) + '\n', '\n'.join(hdr) + '\n'


# ---------------------------------------------------------------- client

def error_value(rettype):
    if '*' in rettype:
        return 'NULL'
    if rettype in ('unsigned long long', 'unsigned long'):
        return '0'
    return '-1'


def client_arg(a, pname, decls, prep):
    t, n = a['type'], a['name']
    if t in OBJECTS:
        prep.append('    vrRemoteBorrow%s(&args.%s, %s);' % (OBJECTS[t][1], n, pname))
    elif t == 'vrp_nonnull_string':
        prep.append('    args.%s = (char *)%s;' % (n, pname))
    elif t == 'vrp_string':
        decls.append('    const char *s_%s;' % n)
        prep.append('    args.%s = vrRemoteStringBorrow(&s_%s, %s);' % (n, n, pname))
    elif t == 'vrp_uuid':
        prep.append('    memcpy(args.%s, %s, VR_UUID_BUFLEN);' % (n, pname))
    else:
        prep.append('    args.%s = %s;' % (n, pname))


def gen_client_func(proc, args, ret, slot, sig):
    table, rettype, params = sig
    low = proc['name'].lower()
    pnames = [param_name(p) for p in params]
    first_obj = bool(args) and args[0]['type'] in OBJECTS
    if first_obj:
        conn = OBJECTS[args[0]['type']][3].format(pnames[0])
        mapped = pnames
    else:
        conn = pnames[0]
        mapped = pnames[1:]
    if len(mapped) != len(args):
        return None
    err = error_value(rettype)
    decls, prep = [], []
    if args:
        decls.append('    vrp_%s_args args;' % low)
        prep.append('    memset(&args, 0, sizeof(args));')
    if ret:
        decls.append('    vrp_%s_ret ret;' % low)
        prep.append('    memset(&ret, 0, sizeof(ret));')
    for a, pname in zip(args, mapped):
        client_arg(a, pname, decls, prep)
    out = ['static %s' % rettype, 'remote%s(%s)' % (camel(proc['name']), ', '.join(params)), '{']
    out.extend(decls)
    out.append('')
    out.extend(prep)
    out.append('    if (remoteCall(%s, VRP_PROC_%s,' % (conn, proc['name']))
    out.append('                   %s, %s,' % ('(xdrproc_t)xdr_vrp_%s_args' % low if args else 'NULL',
                                               '&args' if args else 'NULL'))
    out.append('                   %s, %s) < 0)' % ('(xdrproc_t)xdr_vrp_%s_ret' % low if ret else 'NULL',
                                                    '&ret' if ret else 'NULL'))
    out.append('        return %s;' % err)
    freeret = '    xdr_free((xdrproc_t)xdr_vrp_%s_ret, (char *)&ret);' % low
    if ret is None:
        out.append('    return 0;')
    elif ret['type'] in OBJECTS:
        kind = OBJECTS[ret['type']][1]
        out.append('    %s%srv = vrRemoteGet%s(%s, &ret.%s);' % (rettype, '' if rettype.endswith('*') else ' ', kind, conn, ret['name']))
        out.append(freeret)
        out.append('    return rv;')
    elif ret['type'] == 'vrp_nonnull_string':
        out.append('    char *rv = g_strdup(ret.%s);' % ret['name'])
        out.append(freeret)
        out.append('    return rv;')
    elif ret['type'] == 'vrp_string':
        out.append('    char *rv = g_strdup(ret.%s ? *ret.%s : NULL);' % (ret['name'], ret['name']))
        out.append(freeret)
        out.append('    return rv;')
    else:
        out.append('    return ret.%s;' % ret['name'])
    out.append('}')
    return out


def gen_client(structs, procs, slots):
    out = ['/* Generated by gendispatch.py from vireo_protocol.x: do not edit. */',
           '#include <config.h>', '', '#include <string.h>', '', '#include "remote_driver_priv.h"', '']
    fills = []
    for p in procs:
        if p['gen'] != 'simple':
            continue
        shape = simple_shape(structs, p)
        if not shape:
            continue
        api = api_name(p)
        slot = api[2].lower() + api[3:]
        if slot not in slots:
            continue
        func = gen_client_func(p, shape[0], shape[1], slot, slots[slot])
        if func is None:
            sys.stderr.write('gendispatch: %s: driver slot %s does not match the protocol\n'
                             % (p['name'], slot))
            continue
        out.extend(func)
        out.append('')
        fills.append((slots[slot][0], slot, 'remote' + camel(p['name'])))
    out.append('void')
    out.append('remoteFillGenerated(vrHypervisorDriver *hv, vrNetworkDriver *net, '
               'vrStorageDriver *st, vrInterfaceDriver *iface, vrSecretDriver *sec)')
    out.append('{')
    var = {'vrHypervisorDriver': 'hv', 'vrNetworkDriver': 'net', 'vrStorageDriver': 'st',
           'vrInterfaceDriver': 'iface', 'vrSecretDriver': 'sec'}
    for table, slot, func in fills:
        if table in var:
            out.append('    %s->%s = %s;' % (var[table], slot, func))
    out.append('    (void)hv; (void)net; (void)st; (void)iface;')
    out.append('}')
    return '\n'.join(out) + '\n'


def gen_table(structs, procs):
    """Every procedure's name and payload filters, for logging and fuzzing."""
    out = ['/* Generated by gendispatch.py from vireo_protocol.x: do not edit. */',
           '#include <config.h>', '', '#include "rpc/vireo_protocol.h"',
           '#include "rpc/vrprocinfo.h"', '',
           'static const vrProcInfo procs[] = {']
    for p in sorted(procs, key=lambda p: p['num']):
        low = p['name'].lower()
        a, r = 'vrp_%s_args' % low, 'vrp_%s_ret' % low
        m = 'vrp_%s_msg' % low
        ret = r if r in structs else (m if m in structs else None)
        out.append('    { %d, "%s", %s, %s, %s, %s },' % (
            p['num'], p['name'],
            '(xdrproc_t)xdr_' + a if a in structs else 'NULL',
            'sizeof(%s)' % a if a in structs else '0',
            '(xdrproc_t)xdr_' + ret if ret else 'NULL',
            'sizeof(%s)' % ret if ret else '0'))
    out.append('};')
    out.append('')
    out.append('const vrProcInfo *')
    out.append('vrProcInfoLookup(int proc)')
    out.append('{')
    out.append('    size_t lo = 0, hi = G_N_ELEMENTS(procs);')
    out.append('')
    out.append('    while (lo < hi) {')
    out.append('        size_t mid = (lo + hi) / 2;')
    out.append('        if (procs[mid].proc == proc)')
    out.append('            return &procs[mid];')
    out.append('        if (procs[mid].proc < proc)')
    out.append('            lo = mid + 1;')
    out.append('        else')
    out.append('            hi = mid;')
    out.append('    }')
    out.append('    return NULL;')
    out.append('}')
    out.append('')
    out.append('const vrProcInfo *')
    out.append('vrProcInfoAt(size_t i)')
    out.append('{')
    out.append('    return i < G_N_ELEMENTS(procs) ? &procs[i] : NULL;')
    out.append('}')
    return '\n'.join(out) + '\n'


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__)
    mode, proto, driver, incdir, outpath = sys.argv[1:6]
    manual = sys.argv[6:]
    structs, procs = parse_protocol(proto)
    if mode == 'server':
        code, header = gen_server(structs, procs, parse_public_api(incdir), manual)
        open(outpath, 'w').write(code)
        open(os.path.splitext(outpath)[0] + '.h', 'w').write(header)
    elif mode == 'table':
        open(outpath, 'w').write(gen_table(structs, procs))
    elif mode == 'client':
        open(outpath, 'w').write(gen_client(structs, procs, parse_driver(driver)))
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
