/*
 * nwfilter_conf.c: <filter> and <filterbinding> parsing and formatting.
 *
 * The attribute tables give, per protocol, the attributes in the order
 * libvirt prints them, their type and whether match='no' applies to them
 * (masks and range ends follow the attribute they qualify).  Parsing
 * follows libvirt's leniency: numbers may be decimal or hex (hex ones stay
 * hex), several elements of the rule's protocol merge, unknown elements
 * and attributes are skipped, an invalid filterref parameter is dropped.
 *
 * Where libvirt 9.0 loses data or writes what it cannot read back, the
 * formatting here stays readable instead: names and comments are
 * escaped, ipset/ipsetflags are kept as given on every protocol, dstipto
 * of the IPv6 protocols takes IPv6 addresses, and a zero chain priority
 * on a chain whose default is not zero is printed.
 */
#include <config.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf_common.h"
#include "nwfilter_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_NWFILTER

VR_ENUM_IMPL(vrNWFilterAction, VR_NWFILTER_ACTION_LAST,
             "drop", "accept", "reject", "return", "continue");

VR_ENUM_IMPL(vrNWFilterDirection, VR_NWFILTER_DIRECTION_LAST, "in", "out", "inout");

VR_ENUM_IMPL(vrNWFilterProtocol, VR_NWFILTER_PROTO_LAST,
             "mac", "vlan", "stp", "arp", "rarp", "ip", "ipv6", "tcp", "udp", "sctp",
             "icmp", "igmp", "esp", "ah", "udplite", "all", "tcp-ipv6", "udp-ipv6",
             "sctp-ipv6", "icmpv6", "esp-ipv6", "ah-ipv6", "udplite-ipv6", "all-ipv6");

#define VR_NWFILTER_MAX_ITERATOR 1000
#define VR_NWFILTER_MAX_COMMENT 256
#define VR_NWFILTER_MAX_IPSET_NAME 31
#define VR_NWFILTER_DEFAULT_RULE_PRIORITY 500

typedef enum {
    DT_MAC,
    DT_MAC_MASK,     /* leading ones only */
    DT_IPV4,
    DT_IPV4_MASK,
    DT_IPV6,
    DT_IPV6_MASK,
    DT_UINT8,
    DT_UINT16,
    DT_UINT32,
    DT_DSCP,         /* 0..63 */
    DT_VLANID,       /* 0..4095 */
    DT_ETHERTYPE,    /* protocolid: >= 0x600 or arp/rarp/ipv4/ipv6 */
    DT_ENCAP,        /* encap-protocol: >= 0x3c or the same names */
    DT_IPPROTO,      /* 0..255 or tcp, udp ... */
    DT_OPCODE,       /* 0..65535 or Request, Reply ... */
    DT_CONNLIMIT,    /* decimal 0..65535 */
    DT_BOOLEAN,
    DT_COMMENT,
    DT_STATE,
    DT_TCPFLAGS,
    DT_IPSET,
    DT_IPSETFLAGS,
} vrNWFilterDataType;

/* A qualifier (a mask, the end of a range, an ICMP code) has no match=
 * of its own: it is negated when the attribute it qualifies is, which is
 * how libvirt groups them when printing. */
typedef struct {
    const char *name;
    int type;            /* vrNWFilterDataType */
    const char *leader;  /* the attribute this one qualifies, or NULL */
} vrNWFilterAttrDesc;

#define MAC_ATTRS \
    { "srcmacaddr", DT_MAC, NULL }, { "srcmacmask", DT_MAC_MASK, "srcmacaddr" }, \
    { "dstmacaddr", DT_MAC, NULL }, { "dstmacmask", DT_MAC_MASK, "dstmacaddr" }

/* ARP and the IP families take MAC masks as attributes of their own. */
#define MAC_ATTRS_FREE_MASKS \
    { "srcmacaddr", DT_MAC, NULL }, { "srcmacmask", DT_MAC_MASK, NULL }, \
    { "dstmacaddr", DT_MAC, NULL }, { "dstmacmask", DT_MAC_MASK, NULL }

