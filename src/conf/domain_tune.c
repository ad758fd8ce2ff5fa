/*
 * domain_tune.c: <vcpus>, <iothreadids>, <cputune>, <numatune>,
 * <blkiotune>, <memoryBacking> and <resource>: parsing, validation and
 * formatting.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrProcessSchedPolicy, VR_PROC_POLICY_LAST,
             "none", "batch", "idle", "fifo", "rr");
VR_ENUM_IMPL(vrDomainNumatuneMode, VR_NUMATUNE_MODE_LAST,
             "strict", "preferred", "interleave", "restrictive");
VR_ENUM_IMPL(vrDomainNumatunePlacement, VR_NUMATUNE_PLACEMENT_LAST,
             "default", "static", "auto");

/* cgroup v1/v2 limits libvirt enforces on the CFS settings */
#define CPU_PERIOD_MIN 1000ULL
#define CPU_PERIOD_MAX 1000000ULL
#define CPU_QUOTA_MIN 1000LL
#define CPU_QUOTA_MAX 17592186044415LL

/* ---- small helpers -------------------------------------------------- */

static int
tuneParseBitmap(const char *str, vrBitmap **map)
{
    return vrConfBitmapParse(str, VR_DOMAIN_CPUMAP_BITS, map);
}

/* A cpuset or nodeset that must name something ("^3" names nothing). */
static int
tuneParseSet(const char *str, const char *attr, vrBitmap **map)
{
    if (tuneParseBitmap(str, map) < 0)
        return -1;
    if (vrBitmapIsAllClear(*map)) {
        g_clear_pointer(map, vrBitmapFree);
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid value of '%s': %s", attr, str);
        return -1;
    }
    return 0;
}

/* The vCPUs or I/O threads a scheduler setting applies to. */
static int
tuneParseSchedSet(const char *str, const char *attr, vrBitmap **map)
{
    if (tuneParseBitmap(str, map) < 0)
        return -1;
    if (vrBitmapIsAllClear(*map)) {
        g_clear_pointer(map, vrBitmapFree);
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "'%s' scheduler bitmap '%s' is empty",
                      attr, str);
        return -1;
    }
    return 0;
}

static void
tuneFormatBitmapAttr(vrBuf *buf, const char *name, const vrBitmap *map)
{
    g_autofree char *str = vrBitmapFormat(map);

    vrBufAsprintf(buf, " %s='%s'", name, str);
}

/* Unsigned text of an element, "can't parse cputune shares value" when not. */
static int
tuneParseULLongChild(xmlNodePtr parent, const char *name, const char *what,
                     unsigned long long *value, bool *present)
{
    g_autofree char *text = vrXMLChildContentStrip(parent, name);

    if (present)
        *present = false;
    if (!text)
        return 0;
    if (vrStrToULLong(text, 10, value) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "can't parse %s value", what);
        return -1;
    }
    if (present)
        *present = true;
    return 1;
}

static int
tuneParseLLongChild(xmlNodePtr parent, const char *name, const char *what, long long *value)
{
    g_autofree char *text = vrXMLChildContentStrip(parent, name);

    if (!text)
        return 0;
    if (vrStrToLLong(text, 10, value) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "can't parse %s value", what);
        return -1;
    }
    return 1;
}

/* ---- vCPUs and I/O threads ------------------------------------------ */

void
vrDomainDefSetMaxVcpus(vrDomainDef *def, unsigned int maxvcpus)
{
    unsigned int i, old = def->vcpuList ? def->maxvcpus : 0;

    /* vCPUs that stay keep their pinning and scheduling */
    for (i = maxvcpus; i < old; i++)
        vrBitmapFree(def->vcpuList[i].cpumask);
    def->vcpuList = g_renew(vrDomainVcpuDef, def->vcpuList, maxvcpus ? maxvcpus : 1);
    for (i = old; i < maxvcpus; i++) {
        memset(&def->vcpuList[i], 0, sizeof(def->vcpuList[i]));
        def->vcpuList[i].hotpluggable = -1;
    }
    def->maxvcpus = maxvcpus;
    if (def->vcpus > maxvcpus)
        def->vcpus = maxvcpus;
}

void
vrDomainDefSetVcpus(vrDomainDef *def, unsigned int vcpus)
{
    unsigned int i;

    def->vcpus = MIN(vcpus, def->maxvcpus);
    for (i = 0; i < def->maxvcpus; i++)
        def->vcpuList[i].online = i < def->vcpus;
}

static int
tuneParseVcpuEntry(xmlNodePtr node, vrDomainDef *def, vrBitmap *seen)
{
    unsigned int id, order = 0;
    bool enabled, hotplug;
    int rc;

    if (vrXMLPropUInt(node, "id", "vcpu", 10, &id) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing vcpu id");
        return -1;
    }
    if (id >= def->maxvcpus) {
        vrReportError(VR_ERR_XML_ERROR,
                      "vcpu id '%u' must be lower than maximum vcpu count '%u'",
                      id, def->maxvcpus);
        return -1;
    }
    if (vrBitmapIsBitSet(seen, id)) {
        vrReportError(VR_ERR_XML_ERROR, "duplicate vcpu id '%u'", id);
        return -1;
    }
    vrBitmapSetBit(seen, id);
    if ((rc = vrXMLPropYesNo(node, "enabled", "vcpu", &enabled)) < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing vcpu enabled state");
        return -1;
    }
    def->vcpuList[id].online = enabled;
    if ((rc = vrXMLPropYesNo(node, "hotpluggable", "vcpu", &hotplug)) < 0)
        return -1;
    if (rc > 0)
        def->vcpuList[id].hotpluggable = hotplug;
    if (vrXMLPropUInt(node, "order", "vcpu", 10, &order) < 0)
        return -1;
    def->vcpuList[id].order = order;
    return 0;
}

