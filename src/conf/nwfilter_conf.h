/*
 * nwfilter_conf.h: network filters (<filter>) and filter bindings
 * (<filterbinding>).
 *
 * A rule matches one protocol; each protocol has a fixed table of
 * attributes.  Values are validated and kept in the canonical text
 * libvirt prints (lower-case MACs, prefix lengths for masks, symbolic
 * protocol names ...) next to their number, so that formatting is a plain
 * walk over the table and firewall code can read numbers directly.
 */
#ifndef VR_NWFILTER_CONF_H
#define VR_NWFILTER_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

typedef enum {
    VR_NWFILTER_ACTION_DROP = 0,
    VR_NWFILTER_ACTION_ACCEPT,
    VR_NWFILTER_ACTION_REJECT,
    VR_NWFILTER_ACTION_RETURN,
    VR_NWFILTER_ACTION_CONTINUE,
    VR_NWFILTER_ACTION_LAST
} vrNWFilterAction;
VR_ENUM_DECL(vrNWFilterAction);

typedef enum {
    VR_NWFILTER_DIRECTION_IN = 0,
    VR_NWFILTER_DIRECTION_OUT,
    VR_NWFILTER_DIRECTION_INOUT,
    VR_NWFILTER_DIRECTION_LAST
} vrNWFilterDirection;
VR_ENUM_DECL(vrNWFilterDirection);

typedef enum {
    VR_NWFILTER_PROTO_MAC = 0,
    VR_NWFILTER_PROTO_VLAN,
    VR_NWFILTER_PROTO_STP,
    VR_NWFILTER_PROTO_ARP,
    VR_NWFILTER_PROTO_RARP,
    VR_NWFILTER_PROTO_IP,
    VR_NWFILTER_PROTO_IPV6,
    VR_NWFILTER_PROTO_TCP,
    VR_NWFILTER_PROTO_UDP,
    VR_NWFILTER_PROTO_SCTP,
    VR_NWFILTER_PROTO_ICMP,
    VR_NWFILTER_PROTO_IGMP,
    VR_NWFILTER_PROTO_ESP,
    VR_NWFILTER_PROTO_AH,
    VR_NWFILTER_PROTO_UDPLITE,
    VR_NWFILTER_PROTO_ALL,
    VR_NWFILTER_PROTO_TCP_IPV6,
    VR_NWFILTER_PROTO_UDP_IPV6,
    VR_NWFILTER_PROTO_SCTP_IPV6,
    VR_NWFILTER_PROTO_ICMPV6,
    VR_NWFILTER_PROTO_ESP_IPV6,
    VR_NWFILTER_PROTO_AH_IPV6,
    VR_NWFILTER_PROTO_UDPLITE_IPV6,
    VR_NWFILTER_PROTO_ALL_IPV6,
    VR_NWFILTER_PROTO_LAST
} vrNWFilterProtocol;
VR_ENUM_DECL(vrNWFilterProtocol);

/* One attribute of a rule's protocol. */
typedef struct {
    bool set;
    bool negate;                 /* match='no' (only for negatable attributes) */
    bool isVar;                  /* a variable reference ($NAME, $NAME[1], $NAME[@2]) */
    char *text;                  /* canonical text, as printed */
    unsigned long long number;   /* numbers, masks (prefix), flag sets */
} vrNWFilterValue;

typedef struct {
    int action;                  /* vrNWFilterAction */
    int direction;               /* vrNWFilterDirection */
    int priority;                /* -1000..1000, default 500 */
    bool stateMatch;             /* false with statematch='false' */
    int protocol;                /* vrNWFilterProtocol, -1: no protocol element */
    vrNWFilterValue *values;     /* one per attribute of the protocol's table */
    size_t nvalues;
} vrNWFilterRuleDef;

typedef struct {
    char *name;
    char *value;
} vrNWFilterParam;

/* <filterref filter=> with its parameters, sorted by name. */
typedef struct {
    char *filter;
    vrNWFilterParam *params;
    size_t nparams;
} vrNWFilterIncludeDef;

typedef struct {
    vrNWFilterRuleDef *rule;
    vrNWFilterIncludeDef *include;
} vrNWFilterEntry;

typedef struct {
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
    char *chain;                 /* "root", or a protocol prefix ("arp-xyz") */
    int chainPriority;
    vrNWFilterEntry *entries;
    size_t nentries;
} vrNWFilterDef;

vrNWFilterDef *vrNWFilterDefParseString(const char *xml);
char *vrNWFilterDefFormat(const vrNWFilterDef *def);
vrNWFilterDef *vrNWFilterDefCopy(const vrNWFilterDef *def);
void vrNWFilterDefFree(vrNWFilterDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNWFilterDef, vrNWFilterDefFree)

/* The name of attribute @index of a protocol (the order values have in a
 * rule and the printing order), NULL past the last; and the value of a
 * named attribute in a rule, NULL when unset. */
const char *vrNWFilterProtocolAttribute(int protocol, size_t index);
const vrNWFilterValue *vrNWFilterRuleGetValue(const vrNWFilterRuleDef *rule, const char *attr);

typedef struct {
    char *ownerName;
    unsigned char ownerUUID[VR_UUID_BUFLEN];
    char *portdev;
    char *linkdev;
    unsigned char mac[6];
    vrNWFilterIncludeDef filter;
} vrNWFilterBindingDef;

vrNWFilterBindingDef *vrNWFilterBindingDefParseString(const char *xml);
char *vrNWFilterBindingDefFormat(const vrNWFilterBindingDef *def);
void vrNWFilterBindingDefFree(vrNWFilterBindingDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNWFilterBindingDef, vrNWFilterBindingDefFree)

#endif