static const vrNWFilterAttrDesc macAttrs[] = {
    MAC_ATTRS,
    { "protocolid", DT_ETHERTYPE, NULL },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc vlanAttrs[] = {
    MAC_ATTRS,
    { "vlanid", DT_VLANID, NULL },
    { "encap-protocol", DT_ENCAP, NULL },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

#define STP_RANGE(name, type) \
    { name, type, NULL }, { name "-hi", type, name }

static const vrNWFilterAttrDesc stpAttrs[] = {
    { "srcmacaddr", DT_MAC, NULL }, { "srcmacmask", DT_MAC_MASK, "srcmacaddr" },
    { "type", DT_UINT8, NULL }, { "flags", DT_UINT8, NULL },
    STP_RANGE("root-priority", DT_UINT16),
    { "root-address", DT_MAC, NULL }, { "root-address-mask", DT_MAC_MASK, "root-address" },
    STP_RANGE("root-cost", DT_UINT32),
    STP_RANGE("sender-priority", DT_UINT16),
    { "sender-address", DT_MAC, NULL }, { "sender-address-mask", DT_MAC_MASK, "sender-address" },
    STP_RANGE("port", DT_UINT16),
    /* msg-age and msg-age-hi are documented, but libvirt 9.0 ignores them;
     * so do we, so that a filter reads back the same. */
    STP_RANGE("max-age", DT_UINT16),
    STP_RANGE("hello-time", DT_UINT16),
    STP_RANGE("forward-delay", DT_UINT16),
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc arpAttrs[] = {
    MAC_ATTRS_FREE_MASKS,
    { "hwtype", DT_UINT16, NULL },
    { "protocoltype", DT_UINT16, NULL },
    { "opcode", DT_OPCODE, NULL },
    { "arpsrcmacaddr", DT_MAC, NULL },
    { "arpdstmacaddr", DT_MAC, NULL },
    { "arpsrcipaddr", DT_IPV4, NULL },
    { "arpsrcipmask", DT_IPV4_MASK, NULL },
    { "arpdstipaddr", DT_IPV4, NULL },
    { "arpdstipmask", DT_IPV4_MASK, NULL },
    { "gratuitous", DT_BOOLEAN, NULL },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

#define L3_ATTRS(addr, mask) \
    MAC_ATTRS_FREE_MASKS, \
    { "srcipaddr", addr, NULL }, { "srcipmask", mask, "srcipaddr" }, \
    { "dstipaddr", addr, NULL }, { "dstipmask", mask, "dstipaddr" }, \
    { "protocol", DT_IPPROTO, NULL }, \
    { "srcportstart", DT_UINT16, NULL }, { "srcportend", DT_UINT16, NULL }, \
    { "dstportstart", DT_UINT16, NULL }, { "dstportend", DT_UINT16, NULL }

static const vrNWFilterAttrDesc ipAttrs[] = {
    L3_ATTRS(DT_IPV4, DT_IPV4_MASK),
    { "dscp", DT_DSCP, NULL },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc ipv6Attrs[] = {
    L3_ATTRS(DT_IPV6, DT_IPV6_MASK),
    { "type", DT_UINT8, NULL }, { "typeend", DT_UINT8, "type" },
    { "code", DT_UINT8, "type" }, { "codeend", DT_UINT8, "type" },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

/* The part shared by the protocols over IPv4 or IPv6. */
#define L4_ATTRS(addr, mask) \
    { "srcmacaddr", DT_MAC, NULL }, \
    { "srcipaddr", addr, NULL }, { "srcipmask", mask, "srcipaddr" }, \
    { "dstipaddr", addr, NULL }, { "dstipmask", mask, "dstipaddr" }, \
    { "srcipfrom", addr, NULL }, { "srcipto", addr, "srcipfrom" }, \
    { "dstipfrom", addr, NULL }, { "dstipto", addr, "dstipfrom" }, \
    { "dscp", DT_DSCP, NULL }, \
    { "connlimit-above", DT_CONNLIMIT, NULL }, \
    { "state", DT_STATE, NULL }, \
    { "ipset", DT_IPSET, NULL }, \
    { "ipsetflags", DT_IPSETFLAGS, NULL }

/* libvirt negates a whole port specification with its first attribute. */
#define PORT_ATTRS \
    { "srcportstart", DT_UINT16, NULL }, { "srcportend", DT_UINT16, "srcportstart" }, \
    { "dstportstart", DT_UINT16, "srcportstart" }, { "dstportend", DT_UINT16, "srcportstart" }

#define ICMP_ATTRS \
    { "type", DT_UINT8, NULL }, { "code", DT_UINT8, "type" }

static const vrNWFilterAttrDesc tcpAttrs[] = {
    L4_ATTRS(DT_IPV4, DT_IPV4_MASK), PORT_ATTRS,
    { "flags", DT_TCPFLAGS, NULL },
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc udpAttrs[] = {
    L4_ATTRS(DT_IPV4, DT_IPV4_MASK), PORT_ATTRS,
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc icmpAttrs[] = {
    L4_ATTRS(DT_IPV4, DT_IPV4_MASK), ICMP_ATTRS,
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc allAttrs[] = {
    L4_ATTRS(DT_IPV4, DT_IPV4_MASK),
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

/* libvirt 9.0 ignores TCP flags over IPv6. */
static const vrNWFilterAttrDesc tcp6Attrs[] = {
    L4_ATTRS(DT_IPV6, DT_IPV6_MASK), PORT_ATTRS,
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc udp6Attrs[] = {
    L4_ATTRS(DT_IPV6, DT_IPV6_MASK), PORT_ATTRS,
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc icmp6Attrs[] = {
    L4_ATTRS(DT_IPV6, DT_IPV6_MASK), ICMP_ATTRS,
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc all6Attrs[] = {
    L4_ATTRS(DT_IPV6, DT_IPV6_MASK),
    { "comment", DT_COMMENT, NULL },
    { NULL, 0, NULL }
};

static const vrNWFilterAttrDesc *const protocolAttrs[VR_NWFILTER_PROTO_LAST] = {
    [VR_NWFILTER_PROTO_MAC] = macAttrs,
    [VR_NWFILTER_PROTO_VLAN] = vlanAttrs,
    [VR_NWFILTER_PROTO_STP] = stpAttrs,
    [VR_NWFILTER_PROTO_ARP] = arpAttrs,
    [VR_NWFILTER_PROTO_RARP] = arpAttrs,
    [VR_NWFILTER_PROTO_IP] = ipAttrs,
    [VR_NWFILTER_PROTO_IPV6] = ipv6Attrs,
    [VR_NWFILTER_PROTO_TCP] = tcpAttrs,
    [VR_NWFILTER_PROTO_UDP] = udpAttrs,
    [VR_NWFILTER_PROTO_SCTP] = udpAttrs,
    [VR_NWFILTER_PROTO_ICMP] = icmpAttrs,
    [VR_NWFILTER_PROTO_IGMP] = allAttrs,
    [VR_NWFILTER_PROTO_ESP] = allAttrs,
    [VR_NWFILTER_PROTO_AH] = allAttrs,
    [VR_NWFILTER_PROTO_UDPLITE] = allAttrs,
    [VR_NWFILTER_PROTO_ALL] = allAttrs,
    [VR_NWFILTER_PROTO_TCP_IPV6] = tcp6Attrs,
    [VR_NWFILTER_PROTO_UDP_IPV6] = udp6Attrs,
    [VR_NWFILTER_PROTO_SCTP_IPV6] = udp6Attrs,
    [VR_NWFILTER_PROTO_ICMPV6] = icmp6Attrs,
    [VR_NWFILTER_PROTO_ESP_IPV6] = all6Attrs,
    [VR_NWFILTER_PROTO_AH_IPV6] = all6Attrs,
    [VR_NWFILTER_PROTO_UDPLITE_IPV6] = all6Attrs,
    [VR_NWFILTER_PROTO_ALL_IPV6] = all6Attrs,
};

/* Symbolic names of numeric values, printed instead of the number. */
typedef struct {
    const char *name;
    unsigned int value;
} vrNWFilterSymbol;

static const vrNWFilterSymbol etherTypes[] = {
    { "arp", 0x0806 }, { "rarp", 0x8035 }, { "ipv4", 0x0800 }, { "ipv6", 0x86dd },
    { NULL, 0 }
};

static const vrNWFilterSymbol ipProtocols[] = {
    { "tcp", 6 }, { "udp", 17 }, { "udplite", 136 }, { "esp", 50 }, { "ah", 51 },
    { "icmp", 1 }, { "igmp", 2 }, { "sctp", 132 }, { "icmpv6", 58 },
    { NULL, 0 }
};

static const vrNWFilterSymbol arpOpcodes[] = {
    { "Request", 1 }, { "Reply", 2 }, { "Request_Reverse", 3 }, { "Reply_Reverse", 4 },
    { "DRARP_Request", 5 }, { "DRARP_Reply", 6 }, { "DRARP_Error", 7 },
    { "InARP_Request", 8 }, { "ARP_NAK", 9 },
    { NULL, 0 }
};

/* Connection states and TCP flags in printing order (TCP flags by bit). */
static const vrNWFilterSymbol connStates[] = {
    { "NEW", 1 }, { "ESTABLISHED", 2 }, { "RELATED", 4 }, { "INVALID", 8 },
    { NULL, 0 }
};
#define VR_NWFILTER_STATE_NONE 16

static const vrNWFilterSymbol tcpFlags[] = {
    { "FIN", 0x01 }, { "SYN", 0x02 }, { "RST", 0x04 }, { "PSH", 0x08 }, { "ACK", 0x10 },
    { "URG", 0x20 },
    { NULL, 0 }
};
#define VR_NWFILTER_TCP_ALL 0x3f

const char *
vrNWFilterProtocolAttribute(int protocol, size_t index)
{
    const vrNWFilterAttrDesc *attrs;
    size_t i;

    if (protocol < 0 || protocol >= VR_NWFILTER_PROTO_LAST)
        return NULL;
    attrs = protocolAttrs[protocol];
    for (i = 0; i < index && attrs[i].name; i++)
        ;
    return attrs[i].name;
}

/* ---- lifetime ------------------------------------------------------ */

static void
vrNWFilterRuleFree(vrNWFilterRuleDef *rule)
{
    size_t i;

    if (!rule)
        return;
    for (i = 0; i < rule->nvalues; i++)
        g_free(rule->values[i].text);
    g_free(rule->values);
    g_free(rule);
}

static void
vrNWFilterIncludeClear(vrNWFilterIncludeDef *inc)
{
    size_t i;

    g_free(inc->filter);
    for (i = 0; i < inc->nparams; i++) {
        g_free(inc->params[i].name);
        g_free(inc->params[i].value);
    }
    g_free(inc->params);
}

void
vrNWFilterDefFree(vrNWFilterDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->chain);
    for (i = 0; i < def->nentries; i++) {
        vrNWFilterRuleFree(def->entries[i].rule);
        if (def->entries[i].include) {
            vrNWFilterIncludeClear(def->entries[i].include);
            g_free(def->entries[i].include);
        }
    }
    g_free(def->entries);
    g_free(def);
}

void
vrNWFilterBindingDefFree(vrNWFilterBindingDef *def)
{
    if (!def)
        return;
    g_free(def->ownerName);
    g_free(def->portdev);
    g_free(def->linkdev);
    vrNWFilterIncludeClear(&def->filter);
    g_free(def);
}

const vrNWFilterValue *
vrNWFilterRuleGetValue(const vrNWFilterRuleDef *rule, const char *attr)
{
    const vrNWFilterAttrDesc *attrs;
    size_t i;

    if (rule->protocol < 0)
        return NULL;
    attrs = protocolAttrs[rule->protocol];
    for (i = 0; attrs[i].name; i++) {
        if (g_str_equal(attrs[i].name, attr))
            return rule->values[i].set ? &rule->values[i] : NULL;
    }
    return NULL;
}

/* ---- values -------------------------------------------------------- */

/* A variable reference: $NAME, $NAME[index] or $NAME[@iterator], the
 * iterator 0 being the plain form.  Text after the closing bracket is
 * ignored, as libvirt does. */
static char *
vrNWFilterParseVariable(const char *str)
{
    const char *p = str + 1;
    g_autofree char *name = NULL;
    bool iterator;
    long long v;
    char *end;

    while (g_ascii_isalnum(*p) || *p == '_')
        p++;
    name = g_strndup(str + 1, p - str - 1);
    if (!*p)
        return g_strdup_printf("$%s", name);
    if (*p != '[')
        return NULL;
    p++;
    if ((iterator = *p == '@'))
        p++;
    if (!*p || *p == ']')
        return NULL;
    errno = 0;
    v = strtoll(p, &end, 10);
    if (errno || end == p || *end != ']')
        return NULL;
    if (iterator) {
        if (v < 0 || v > VR_NWFILTER_MAX_ITERATOR)
            return NULL;
        return v ? g_strdup_printf("$%s[@%lld]", name, v) : g_strdup_printf("$%s", name);
    }
    /* Negative indexes wrap around as in an unsigned int. */
    if (v < -(long long)G_MAXUINT || v > (long long)G_MAXUINT)
        return NULL;
    return g_strdup_printf("$%s[%u]", name, (unsigned int)v);
}

/* Six colon-separated groups of one or two hex digits. */
static int
parseMACBytes(const char *str, unsigned char *mac)
{
    const char *p = str;
    size_t i;

    for (i = 0; i < 6; i++) {
        size_t digits = 0;
        unsigned int v = 0;

        while (g_ascii_isxdigit(*p) && digits < 3) {
            v = v * 16 + g_ascii_xdigit_value(*p++);
            digits++;
        }
        if (digits == 0 || digits > 2)
            return -1;
        mac[i] = (unsigned char)v;
        if (i < 5 && *p++ != ':')
            return -1;
    }
    return *p ? -1 : 0;
}

static int maskPrefix(const unsigned char *bytes, size_t len);

static int
vrNWFilterParseMAC(const char *str, bool mask, vrNWFilterValue *val)
{
    unsigned char mac[6];

    if (parseMACBytes(str, mac) < 0 || (mask && maskPrefix(mac, 6) < 0))
        return -1;
    val->text = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
                                mac[3], mac[4], mac[5]);
    return 0;
}

static int
vrNWFilterParseIPv4(const char *str, struct in_addr *addr)
{
    const char *p;

    /* inet_aton's forms ("10.1", "010.1.2.3") are libvirt's too, but not
     * surrounding blanks. */
    for (p = str; *p; p++) {
        if (g_ascii_isspace(*p))
            return -1;
    }
    return *str && inet_aton(str, addr) ? 0 : -1;
}

static int
vrNWFilterParseIPv6(const char *str, vrNWFilterValue *val)
{
    g_autofree char *addr = g_strdup(str);
    char *scope = strchr(addr, '%');
    struct in6_addr a;
    char buf[INET6_ADDRSTRLEN];

    if (scope)
        *scope++ = '\0';
    if (inet_pton(AF_INET6, addr, &a) != 1 || !inet_ntop(AF_INET6, &a, buf, sizeof(buf)))
        return -1;
    if (scope) {
        const char *p;
        if (!*scope)
            return -1;
        for (p = scope; *p; p++) {
            if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
                return -1;
        }
        val->text = g_strdup_printf("%s%%%s", buf, scope);
    } else {
        val->text = g_strdup(buf);
    }
    return 0;
}

/* Prefix length of a contiguous mask, -1 when it has holes. */
static int
maskPrefix(const unsigned char *bytes, size_t len)
{
    size_t i;
    int prefix = 0;
    bool zeros = false;

    for (i = 0; i < len * 8; i++) {
        bool bit = bytes[i / 8] & (0x80 >> (i % 8));
        if (bit && zeros)
            return -1;
        if (bit)
            prefix++;
        else
            zeros = true;
    }
    return prefix;
}

/* A decimal number as libvirt reads unsigned ints: leading blanks and a
 * sign allowed, nothing after it, and a negative number down to
 * -4294967295 wrapping around as in 32 bits. */
static int
parseDecimal(const char *str, unsigned long long *value)
{
    long long v;
    char *end;

    if (!*str)
        return -1;
    errno = 0;
    v = strtoll(str, &end, 10);
    if (errno || end == str || *end)
        return -1;
    if (v < 0) {
        if (v < -(long long)G_MAXUINT32)
            return -1;
        *value = (unsigned int)v;
    } else {
        *value = (unsigned long long)v;
    }
    return 0;
}

static int
vrNWFilterParseMask(const char *str, bool ipv6, vrNWFilterValue *val)
{
    unsigned long long v;
    unsigned char bytes[16];
    int prefix;

    if (parseDecimal(str, &v) == 0) {
        if (v > (ipv6 ? 128u : 32u))
            return -1;
        prefix = (int)v;
    } else if (ipv6) {
        if (inet_pton(AF_INET6, str, bytes) != 1 || (prefix = maskPrefix(bytes, 16)) < 0)
            return -1;
    } else {
        struct in_addr a;
        if (vrNWFilterParseIPv4(str, &a) < 0 ||
            (prefix = maskPrefix((const unsigned char *)&a.s_addr, 4)) < 0)
            return -1;
    }
    val->number = (unsigned long long)prefix;
    val->text = g_strdup_printf("%d", prefix);
    return 0;
}

/* Decimal first, hex (with or without 0x) otherwise; hex input stays
 * hex on output. */
static int
vrNWFilterParseNumber(const char *str, unsigned long long max, bool hexAllowed,
                      vrNWFilterValue *val)
{
    unsigned long long v;
    bool hex = false;

    if (parseDecimal(str, &v) < 0) {
        char *end;
        if (!hexAllowed || !*str || strchr(str, '-'))
            return -1;
        errno = 0;
        v = strtoull(str, &end, 16);
        if (errno || end == str || *end)
            return -1;
        hex = true;
    }
    if (v > max)
        return -1;
    val->number = v;
    val->text = hex ? g_strdup_printf("0x%llx", v) : g_strdup_printf("%llu", v);
    return 0;
}

static const vrNWFilterSymbol *
symbolByName(const vrNWFilterSymbol *table, const char *name)
{
    size_t i;

    for (i = 0; table[i].name; i++) {
        if (g_ascii_strcasecmp(table[i].name, name) == 0)
            return &table[i];
    }
    return NULL;
}

static const vrNWFilterSymbol *
symbolByValue(const vrNWFilterSymbol *table, unsigned long long value)
{
    size_t i;

    for (i = 0; table[i].name; i++) {
        if (table[i].value == value)
            return &table[i];
    }
    return NULL;
}

/* A number that prints by name when it has one. */
static int
vrNWFilterParseSymbolic(const char *str, const vrNWFilterSymbol *table,
                        unsigned long long min, unsigned long long max,
                        vrNWFilterValue *val)
{
    const vrNWFilterSymbol *sym = symbolByName(table, str);

    if (!sym) {
        if (vrNWFilterParseNumber(str, max, true, val) < 0)
            return -1;
        if (val->number < min)
            return -1;
        sym = symbolByValue(table, val->number);
    }
    if (sym) {
        g_free(val->text);
        val->text = g_strdup(sym->name);
        val->number = sym->value;
    }
    return 0;
}

/* NEW,ESTABLISHED... in any order and case; NONE wins over the rest. */
static int
vrNWFilterParseState(const char *str, vrNWFilterValue *val)
{
    g_auto(GStrv) tokens = g_strsplit(str, ",", 0);
    g_autoptr(GString) text = g_string_new(NULL);
    unsigned long long mask = 0;
    size_t i;

    for (i = 0; tokens[i]; i++) {
        const vrNWFilterSymbol *sym;
        g_strstrip(tokens[i]);
        if (!*tokens[i])
            continue;
        if (g_ascii_strcasecmp(tokens[i], "NONE") == 0)
            mask |= VR_NWFILTER_STATE_NONE;
        else if ((sym = symbolByName(connStates, tokens[i])))
            mask |= sym->value;
        else
            return -1;
    }
    if (mask & VR_NWFILTER_STATE_NONE) {
        g_string_append(text, "NONE");
    } else {
        for (i = 0; connStates[i].name; i++) {
            if (mask & connStates[i].value)
                g_string_append_printf(text, "%s%s", text->len ? "," : "", connStates[i].name);
        }
    }
    val->number = mask;
    val->text = g_strdup(text->str);
    return 0;
}

static int
vrNWFilterParseTCPFlagSet(const char *str, unsigned int *mask)
{
    g_auto(GStrv) tokens = g_strsplit(str, ",", 0);
    size_t i;

    *mask = 0;
    for (i = 0; tokens[i]; i++) {
        const vrNWFilterSymbol *sym;
        g_strstrip(tokens[i]);
        if (!*tokens[i] || g_ascii_strcasecmp(tokens[i], "NONE") == 0)
            continue;
        if (g_ascii_strcasecmp(tokens[i], "ALL") == 0)
            *mask |= VR_NWFILTER_TCP_ALL;
        else if ((sym = symbolByName(tcpFlags, tokens[i])))
            *mask |= sym->value;
        else
            return -1;
    }
    return 0;
}

static void
vrNWFilterFormatTCPFlagSet(GString *out, unsigned int mask)
{
    size_t i, n = 0;

    if (mask == VR_NWFILTER_TCP_ALL) {
        g_string_append(out, "ALL");
        return;
    }
    if (!mask) {
        g_string_append(out, "NONE");
        return;
    }
    for (i = 0; tcpFlags[i].name; i++) {
        if (mask & tcpFlags[i].value)
            g_string_append_printf(out, "%s%s", n++ ? "," : "", tcpFlags[i].name);
    }
}

/* mask/flags, each a list of SYN, ACK, URG, PSH, FIN, RST, NONE, ALL. */
static int
vrNWFilterParseTCPFlags(const char *str, vrNWFilterValue *val)
{
    g_auto(GStrv) parts = g_strsplit(str, "/", 0);
    g_autoptr(GString) text = g_string_new(NULL);
    unsigned int mask, flags;

    if (g_strv_length(parts) != 2 ||
        vrNWFilterParseTCPFlagSet(parts[0], &mask) < 0 ||
        vrNWFilterParseTCPFlagSet(parts[1], &flags) < 0)
        return -1;
    vrNWFilterFormatTCPFlagSet(text, mask);
    g_string_append_c(text, '/');
    vrNWFilterFormatTCPFlagSet(text, flags);
    val->number = mask << 8 | flags;
    val->text = g_strdup(text->str);
    return 0;
}

/* One to six src/dst selectors. */
static int
vrNWFilterParseIpsetFlags(const char *str, vrNWFilterValue *val)
{
    g_auto(GStrv) tokens = g_strsplit(str, ",", 0);
    g_autoptr(GString) text = g_string_new(NULL);
    size_t i, n = g_strv_length(tokens);

    if (n < 1 || n > 6)
        return -1;
    for (i = 0; i < n; i++) {
        bool src = g_ascii_strcasecmp(tokens[i], "src") == 0;
        if (!src && g_ascii_strcasecmp(tokens[i], "dst") != 0)
            return -1;
        g_string_append_printf(text, "%s%s", i ? "," : "", src ? "src" : "dst");
        val->number |= (unsigned long long)!src << i;
    }
    val->text = g_strdup(text->str);
    return 0;
}

static int
vrNWFilterParseIpset(const char *str, vrNWFilterValue *val)
{
    const char *p;

    if (strlen(str) > VR_NWFILTER_MAX_IPSET_NAME)
        return -1;
    for (p = str; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr(" _.:-", *p))
            return -1;
    }
    val->text = g_strdup(str);
    return 0;
}

/* Comments longer than 256 bytes are cut, at a character boundary. */
static void
vrNWFilterParseComment(const char *str, vrNWFilterValue *val)
{
    size_t len = strlen(str);

    if (len > VR_NWFILTER_MAX_COMMENT) {
        len = VR_NWFILTER_MAX_COMMENT;
        while (len > 0 && ((unsigned char)str[len] & 0xc0) == 0x80)
            len--;
    }
    val->text = g_strndup(str, len);
}

static int
vrNWFilterParseIP(const char *str, bool ipv6, vrNWFilterValue *val)
{
    struct in_addr a;
    char buf[INET_ADDRSTRLEN];

    if (ipv6)
        return vrNWFilterParseIPv6(str, val);
    if (vrNWFilterParseIPv4(str, &a) < 0 || !inet_ntop(AF_INET, &a, buf, sizeof(buf)))
        return -1;
    val->text = g_strdup(buf);
    return 0;
}

static int
vrNWFilterParseTyped(int type, const char *str, vrNWFilterValue *val)
{
    switch ((vrNWFilterDataType)type) {
    case DT_MAC:
    case DT_MAC_MASK:
        return vrNWFilterParseMAC(str, type == DT_MAC_MASK, val);
    case DT_IPV4:
    case DT_IPV6:
        return vrNWFilterParseIP(str, type == DT_IPV6, val);
    case DT_IPV4_MASK:
    case DT_IPV6_MASK:
        return vrNWFilterParseMask(str, type == DT_IPV6_MASK, val);
    case DT_UINT8:
        return vrNWFilterParseNumber(str, 0xff, true, val);
    case DT_UINT16:
        return vrNWFilterParseNumber(str, 0xffff, true, val);
    case DT_UINT32:
        return vrNWFilterParseNumber(str, G_MAXUINT32, true, val);
    case DT_DSCP:
        return vrNWFilterParseNumber(str, 63, true, val);
    case DT_VLANID:
        return vrNWFilterParseNumber(str, 4095, true, val);
    case DT_CONNLIMIT:
        return vrNWFilterParseNumber(str, 0xffff, false, val);
    case DT_ETHERTYPE:
        return vrNWFilterParseSymbolic(str, etherTypes, 0x600, 0xffff, val);
    case DT_ENCAP:
        return vrNWFilterParseSymbolic(str, etherTypes, 0x3c, 0xffff, val);
    case DT_IPPROTO:
        return vrNWFilterParseSymbolic(str, ipProtocols, 0, 0xff, val);
    case DT_OPCODE:
        return vrNWFilterParseSymbolic(str, arpOpcodes, 0, 0xffff, val);
    case DT_BOOLEAN:
        val->number = g_str_equal(str, "true") || g_str_equal(str, "yes") ||
                      g_str_equal(str, "1");
        val->text = g_strdup(val->number ? "true" : "false");
        return 0;
    case DT_COMMENT:
        vrNWFilterParseComment(str, val);
        return 0;
    case DT_STATE:
        return vrNWFilterParseState(str, val);
    case DT_TCPFLAGS:
        return vrNWFilterParseTCPFlags(str, val);
    case DT_IPSET:
        return vrNWFilterParseIpset(str, val);
    case DT_IPSETFLAGS:
        return vrNWFilterParseIpsetFlags(str, val);
    }
    return -1;
}

/* Parses @str into @val (replacing what an earlier element set). */
static int
vrNWFilterParseValue(const vrNWFilterAttrDesc *desc, const char *str, bool negate,
                     vrNWFilterValue *val)
{
    vrNWFilterValue v = { 0 };

    if (str[0] == '$' && desc->type != DT_COMMENT) {
        if (!(v.text = vrNWFilterParseVariable(str)))
            goto bad;
        v.isVar = true;
    } else if (vrNWFilterParseTyped(desc->type, str, &v) < 0) {
        g_free(v.text);
        goto bad;
    }
    g_free(val->text);
    *val = v;
    val->set = true;
    val->negate = negate && !desc->leader;
    return 0;

 bad:
    vrReportError(VR_ERR_INTERNAL_ERROR, "%s has illegal value %s", desc->name, str);
    return -1;
}

/* ---- rules --------------------------------------------------------- */

/* A protocol given by a variable does not count: libvirt 9.0 still
 * checks the number the variable replaced in an earlier element, but
 * what it then prints would not read back. */
static bool
isPortProtocol(const vrNWFilterValue *proto)
{
    return proto->set && !proto->isVar &&
           (proto->number == 6 || proto->number == 17 || proto->number == 33 ||
            proto->number == 132);
}

/* libvirt checks after each protocol element that IP port ranges come
 * with a protocol that has ports. */
static int
vrNWFilterRuleValidate(const vrNWFilterRuleDef *rule)
{
    static const char *const ports[] = { "srcportstart", "srcportend", "dstportstart",
                                         "dstportend", NULL };
    const vrNWFilterAttrDesc *attrs = protocolAttrs[rule->protocol];
    const vrNWFilterValue *proto = NULL;
    bool hasPorts = false;
    size_t i;

    if (rule->protocol != VR_NWFILTER_PROTO_IP && rule->protocol != VR_NWFILTER_PROTO_IPV6)
        return 0;
    for (i = 0; attrs[i].name; i++) {
        if (g_str_equal(attrs[i].name, "protocol"))
            proto = &rule->values[i];
        else if (g_strv_contains(ports, attrs[i].name) && rule->values[i].set)
            hasPorts = true;
    }
    if (hasPorts && !isPortProtocol(proto)) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "%s rule with port specification requires protocol specification with protocol to be either one of tcp(6), udp(17), dccp(33), or sctp(132)",
                      rule->protocol == VR_NWFILTER_PROTO_IP ? "IP" : "IPv6");
        return -1;
    }
    return 0;
}

/* Every attribute is read even after a bad one: libvirt reports the
 * last bad attribute in table order. */
static int
vrNWFilterParseProtocolNode(xmlNodePtr node, vrNWFilterRuleDef *rule)
{
    const vrNWFilterAttrDesc *attrs = protocolAttrs[rule->protocol];
    g_autofree char *match = vrXMLProp(node, "match");
    bool negate = match && g_str_equal(match, "no");
    int ret = 0;
    size_t i;

    for (i = 0; attrs[i].name; i++) {
        g_autofree char *str = vrXMLProp(node, attrs[i].name);
        if (str && vrNWFilterParseValue(&attrs[i], str, negate, &rule->values[i]) < 0)
            ret = -1;
    }
    if (ret < 0)
        return -1;
    return vrNWFilterRuleValidate(rule);
}

/* The first known protocol element sets the rule's protocol; later
 * elements of the same protocol add to it, others are ignored. */
static int
vrNWFilterParseRuleBody(xmlNodePtr node, vrNWFilterRuleDef *rule)
{
    vrXMLForEachChild(node, child) {
        int proto = vrNWFilterProtocolTypeFromString((const char *)child->name);

        if (proto < 0 || (rule->protocol >= 0 && proto != rule->protocol))
            continue;
        if (rule->protocol < 0) {
            const vrNWFilterAttrDesc *attrs = protocolAttrs[proto];
            rule->protocol = proto;
            while (attrs[rule->nvalues].name)
                rule->nvalues++;
            rule->values = g_new0(vrNWFilterValue, rule->nvalues);
        }
        if (vrNWFilterParseProtocolNode(child, rule) < 0)
            return -1;
    }
    return 0;
}

static int
vrNWFilterParseRuleHeader(xmlNodePtr node, vrNWFilterRuleDef *rule)
{
    g_autofree char *action = vrXMLProp(node, "action");
    g_autofree char *direction = vrXMLProp(node, "direction");
    g_autofree char *priority = vrXMLProp(node, "priority");
    g_autofree char *statematch = vrXMLProp(node, "statematch");
    long long prio;
    char *end;

    if (!action) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "rule node requires action attribute");
        return -1;
    }
    if ((rule->action = vrNWFilterActionTypeFromString(action)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "unknown rule action attribute value");
        return -1;
    }
    if (!direction) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "rule node requires direction attribute");
        return -1;
    }
    if ((rule->direction = vrNWFilterDirectionTypeFromString(direction)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "unknown rule direction attribute value");
        return -1;
    }
    /* A priority that does not parse or is out of range is ignored. */
    rule->priority = VR_NWFILTER_DEFAULT_RULE_PRIORITY;
    if (priority && *priority) {
        errno = 0;
        prio = strtoll(priority, &end, 10);
        if (!errno && !*end && prio >= -1000 && prio <= 1000)
            rule->priority = (int)prio;
    }
    rule->stateMatch = !(statematch && (g_ascii_strcasecmp(statematch, "false") == 0 ||
                                        g_str_equal(statematch, "0")));
    return 0;
}

static vrNWFilterRuleDef *
vrNWFilterParseRule(xmlNodePtr node)
{
    vrNWFilterRuleDef *rule = g_new0(vrNWFilterRuleDef, 1);

    rule->protocol = -1;
    if (vrNWFilterParseRuleHeader(node, rule) < 0 || vrNWFilterParseRuleBody(node, rule) < 0) {
        vrNWFilterRuleFree(rule);
        return NULL;
    }
    return rule;
}

/* ---- filterref ----------------------------------------------------- */

static bool
validParamName(const char *name)
{
    for (; *name; name++) {
        if (!g_ascii_isalnum(*name) && *name != '_')
            return false;
    }
    return true;
}

static bool
validParamValue(const char *value)
{
    if (!*value)
        return false;
    for (; *value; value++) {
        if (!g_ascii_isalnum(*value) && !strchr("_.:", *value))
            return false;
    }
    return true;
}

/* Parameters print sorted by name, the values of a list in their order;
 * invalid ones are dropped. */
static void
vrNWFilterParseParams(xmlNodePtr node, vrNWFilterIncludeDef *inc)
{
    vrXMLForEachNamed(node, "parameter", p) {
        vrNWFilterParam param = { vrXMLProp(p, "name"), vrXMLProp(p, "value") };
        size_t at = inc->nparams;

        if (!param.name || !param.value || !validParamName(param.name) ||
            !validParamValue(param.value)) {
            g_free(param.name);
            g_free(param.value);
            continue;
        }
        while (at > 0 && strcmp(inc->params[at - 1].name, param.name) > 0)
            at--;
        VR_CONF_INSERT(inc->params, inc->nparams, at, param);
    }
}

static vrNWFilterIncludeDef *
vrNWFilterParseInclude(xmlNodePtr node)
{
    vrNWFilterIncludeDef *inc = g_new0(vrNWFilterIncludeDef, 1);

    if (!(inc->filter = vrXMLProp(node, "filter"))) {
        /* libvirt's text for a filterref without a filter. */
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "rule node requires action attribute");
        g_free(inc);
        return NULL;
    }
    vrNWFilterParseParams(node, inc);
    return inc;
}

/* ---- filter -------------------------------------------------------- */

static const struct {
    const char *prefix;
    int priority;
} chainPrefixes[] = {
    { "mac", -800 }, { "vlan", -750 }, { "stp", 0 }, { "arp", -500 }, { "rarp", -400 },
    { "ipv4", -700 }, { "ipv6", -600 },
};

static int
vrNWFilterChainDefaultPriority(const char *chain)
{
    size_t i;

    if (g_str_equal(chain, "root"))
        return 0;
    for (i = 0; i < G_N_ELEMENTS(chainPrefixes); i++) {
        if (g_str_has_prefix(chain, chainPrefixes[i].prefix))
            return chainPrefixes[i].priority;
    }
    return -1;
}

static int
vrNWFilterCheckChain(const char *chain)
{
    const char *p;

    if (strlen(chain) > 12) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Name of chain is longer than 12 characters");
        return -1;
    }
    for (p = chain; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("_.:-", *p)) {
            vrReportError(VR_ERR_INVALID_ARG, "%s", "Chain name contains invalid characters");
            return -1;
        }
    }
    if (vrNWFilterChainDefaultPriority(chain) == -1 && !g_str_equal(chain, "root")) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "Invalid chain name '%s'. Please use a chain name called 'root' or any of the following prefixes: mac, vlan, stp, arp, rarp, ipv4, ipv6",
                      chain);
        return -1;
    }
    return 0;
}