int
vrDomainParseVcpuList(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr vcpus = vrXMLChild(root, "vcpus");
    g_autoptr(vrBitmap) seen = NULL;
    unsigned int online = 0, i;

    if (!vcpus) {
        for (i = 0; i < def->maxvcpus; i++)
            def->vcpuList[i].online = i < def->vcpus;
        return 0;
    }
    seen = vrBitmapNew(def->maxvcpus);
    def->hasVcpuList = true;
    vrXMLForEachNamed(vcpus, "vcpu", node) {
        if (tuneParseVcpuEntry(node, def, seen) < 0)
            return -1;
    }
    /* the <vcpus> list decides how many vCPUs are online */
    for (i = 0; i < def->maxvcpus; i++)
        online += def->vcpuList[i].online;
    def->vcpus = online;
    return 0;
}

void
vrDomainFormatVcpuList(vrBuf *buf, const vrDomainDef *def)
{
    unsigned int i;

    if (!def->hasVcpuList)
        return;
    vrBufAddLit(buf, "<vcpus>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < def->maxvcpus; i++) {
        const vrDomainVcpuDef *v = &def->vcpuList[i];
        vrBufAsprintf(buf, "<vcpu id='%u' enabled='%s'", i, v->online ? "yes" : "no");
        if (v->hotpluggable >= 0)
            vrBufAsprintf(buf, " hotpluggable='%s'", v->hotpluggable ? "yes" : "no");
        if (v->order)
            vrBufAsprintf(buf, " order='%u'", v->order);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</vcpus>\n");
}

static vrDomainIOThreadDef *
tuneFindIOThread(const vrDomainDef *def, unsigned int id)
{
    size_t i;

    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i]->id == id)
            return def->iothreadids[i];
    }
    return NULL;
}

static void
tuneAddIOThread(vrDomainDef *def, unsigned int id, bool explicit)
{
    vrDomainIOThreadDef *t = g_new0(vrDomainIOThreadDef, 1);

    t->id = id;
    t->explicit = explicit;
    def->iothreadids = g_renew(vrDomainIOThreadDef *, def->iothreadids, def->niothreadids + 1);
    def->iothreadids[def->niothreadids++] = t;
}

static int
tuneParseIOThreadEntry(xmlNodePtr node, vrDomainDef *def)
{
    unsigned int id;
    int rc = vrXMLPropUInt(node, "id", "iothread", 10, &id);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'id' attribute in <iothread> element");
        return -1;
    }
    if (id == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "invalid iothread 'id' value '0'");
        return -1;
    }
    if (tuneFindIOThread(def, id)) {
        vrReportError(VR_ERR_XML_ERROR, "Duplicate iothread id '%u' found", id);
        return -1;
    }
    tuneAddIOThread(def, id, true);
    /* pool sizes and polling are kept as the element's other content */
    if (node->properties->next || node->children) {
        g_autofree char *xml = vrConfFormatElement(node);
        def->iothreadids[def->niothreadids - 1]->xmlExtra = g_steal_pointer(&xml);
    }
    return 0;
}

int
vrDomainParseIOThreads(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node;
    unsigned int want = 0, next = 1;

    if ((node = vrXMLChild(root, "iothreads"))) {
        g_autofree char *n = g_strstrip(vrXMLContent(node));
        if (vrStrToUInt(n, 10, &want) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "failed to parse iothreads");
            return -1;
        }
        /* stricter than libvirt, which allocates whatever count it is
         * given (a few billion exhaust its memory) */
        if (want > VR_DOMAIN_MAX_IOTHREADS) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "iothreads count '%u' in element 'iothreads' exceeds the maximum %u",
                          want, VR_DOMAIN_MAX_IOTHREADS);
            return -1;
        }
    }
    if ((node = vrXMLChild(root, "iothreadids"))) {
        vrXMLForEachNamed(node, "iothread", t) {
            if (tuneParseIOThreadEntry(t, def) < 0)
                return -1;
        }
    }
    /* <iothreads> larger than the list: the missing ids are the lowest free */
    if (def->niothreadids < want) {
        g_autoptr(GHashTable) used = g_hash_table_new(g_direct_hash, g_direct_equal);
        size_t i;

        for (i = 0; i < def->niothreadids; i++) {
            if (def->iothreadids[i]->id <= want)
                g_hash_table_add(used, GUINT_TO_POINTER(def->iothreadids[i]->id));
        }
        while (def->niothreadids < want) {
            while (g_hash_table_contains(used, GUINT_TO_POINTER(next)))
                next++;
            tuneAddIOThread(def, next++, false);
        }
    }
    def->iothreads = (unsigned int)MAX(want, def->niothreadids);
    return 0;
}

void
vrDomainFormatIOThreads(vrBuf *buf, const vrDomainDef *def)
{
    size_t i;
    bool any = false;

    if (def->iothreads)
        vrBufAsprintf(buf, "<iothreads>%u</iothreads>\n", def->iothreads);
    for (i = 0; i < def->niothreadids; i++)
        any |= def->iothreadids[i]->explicit;
    if (!any)
        return;
    vrBufAddLit(buf, "<iothreadids>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i]->xmlExtra)
            vrConfAddFragment(buf, def->iothreadids[i]->xmlExtra);
        else
            vrBufAsprintf(buf, "<iothread id='%u'/>\n", def->iothreadids[i]->id);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</iothreadids>\n");
}

/* ---- <cputune> -------------------------------------------------------- */

static int
tuneCheckPeriod(const char *name, unsigned long long v)
{
    if (v && (v < CPU_PERIOD_MIN || v > CPU_PERIOD_MAX)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Value of cputune '%s' must be in range [%llu, %llu]",
                      name, CPU_PERIOD_MIN, CPU_PERIOD_MAX);
        return -1;
    }
    return 0;
}

static int
tuneCheckQuota(const char *name, long long v)
{
    /* negative quotas mean "no limit" */
    if (v > 0 && (v < CPU_QUOTA_MIN || v > CPU_QUOTA_MAX)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Value of cputune '%s' must be in range [%lld, %lld]",
                      name, CPU_QUOTA_MIN, CPU_QUOTA_MAX);
        return -1;
    }
    return 0;
}

static int
tuneParseCfs(xmlNodePtr ct, vrDomainCputuneDef *t)
{
    static const struct {
        const char *name;
        size_t period;
        size_t quota;
        const char *quotaName;
    } pairs[] = {
        { "period", G_STRUCT_OFFSET(vrDomainCputuneDef, period),
          G_STRUCT_OFFSET(vrDomainCputuneDef, quota), "quota" },
        { "global_period", G_STRUCT_OFFSET(vrDomainCputuneDef, globalPeriod),
          G_STRUCT_OFFSET(vrDomainCputuneDef, globalQuota), "global_quota" },
        { "emulator_period", G_STRUCT_OFFSET(vrDomainCputuneDef, emulatorPeriod),
          G_STRUCT_OFFSET(vrDomainCputuneDef, emulatorQuota), "emulator_quota" },
        { "iothread_period", G_STRUCT_OFFSET(vrDomainCputuneDef, iothreadPeriod),
          G_STRUCT_OFFSET(vrDomainCputuneDef, iothreadQuota), "iothread_quota" },
    };
    size_t i;

    if (tuneParseULLongChild(ct, "shares", "cputune shares", &t->shares, &t->hasShares) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(pairs); i++) {
        unsigned long long *period = G_STRUCT_MEMBER_P(t, pairs[i].period);
        long long *quota = G_STRUCT_MEMBER_P(t, pairs[i].quota);
        g_autofree char *pwhat = g_strdup_printf("cputune %s", pairs[i].name);
        g_autofree char *qwhat = g_strdup_printf("cputune %s", pairs[i].quotaName);

        if (tuneParseULLongChild(ct, pairs[i].name, pwhat, period, NULL) < 0 ||
            tuneCheckPeriod(pairs[i].name, *period) < 0 ||
            tuneParseLLongChild(ct, pairs[i].quotaName, qwhat, quota) < 0 ||
            tuneCheckQuota(pairs[i].quotaName, *quota) < 0)
            return -1;
    }
    return 0;
}

static int
tuneParseVcpupin(xmlNodePtr node, vrDomainDef *def)
{
    g_autofree char *cpuset = vrXMLProp(node, "cpuset");
    vrBitmap *map = NULL;
    unsigned int vcpu;
    int rc = vrXMLPropUInt(node, "vcpu", "vcpupin", 10, &vcpu);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing vcpu id in vcpupin");
        return -1;
    }
    if (!cpuset) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing cpuset for vcpupin");
        return -1;
    }
    if (tuneParseSet(cpuset, "cpuset", &map) < 0)
        return -1;
    /* a pin for a vCPU the guest does not have is ignored, as by libvirt */
    if (vcpu >= def->maxvcpus) {
        vrBitmapFree(map);
        return 0;
    }
    if (def->vcpuList[vcpu].cpumask) {
        vrBitmapFree(map);
        vrReportError(VR_ERR_INTERNAL_ERROR, "duplicate vcpupin for vcpu '%u'", vcpu);
        return -1;
    }
    def->vcpuList[vcpu].cpumask = map;
    return 0;
}

static int
tuneParseIOThreadpin(xmlNodePtr node, vrDomainDef *def)
{
    g_autofree char *cpuset = vrXMLProp(node, "cpuset");
    vrDomainIOThreadDef *t;
    unsigned int id;
    int rc = vrXMLPropUInt(node, "iothread", "iothreadpin", 10, &id);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing iothread id in iothreadpin");
        return -1;
    }
    if (id == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "zero is an invalid iothread id value");
        return -1;
    }
    if (!(t = tuneFindIOThread(def, id))) {
        vrReportError(VR_ERR_XML_ERROR, "Cannot find 'iothread' : %u", id);
        return -1;
    }
    if (!cpuset) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing cpuset for iothreadpin");
        return -1;
    }
    if (t->cpumask) {
        vrReportError(VR_ERR_XML_ERROR, "duplicate iothreadpin for same iothread '%u'", id);
        return -1;
    }
    return tuneParseSet(cpuset, "cpuset", &t->cpumask);
}