/* The priority attribute only counts next to a chain attribute. */
static int
vrNWFilterParseChain(xmlNodePtr root, vrNWFilterDef *def)
{
    g_autofree char *chain = vrXMLProp(root, "chain");
    g_autofree char *priority = NULL;
    long long prio;
    char *end;

    if (!chain || !*chain) {
        def->chain = g_strdup("root");
        return 0;
    }
    if (vrNWFilterCheckChain(chain) < 0)
        return -1;
    def->chainPriority = vrNWFilterChainDefaultPriority(chain);
    def->chain = g_steal_pointer(&chain);
    if (!(priority = vrXMLProp(root, "priority")) || !*priority)
        return 0;
    errno = 0;
    prio = strtoll(priority, &end, 10);
    if (errno || end == priority || *end || prio < G_MININT || prio > G_MAXINT) {
        vrReportError(VR_ERR_INVALID_ARG, "Could not parse chain priority '%s'", priority);
        return -1;
    }
    if (prio < -1000 || prio > 1000) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "Priority '%lld' is outside valid range of [-1000,1000]", prio);
        return -1;
    }
    def->chainPriority = (int)prio;
    return 0;
}

static int
vrNWFilterParseEntries(xmlNodePtr root, vrNWFilterDef *def)
{
    vrXMLForEachChild(root, child) {
        vrNWFilterEntry entry = { NULL, NULL };

        if (vrXMLIsElement(child, "rule")) {
            if (!(entry.rule = vrNWFilterParseRule(child)))
                return -1;
        } else if (vrXMLIsElement(child, "filterref")) {
            if (!(entry.include = vrNWFilterParseInclude(child)))
                return -1;
        } else {
            continue;
        }
        VR_CONF_APPEND(def->entries, def->nentries, entry);
    }
    return 0;
}