static int
tuneParseSchedAttrs(xmlNodePtr node, vrDomainSched *sched)
{
    int policy, rc;

    if ((rc = vrDomainParseEnumAttr(node, "scheduler", vrProcessSchedPolicyTypeFromString,
                                    true, &policy)) < 0)
        return -1;
    if (policy == VR_PROC_POLICY_NONE) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute 'scheduler' in element '%s': '%s'.",
                      (const char *)node->name, "none");
        return -1;
    }
    sched->policy = policy;
    if (policy == VR_PROC_POLICY_FIFO || policy == VR_PROC_POLICY_RR) {
        if ((rc = vrXMLPropInt(node, "priority", (const char *)node->name, 10,
                               &sched->priority)) < 0)
            return -1;
        if (rc == 0) {
            vrReportError(VR_ERR_XML_ERROR, "Missing required attribute 'priority' in element '%s'",
                          (const char *)node->name);
            return -1;
        }
    }
    return 0;
}

/* <vcpusched vcpus='0-1' ...> applies to each vCPU named. */
static int
tuneParseVcpusched(xmlNodePtr node, vrDomainDef *def)
{
    g_autofree char *vcpus = vrXMLProp(node, "vcpus");
    g_autoptr(vrBitmap) ids = NULL;
    vrDomainSched sched = { 0 };
    unsigned int i;

    if (!vcpus) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing attribute 'vcpus' in element 'vcpusched'");
        return -1;
    }
    if (tuneParseSchedSet(vcpus, "vcpus", &ids) < 0 || tuneParseSchedAttrs(node, &sched) < 0)
        return -1;
    for (i = 0; i < def->maxvcpus; i++) {
        if (!vrBitmapIsBitSet(ids, i))
            continue;
        if (def->vcpuList[i].sched.policy) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "vcpusched attributes 'vcpus' must not overlap");
            return -1;
        }
        def->vcpuList[i].sched = sched;
    }
    return 0;
}

static int
tuneParseIOThreadsched(xmlNodePtr node, vrDomainDef *def)
{
    g_autofree char *list = vrXMLProp(node, "iothreads");
    g_autoptr(vrBitmap) ids = NULL;
    vrDomainSched sched = { 0 };
    size_t i;

    if (!list) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Missing attribute 'iothreads' in element 'iothreadsched'");
        return -1;
    }
    if (tuneParseSchedSet(list, "iothreads", &ids) < 0 || tuneParseSchedAttrs(node, &sched) < 0)
        return -1;
    for (i = 0; i < def->niothreadids; i++) {
        vrDomainIOThreadDef *t = def->iothreadids[i];
        if (!vrBitmapIsBitSet(ids, t->id))
            continue;
        if (t->sched.policy) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "iothreadsched attributes 'iothreads' must not overlap");
            return -1;
        }
        t->sched = sched;
    }
    return 0;
}

static int
tuneParsePinsAndScheds(xmlNodePtr ct, vrDomainDef *def)
{
    vrDomainCputuneDef *t = &def->cputune;

    vrXMLForEachChild(ct, child) {
        const char *name = (const char *)child->name;
        int rc = 0;

        if (g_str_equal(name, "vcpupin")) {
            rc = tuneParseVcpupin(child, def);
        } else if (g_str_equal(name, "iothreadpin")) {
            rc = tuneParseIOThreadpin(child, def);
        } else if (g_str_equal(name, "emulatorpin")) {
            g_autofree char *cpuset = vrXMLProp(child, "cpuset");
            if (t->emulatorpin) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "only one emulatorpin is supported");
                return -1;
            }
            if (!cpuset) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "missing cpuset for emulatorpin");
                return -1;
            }
            rc = tuneParseSet(cpuset, "cpuset", &t->emulatorpin);
        } else if (g_str_equal(name, "emulatorsched")) {
            if (t->emulatorsched.policy) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "only one emulatorsched is supported");
                return -1;
            }
            rc = tuneParseSchedAttrs(child, &t->emulatorsched);
        } else if (g_str_equal(name, "vcpusched")) {
            rc = tuneParseVcpusched(child, def);
        } else if (g_str_equal(name, "iothreadsched")) {
            rc = tuneParseIOThreadsched(child, def);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int
vrDomainParseCputune(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr ct = vrXMLChild(root, "cputune");

    if (!ct)
        return 0;
    if (tuneParseCfs(ct, &def->cputune) < 0 || tuneParsePinsAndScheds(ct, def) < 0)
        return -1;
    return 0;
}

static void
tuneFormatSched(vrBuf *buf, const char *element, const char *idsAttr, const char *ids,
                const vrDomainSched *sched)
{
    vrBufAsprintf(buf, "<%s", element);
    if (idsAttr)
        vrBufAsprintf(buf, " %s='%s'", idsAttr, ids);
    vrBufAsprintf(buf, " scheduler='%s'", vrProcessSchedPolicyTypeToString(sched->policy));
    if (sched->policy == VR_PROC_POLICY_FIFO || sched->policy == VR_PROC_POLICY_RR)
        vrBufAsprintf(buf, " priority='%d'", sched->priority);
    vrBufAddLit(buf, "/>\n");
}

static void
tuneFormatCfs(vrBuf *buf, const vrDomainCputuneDef *t)
{
    if (t->hasShares)
        vrBufAsprintf(buf, "<shares>%llu</shares>\n", t->shares);
    if (t->period)
        vrBufAsprintf(buf, "<period>%llu</period>\n", t->period);
    if (t->quota)
        vrBufAsprintf(buf, "<quota>%lld</quota>\n", t->quota);
    if (t->globalPeriod)
        vrBufAsprintf(buf, "<global_period>%llu</global_period>\n", t->globalPeriod);
    if (t->globalQuota)
        vrBufAsprintf(buf, "<global_quota>%lld</global_quota>\n", t->globalQuota);
    if (t->emulatorPeriod)
        vrBufAsprintf(buf, "<emulator_period>%llu</emulator_period>\n", t->emulatorPeriod);
    if (t->emulatorQuota)
        vrBufAsprintf(buf, "<emulator_quota>%lld</emulator_quota>\n", t->emulatorQuota);
    if (t->iothreadPeriod)
        vrBufAsprintf(buf, "<iothread_period>%llu</iothread_period>\n", t->iothreadPeriod);
    if (t->iothreadQuota)
        vrBufAsprintf(buf, "<iothread_quota>%lld</iothread_quota>\n", t->iothreadQuota);
}

static void
tuneFormatPinsAndScheds(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainCputuneDef *t = &def->cputune;
    unsigned int i;

    for (i = 0; i < def->maxvcpus; i++) {
        if (!def->vcpuList[i].cpumask)
            continue;
        vrBufAsprintf(buf, "<vcpupin vcpu='%u'", i);
        tuneFormatBitmapAttr(buf, "cpuset", def->vcpuList[i].cpumask);
        vrBufAddLit(buf, "/>\n");
    }
    if (t->emulatorpin) {
        vrBufAddLit(buf, "<emulatorpin");
        tuneFormatBitmapAttr(buf, "cpuset", t->emulatorpin);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < def->niothreadids; i++) {
        if (!def->iothreadids[i]->cpumask)
            continue;
        vrBufAsprintf(buf, "<iothreadpin iothread='%u'", def->iothreadids[i]->id);
        tuneFormatBitmapAttr(buf, "cpuset", def->iothreadids[i]->cpumask);
        vrBufAddLit(buf, "/>\n");
    }
    if (t->emulatorsched.policy)
        tuneFormatSched(buf, "emulatorsched", NULL, NULL, &t->emulatorsched);
    for (i = 0; i < def->maxvcpus; i++) {
        g_autofree char *id = g_strdup_printf("%u", i);
        if (def->vcpuList[i].sched.policy)
            tuneFormatSched(buf, "vcpusched", "vcpus", id, &def->vcpuList[i].sched);
    }
    for (i = 0; i < def->niothreadids; i++) {
        g_autofree char *id = g_strdup_printf("%u", def->iothreadids[i]->id);
        if (def->iothreadids[i]->sched.policy)
            tuneFormatSched(buf, "iothreadsched", "iothreads", id, &def->iothreadids[i]->sched);
    }
}

void
vrDomainFormatCputune(vrBuf *buf, const vrDomainDef *def)
{
    g_auto(vrBuf) inner = VR_BUF_INIT;
    g_autofree char *content = NULL;

    tuneFormatCfs(&inner, &def->cputune);
    tuneFormatPinsAndScheds(&inner, def);
    content = vrBufContent(&inner);
    if (!*content)
        return;
    vrBufAddLit(buf, "<cputune>\n");
    vrBufAdjustIndent(buf, 2);
    vrConfAddFragment(buf, content);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cputune>\n");
}

/* ---- <numatune> -------------------------------------------------------- */

static int
tuneParseNumaMode(xmlNodePtr node, int *mode)
{
    g_autofree char *str = vrXMLProp(node, "mode");

    *mode = VR_NUMATUNE_MODE_STRICT;
    if (str && (*mode = vrDomainNumatuneModeTypeFromString(str)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Unsupported NUMA memory tuning mode '%s'",
                      str);
        return -1;
    }
    return 0;
}

static int
tuneParseNumaMemory(xmlNodePtr node, vrDomainDef *def)
{
    vrDomainNumatuneDef *nt = &def->numatune;
    g_autofree char *placement = vrXMLProp(node, "placement");
    g_autofree char *nodeset = vrXMLProp(node, "nodeset");

    nt->present = true;
    if (tuneParseNumaMode(node, &nt->mode) < 0)
        return -1;
    if (placement && (nt->placement = vrDomainNumatunePlacementTypeFromString(placement)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Unsupported numatune placement '%s'",
                      placement);
        return -1;
    }
    if (nodeset && tuneParseSet(nodeset, "nodeset", &nt->nodeset) < 0)
        return -1;
    if (nt->placement == VR_NUMATUNE_PLACEMENT_DEFAULT)
        nt->placement = nodeset ? VR_NUMATUNE_PLACEMENT_STATIC : VR_NUMATUNE_PLACEMENT_AUTO;
    if (nt->placement == VR_NUMATUNE_PLACEMENT_STATIC && !nt->nodeset) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        return -1;
    }
    /* automatic placement chooses the nodes itself */
    if (nt->placement == VR_NUMATUNE_PLACEMENT_AUTO)
        g_clear_pointer(&nt->nodeset, vrBitmapFree);
    return 0;
}