vrNWFilterDef *
vrNWFilterDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(nwfilter_definition)", "filter",
                                             VR_FROM_NWFILTER);
    g_autoptr(vrNWFilterDef) def = NULL;
    g_autofree char *uuid = NULL;
    xmlNodePtr root;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrNWFilterDef, 1);
    def->name = vrXMLProp(root, "name");
    if (!def->name || !*def->name) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter has no name");
        return NULL;
    }
    if (vrNWFilterParseChain(root, def) < 0)
        return NULL;
    uuid = vrXMLChildContent(root, "uuid");
    if (!uuid || !*uuid) {
        vrUUIDGenerate(def->uuid);
    } else if (vrUUIDParse(uuid, def->uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "malformed uuid element");
        return NULL;
    }
    if (vrNWFilterParseEntries(root, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

vrNWFilterDef *
vrNWFilterDefCopy(const vrNWFilterDef *def)
{
    g_autofree char *xml = vrNWFilterDefFormat(def);

    return vrNWFilterDefParseString(xml);
}

/* ---- formatting ---------------------------------------------------- */

/* The negation an attribute prints with: its own, or for a qualifier
 * that of the attribute it qualifies. */
static bool
vrNWFilterEffectiveNegate(const vrNWFilterRuleDef *rule, size_t index)
{
    const vrNWFilterAttrDesc *attrs = protocolAttrs[rule->protocol];
    size_t i;

    if (!attrs[index].leader)
        return rule->values[index].negate;
    for (i = 0; attrs[i].name; i++) {
        if (g_str_equal(attrs[i].name, attrs[index].leader))
            return rule->values[i].set && rule->values[i].negate;
    }
    return false;
}

/* Attributes print in table order; a new element starts whenever the
 * negation changes, so one rule may print as several protocol elements. */
static void
vrNWFilterFormatProtocol(vrBuf *buf, const vrNWFilterRuleDef *rule)
{
    const char *proto = vrNWFilterProtocolTypeToString(rule->protocol);
    const vrNWFilterAttrDesc *attrs = protocolAttrs[rule->protocol];
    bool open = false, negated = false;
    size_t i;

    for (i = 0; attrs[i].name; i++) {
        const vrNWFilterValue *val = &rule->values[i];
        bool negate;

        if (!val->set)
            continue;
        negate = vrNWFilterEffectiveNegate(rule, i);
        if (open && negate != negated) {
            vrBufAddLit(buf, "/>\n");
            open = false;
        }
        if (!open) {
            vrBufAsprintf(buf, "<%s%s", proto, negate ? " match='no'" : "");
            open = true;
            negated = negate;
        }
        vrConfAttr(buf, attrs[i].name, val->text);
    }
    if (open)
        vrBufAddLit(buf, "/>\n");
    else
        vrBufAsprintf(buf, "<%s/>\n", proto);
}

static void
vrNWFilterFormatRule(vrBuf *buf, const vrNWFilterRuleDef *rule)
{
    vrBufAsprintf(buf, "<rule action='%s' direction='%s' priority='%d'",
                  vrNWFilterActionTypeToString(rule->action),
                  vrNWFilterDirectionTypeToString(rule->direction), rule->priority);
    if (!rule->stateMatch)
        vrBufAddLit(buf, " statematch='false'");
    if (rule->protocol < 0) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrNWFilterFormatProtocol(buf, rule);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</rule>\n");
}

static void
vrNWFilterFormatInclude(vrBuf *buf, const vrNWFilterIncludeDef *inc)
{
    size_t i;

    vrBufAddLit(buf, "<filterref");
    vrConfAttr(buf, "filter", inc->filter);
    if (!inc->nparams) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < inc->nparams; i++) {
        vrBufAddLit(buf, "<parameter");
        vrConfAttr(buf, "name", inc->params[i].name);
        vrConfAttr(buf, "value", inc->params[i].value);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</filterref>\n");
}

char *
vrNWFilterDefFormat(const vrNWFilterDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char uuid[VR_UUID_STRING_BUFLEN];
    size_t i;

    vrBufAddLit(&buf, "<filter");
    vrConfAttr(&buf, "name", def->name);
    vrConfAttr(&buf, "chain", def->chain);
    /* libvirt omits a zero priority, which reads back as the chain's
     * default; printing it then keeps the filter the same. */
    if (def->chainPriority != 0 ||
        (def->chain && vrNWFilterChainDefaultPriority(def->chain) != 0))
        vrBufAsprintf(&buf, " priority='%d'", def->chainPriority);
    vrBufAddLit(&buf, ">\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    for (i = 0; i < def->nentries; i++) {
        if (def->entries[i].rule)
            vrNWFilterFormatRule(&buf, def->entries[i].rule);
        else
            vrNWFilterFormatInclude(&buf, def->entries[i].include);
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</filter>\n");
    return vrBufContent(&buf);
}

/* ---- bindings ------------------------------------------------------ */

static int
vrNWFilterBindingParseOwner(xmlNodePtr root, vrNWFilterBindingDef *def)
{
    xmlNodePtr owner = vrXMLChild(root, "owner");
    g_autofree char *uuid = NULL;

    if (!(def->ownerName = vrXMLChildContent(owner, "name")) || !*def->ownerName) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter binding has no owner name");
        return -1;
    }
    if (!(uuid = vrXMLChildContent(owner, "uuid")) || !*uuid) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter binding has no owner UUID");
        return -1;
    }
    if (vrUUIDParse(uuid, def->ownerUUID) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse UUID '%s'", uuid);
        return -1;
    }
    return 0;
}

static int
vrNWFilterBindingParseDevices(xmlNodePtr root, vrNWFilterBindingDef *def)
{
    g_autofree char *mac = NULL;

    if (!(def->portdev = vrXMLProp(vrXMLChild(root, "portdev"), "name")) || !*def->portdev) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter binding has no port dev name");
        return -1;
    }
    def->linkdev = vrXMLProp(vrXMLChild(root, "linkdev"), "name");
    if (!(mac = vrXMLProp(vrXMLChild(root, "mac"), "address"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter binding has no MAC address");
        return -1;
    }
    if (parseMACBytes(mac, def->mac) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse MAC '%s'", mac);
        return -1;
    }
    return 0;
}

vrNWFilterBindingDef *
vrNWFilterBindingDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(nwfilterbinding_definition)",
                                             "filterbinding", VR_FROM_NWFILTER);
    g_autoptr(vrNWFilterBindingDef) def = NULL;
    xmlNodePtr root, ref;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrNWFilterBindingDef, 1);
    if (vrNWFilterBindingParseOwner(root, def) < 0 ||
        vrNWFilterBindingParseDevices(root, def) < 0)
        return NULL;
    ref = vrXMLChild(root, "filterref");
    if (!(def->filter.filter = vrXMLProp(ref, "filter"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "filter binding has no filter reference");
        return NULL;
    }
    vrNWFilterParseParams(ref, &def->filter);
    return g_steal_pointer(&def);
}

char *
vrNWFilterBindingDefFormat(const vrNWFilterBindingDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAddLit(&buf, "<filterbinding>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<owner>\n");
    vrBufAdjustIndent(&buf, 2);
    vrConfTextPrintf(&buf, "<name>%s</name>\n", def->ownerName);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->ownerUUID, uuid));
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</owner>\n");
    vrConfAttrPrintf(&buf, "<portdev name='%s'/>\n", def->portdev);
    if (def->linkdev)
        vrConfAttrPrintf(&buf, "<linkdev name='%s'/>\n", def->linkdev);
    vrBufAsprintf(&buf, "<mac address='%02x:%02x:%02x:%02x:%02x:%02x'/>\n", def->mac[0],
                  def->mac[1], def->mac[2], def->mac[3], def->mac[4], def->mac[5]);
    vrNWFilterFormatInclude(&buf, &def->filter);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</filterbinding>\n");
    return vrBufContent(&buf);
}