static int
tuneParseMemnode(xmlNodePtr node, vrDomainNumatuneDef *nt)
{
    vrDomainNumatuneMemnode m = { 0 };
    g_autofree char *nodeset = vrXMLProp(node, "nodeset");
    size_t i;
    int rc;

    if ((rc = vrXMLPropUInt(node, "cellid", "memnode", 10, &m.cellid)) < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required cellid attribute in memnode element");
        return -1;
    }
    for (i = 0; i < nt->nmemnodes; i++) {
        if (nt->memnodes[i].cellid == m.cellid) {
            vrReportError(VR_ERR_XML_ERROR, "Multiple memnode elements with cellid %u",
                          m.cellid);
            return -1;
        }
    }
    if (tuneParseNumaMode(node, &m.mode) < 0)
        return -1;
    if (!nodeset) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required nodeset attribute in memnode element");
        return -1;
    }
    if (tuneParseSet(nodeset, "nodeset", &m.nodeset) < 0)
        return -1;
    nt->memnodes = g_renew(vrDomainNumatuneMemnode, nt->memnodes, nt->nmemnodes + 1);
    nt->memnodes[nt->nmemnodes++] = m;
    return 0;
}

int
vrDomainParseNumatune(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr nt = vrXMLChild(root, "numatune");
    xmlNodePtr mem;

    if (nt) {
        if ((mem = vrXMLChild(nt, "memory")) && tuneParseNumaMemory(mem, def) < 0)
            return -1;
        vrXMLForEachNamed(nt, "memnode", node) {
            if (tuneParseMemnode(node, &def->numatune) < 0)
                return -1;
        }
    }
    /* automatic placement of memory and of vCPUs go together */
    if (def->numatune.present && def->numatune.placement == VR_NUMATUNE_PLACEMENT_AUTO)
        def->placementAuto = true;
    if (def->placementAuto && !def->numatune.present) {
        def->numatune.present = true;
        def->numatune.mode = VR_NUMATUNE_MODE_STRICT;
        def->numatune.placement = VR_NUMATUNE_PLACEMENT_AUTO;
    }
    return 0;
}

void
vrDomainFormatNumatune(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainNumatuneDef *nt = &def->numatune;
    size_t i;

    if (!nt->present && !nt->nmemnodes)
        return;
    vrBufAddLit(buf, "<numatune>\n");
    vrBufAdjustIndent(buf, 2);
    if (nt->present) {
        vrBufAsprintf(buf, "<memory mode='%s'", vrDomainNumatuneModeTypeToString(nt->mode));
        if (nt->placement == VR_NUMATUNE_PLACEMENT_AUTO)
            vrBufAddLit(buf, " placement='auto'");
        else
            tuneFormatBitmapAttr(buf, "nodeset", nt->nodeset);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < nt->nmemnodes; i++) {
        vrBufAsprintf(buf, "<memnode cellid='%u' mode='%s'", nt->memnodes[i].cellid,
                      vrDomainNumatuneModeTypeToString(nt->memnodes[i].mode));
        tuneFormatBitmapAttr(buf, "nodeset", nt->memnodes[i].nodeset);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</numatune>\n");
}

/* ---- <blkiotune> -------------------------------------------------------- */

static int
tuneParseBlkioDevice(xmlNodePtr node, vrDomainBlkiotuneDef *bt)
{
    vrDomainBlkiotuneDevice d = { 0 };
    unsigned long long weight = 0;
    size_t i;

    d.path = vrXMLChildContentStrip(node, "path");
    if (!d.path) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing per-device path");
        return -1;
    }
    for (i = 0; i < bt->ndevices; i++) {
        if (g_str_equal(bt->devices[i].path, d.path)) {
            vrReportError(VR_ERR_XML_ERROR, "duplicate blkio device path '%s'", d.path);
            g_free(d.path);
            return -1;
        }
    }
    if (tuneParseULLongChild(node, "weight", "per-device weight", &weight, NULL) < 0 ||
        tuneParseULLongChild(node, "read_iops_sec", "read_iops_sec", &d.riops, NULL) < 0 ||
        tuneParseULLongChild(node, "write_iops_sec", "write_iops_sec", &d.wiops, NULL) < 0 ||
        tuneParseULLongChild(node, "read_bytes_sec", "read_bytes_sec", &d.rbps, NULL) < 0 ||
        tuneParseULLongChild(node, "write_bytes_sec", "write_bytes_sec", &d.wbps, NULL) < 0) {
        g_free(d.path);
        return -1;
    }
    d.weight = (unsigned int)weight;
    bt->devices = g_renew(vrDomainBlkiotuneDevice, bt->devices, bt->ndevices + 1);
    bt->devices[bt->ndevices++] = d;
    return 0;
}

int
vrDomainParseBlkiotune(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr bt = vrXMLChild(root, "blkiotune");
    unsigned long long weight = 0;

    if (!bt)
        return 0;
    if (tuneParseULLongChild(bt, "weight", "blkio weight", &weight, NULL) < 0)
        return -1;
    def->blkiotune.weight = (unsigned int)weight;
    vrXMLForEachNamed(bt, "device", node) {
        if (tuneParseBlkioDevice(node, &def->blkiotune) < 0)
            return -1;
    }
    return 0;
}

void
vrDomainFormatBlkiotune(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainBlkiotuneDef *bt = &def->blkiotune;
    bool any = bt->weight != 0;
    size_t i;

    for (i = 0; i < bt->ndevices; i++) {
        const vrDomainBlkiotuneDevice *d = &bt->devices[i];
        any |= d->weight || d->riops || d->wiops || d->rbps || d->wbps;
    }
    if (!any)
        return;
    vrBufAddLit(buf, "<blkiotune>\n");
    vrBufAdjustIndent(buf, 2);
    if (bt->weight)
        vrBufAsprintf(buf, "<weight>%u</weight>\n", bt->weight);
    for (i = 0; i < bt->ndevices; i++) {
        const vrDomainBlkiotuneDevice *d = &bt->devices[i];
        /* a device with nothing set says nothing */
        if (!(d->weight || d->riops || d->wiops || d->rbps || d->wbps))
            continue;
        vrBufAddLit(buf, "<device>\n");
        vrBufAdjustIndent(buf, 2);
        vrConfEscapeXMLPrintf(buf, "<path>%s</path>\n", d->path);
        if (d->weight)
            vrBufAsprintf(buf, "<weight>%u</weight>\n", d->weight);
        if (d->riops)
            vrBufAsprintf(buf, "<read_iops_sec>%llu</read_iops_sec>\n", d->riops);
        if (d->wiops)
            vrBufAsprintf(buf, "<write_iops_sec>%llu</write_iops_sec>\n", d->wiops);
        if (d->rbps)
            vrBufAsprintf(buf, "<read_bytes_sec>%llu</read_bytes_sec>\n", d->rbps);
        if (d->wbps)
            vrBufAsprintf(buf, "<write_bytes_sec>%llu</write_bytes_sec>\n", d->wbps);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</device>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</blkiotune>\n");
}

/* ---- <memoryBacking> ---------------------------------------------------- */

static int
tuneParseHugePage(xmlNodePtr node, vrDomainMemoryBackingDef *mb)
{
    vrDomainHugePage page = { 0 };
    g_autofree char *size = vrXMLProp(node, "size");
    g_autofree char *unit = vrXMLProp(node, "unit");
    g_autofree char *nodeset = vrXMLProp(node, "nodeset");
    unsigned long long bytes;

    if (!size) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing hugepage size");
        return -1;
    }
    if (vrStrToULLong(size, 10, &bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                      size, "./@size");
        return -1;
    }
    if (vrScaleInteger(&bytes, unit, 1024, G_MAXINT64) < 0)
        return -1;
    page.size = bytes / 1024;
    if (page.size == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "hugepage size can't be zero");
        return -1;
    }
    if (nodeset && tuneParseSet(nodeset, "nodeset", &page.nodeset) < 0)
        return -1;
    mb->pages = g_renew(vrDomainHugePage, mb->pages, mb->npages + 1);
    mb->pages[mb->npages++] = page;
    return 0;
}

static int
tuneParseMemoryBackingAttr(xmlNodePtr mb, const char *element, const char *attr,
                           const char *const *values, char **out)
{
    xmlNodePtr node = vrXMLChild(mb, element);
    g_autofree char *value = NULL;
    size_t i;

    if (!node || !(value = vrXMLProp(node, attr)))
        return 0;
    for (i = 0; values[i]; i++) {
        if (g_str_equal(values[i], value)) {
            *out = g_steal_pointer(&value);
            return 0;
        }
    }
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                  attr, element, value);
    return -1;
}

int
vrDomainParseMemoryBacking(xmlNodePtr root, vrDomainDef *def)
{
    static const char *const sources[] = { "file", "anonymous", "memfd", NULL };
    static const char *const accesses[] = { "shared", "private", NULL };
    static const char *const allocations[] = { "immediate", "ondemand", NULL };
    vrDomainMemoryBackingDef *b = &def->memoryBacking;
    xmlNodePtr mb = vrXMLChild(root, "memoryBacking");
    xmlNodePtr hp, alloc;

    if (!mb)
        return 0;
    if ((hp = vrXMLChild(mb, "hugepages"))) {
        b->hugepages = true;
        vrXMLForEachNamed(hp, "page", page) {
            if (tuneParseHugePage(page, b) < 0)
                return -1;
        }
    }
    b->nosharepages = vrXMLChild(mb, "nosharepages") != NULL;
    b->locked = vrXMLChild(mb, "locked") != NULL;
    b->discard = vrXMLChild(mb, "discard") != NULL;
    if (tuneParseMemoryBackingAttr(mb, "source", "type", sources, &b->source) < 0 ||
        tuneParseMemoryBackingAttr(mb, "access", "mode", accesses, &b->access) < 0 ||
        tuneParseMemoryBackingAttr(mb, "allocation", "mode", allocations, &b->allocation) < 0)
        return -1;
    if ((alloc = vrXMLChild(mb, "allocation")) &&
        vrXMLPropUInt(alloc, "threads", "allocation", 10, &b->allocationThreads) < 0)
        return -1;
    return 0;
}

void
vrDomainFormatMemoryBacking(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainMemoryBackingDef *b = &def->memoryBacking;
    size_t i;

    if (!(b->hugepages || b->nosharepages || b->locked || b->source || b->access ||
          b->allocation || b->allocationThreads || b->discard))
        return;
    vrBufAddLit(buf, "<memoryBacking>\n");
    vrBufAdjustIndent(buf, 2);
    if (b->hugepages && !b->npages) {
        vrBufAddLit(buf, "<hugepages/>\n");
    } else if (b->hugepages) {
        vrBufAddLit(buf, "<hugepages>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < b->npages; i++) {
            vrBufAsprintf(buf, "<page size='%llu' unit='KiB'", b->pages[i].size);
            if (b->pages[i].nodeset)
                tuneFormatBitmapAttr(buf, "nodeset", b->pages[i].nodeset);
            vrBufAddLit(buf, "/>\n");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</hugepages>\n");
    }
    if (b->nosharepages)
        vrBufAddLit(buf, "<nosharepages/>\n");
    if (b->locked)
        vrBufAddLit(buf, "<locked/>\n");
    if (b->source)
        vrBufAsprintf(buf, "<source type='%s'/>\n", b->source);
    if (b->access)
        vrBufAsprintf(buf, "<access mode='%s'/>\n", b->access);
    if (b->allocation || b->allocationThreads) {
        vrBufAddLit(buf, "<allocation");
        if (b->allocation)
            vrBufAsprintf(buf, " mode='%s'", b->allocation);
        if (b->allocationThreads)
            vrBufAsprintf(buf, " threads='%u'", b->allocationThreads);
        vrBufAddLit(buf, "/>\n");
    }
    if (b->discard)
        vrBufAddLit(buf, "<discard/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</memoryBacking>\n");
}

/* ---- <resource> ---------------------------------------------------------- */

static bool
tuneAppidIsValid(const char *appid)
{
    size_t len = strlen(appid), i;

    if (len < 1 || len > 128)
        return false;
    for (i = 0; i < len; i++) {
        if (!g_ascii_isprint(appid[i]))
            return false;
    }
    return true;
}

int
vrDomainParseResource(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr res = vrXMLChild(root, "resource");
    xmlNodePtr fc;

    if (!res)
        return 0;
    def->resource.partition = vrXMLChildContentStrip(res, "partition");
    if (def->resource.partition && def->resource.partition[0] != '/') {
        vrReportError(VR_ERR_XML_ERROR, "resource partition '%s' must start with '/'",
                      def->resource.partition);
        return -1;
    }
    if ((fc = vrXMLChild(res, "fibrechannel"))) {
        def->resource.appid = vrXMLProp(fc, "appid");
        if (!def->resource.appid) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "Missing required attribute 'appid' in element 'fibrechannel'");
            return -1;
        }
        if (!tuneAppidIsValid(def->resource.appid)) {
            vrReportError(VR_ERR_INVALID_ARG, "Wrong format for appid value '%s'",
                          def->resource.appid);
            return -1;
        }
    }
    return 0;
}

void
vrDomainFormatResource(vrBuf *buf, const vrDomainDef *def)
{
    if (!def->resource.partition && !def->resource.appid)
        return;
    vrBufAddLit(buf, "<resource>\n");
    vrBufAdjustIndent(buf, 2);
    if (def->resource.partition)
        vrConfEscapeXMLPrintf(buf, "<partition>%s</partition>\n", def->resource.partition);
    if (def->resource.appid)
        vrConfEscapeXMLPrintf(buf, "<fibrechannel appid='%s'/>\n", def->resource.appid);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</resource>\n");
}

/* ---- freeing ------------------------------------------------------------- */

void
vrDomainTuneClear(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->maxvcpus && def->vcpuList; i++)
        vrBitmapFree(def->vcpuList[i].cpumask);
    g_free(def->vcpuList);
    for (i = 0; i < def->niothreadids; i++) {
        vrBitmapFree(def->iothreadids[i]->cpumask);
        g_free(def->iothreadids[i]->xmlExtra);
        g_free(def->iothreadids[i]);
    }
    g_free(def->iothreadids);
    vrBitmapFree(def->cputune.emulatorpin);
    vrBitmapFree(def->numatune.nodeset);
    for (i = 0; i < def->numatune.nmemnodes; i++)
        vrBitmapFree(def->numatune.memnodes[i].nodeset);
    g_free(def->numatune.memnodes);
    for (i = 0; i < def->blkiotune.ndevices; i++)
        g_free(def->blkiotune.devices[i].path);
    g_free(def->blkiotune.devices);
    for (i = 0; i < def->memoryBacking.npages; i++)
        vrBitmapFree(def->memoryBacking.pages[i].nodeset);
    g_free(def->memoryBacking.pages);
    g_free(def->memoryBacking.source);
    g_free(def->memoryBacking.access);
    g_free(def->memoryBacking.allocation);
    g_free(def->resource.partition);
    g_free(def->resource.appid);
    vrBitmapFree(def->cpumask);
}
