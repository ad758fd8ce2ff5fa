/*
 * domain_clock.c: <clock>, the guest's time base and its timers.
 *
 * A utc or localtime clock with a numeric adjustment is the same thing
 * as a variable clock on that basis; libvirt stores and writes it that
 * way, and so do we.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrDomainClockOffset, VR_DOMAIN_CLOCK_OFFSET_LAST,
             "utc", "localtime", "variable", "timezone", "absolute");
VR_ENUM_IMPL(vrDomainTimerName, VR_DOMAIN_TIMER_NAME_LAST,
             "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer");

/* Index 0 is "not set" and never accepted. */
static const char *const vrTimerTickpolicies[] = { "", "delay", "catchup", "merge", "discard" };
static const char *const vrTimerTracks[] = { "", "boot", "guest", "wall", "realtime" };
static const char *const vrTimerModes[] = { "", "auto", "native", "emulate", "paravirt",
                                            "smpsafe" };
static const char *const vrClockBases[] = { "utc", "localtime" };
#define VR_TIMER_TICKPOLICY_CATCHUP 2

static int
vrClockChoice(xmlNodePtr node, const char *attr, const char *const *choices, size_t n,
              int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (g_str_equal(str, choices[i])) {
            *value = (int)i;
            return 1;
        }
    }
    vrPropReportInvalid(node, attr, str, "");
    return -1;
}

#define VR_CLOCK_CHOICE(node, attr, table, value) \
    vrClockChoice(node, attr, table, G_N_ELEMENTS(table), value)

static int
vrDomainParseTimerCatchup(xmlNodePtr catchup, vrDomainTimerDef *t)
{
    unsigned long long v;
    int rc;

    if ((rc = vrPropULLong(catchup, "threshold", 10, &v)) < 0)
        return -1;
    t->catchupThreshold = rc ? v : 0;
    if ((rc = vrPropULLong(catchup, "slew", 10, &v)) < 0)
        return -1;
    t->catchupSlew = rc ? v : 0;
    if ((rc = vrPropULLong(catchup, "limit", 10, &v)) < 0)
        return -1;
    t->catchupLimit = rc ? v : 0;
    t->hasCatchup = t->catchupThreshold || t->catchupSlew || t->catchupLimit;
    return 0;
}

static int
vrDomainParseTimer(xmlNodePtr node, vrDomainTimerDef *t)
{
    xmlNodePtr catchup;

    if (vrPropEnum(node, "name", vrDomainTimerNameTypeFromString, true, false, &t->name) < 0 ||
        vrPropTristate(node, "present", &t->present) < 0 ||
        VR_CLOCK_CHOICE(node, "tickpolicy", vrTimerTickpolicies, &t->tickpolicy) < 0 ||
        VR_CLOCK_CHOICE(node, "track", vrTimerTracks, &t->track) < 0 ||
        vrPropULLong(node, "frequency", 10, &t->frequency) < 0 ||
        VR_CLOCK_CHOICE(node, "mode", vrTimerModes, &t->mode) < 0)
        return -1;
    if ((catchup = vrXMLChild(node, "catchup")) && vrDomainParseTimerCatchup(catchup, t) < 0)
        return -1;
    return 0;
}

static int
vrDomainTimerUnsupported(const vrDomainTimerDef *t, const char *what)
{
    vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "timer %s doesn't support setting of timer %s",
                  vrDomainTimerNameTypeToString(t->name), what);
    return -1;
}

/* Each timer only has the knobs its hardware has. */
static int
vrDomainValidateTimer(const vrDomainTimerDef *t)
{
    bool paravirt = t->name == VR_DOMAIN_TIMER_NAME_KVMCLOCK ||
                    t->name == VR_DOMAIN_TIMER_NAME_HYPERVCLOCK;
    bool trackable = t->name == VR_DOMAIN_TIMER_NAME_RTC ||
                     t->name == VR_DOMAIN_TIMER_NAME_PLATFORM;

    if (paravirt && t->tickpolicy)
        return vrDomainTimerUnsupported(t, "tickpolicy");
    if (!trackable && t->track)
        return vrDomainTimerUnsupported(t, "track");
    if (t->name != VR_DOMAIN_TIMER_NAME_TSC && t->frequency)
        return vrDomainTimerUnsupported(t, "frequency");
    if (t->name != VR_DOMAIN_TIMER_NAME_TSC && t->mode)
        return vrDomainTimerUnsupported(t, "mode");
    if (t->hasCatchup && t->tickpolicy != VR_TIMER_TICKPOLICY_CATCHUP) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "setting of timer catchup policies is only supported with "
                      "tickpolicy='catchup'");
        return -1;
    }
    return 0;
}

/* utc/localtime take 'reset' or a number of seconds; a number turns the
 * clock into a variable one on that basis. */
static int
vrDomainParseClockAdjustment(xmlNodePtr node, vrDomainClockDef *clock)
{
    g_autofree char *adj = vrXMLProp(node, "adjustment");
    long long secs;

    if (!adj)
        return 0;
    if (g_str_equal(adj, "reset")) {
        clock->adjustmentReset = true;
        return 0;
    }
    if (vrStrToLLong(adj, 10, &secs) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown clock adjustment '%s'", adj);
        return -1;
    }
    clock->basis = clock->offset == VR_DOMAIN_CLOCK_OFFSET_LOCALTIME ? 1 : 0;
    clock->offset = VR_DOMAIN_CLOCK_OFFSET_VARIABLE;
    clock->adjustment = secs;
    return 0;
}

static int
vrDomainParseClockVariable(xmlNodePtr node, vrDomainClockDef *clock)
{
    g_autofree char *basis = vrXMLProp(node, "basis");
    g_autofree char *adj = vrXMLProp(node, "adjustment");

    /* libvirt ignores an adjustment it cannot read; we say so instead. */
    if (adj && vrStrToLLong(adj, 10, &clock->adjustment) < 0) {
        vrPropReportInvalid(node, "adjustment", adj, " Expected integer value");
        return -1;
    }
    if (!basis)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(vrClockBases); i++) {
        if (g_str_equal(basis, vrClockBases[i])) {
            clock->basis = (int)i;
            return 0;
        }
    }
    vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown clock basis '%s'", basis);
    return -1;
}

static int
vrDomainParseClockOffset(xmlNodePtr node, vrDomainClockDef *clock)
{
    g_autofree char *offset = vrXMLProp(node, "offset");
    g_autofree char *start = NULL;

    if (offset && (clock->offset = vrDomainClockOffsetTypeFromString(offset)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown clock offset '%s'", offset);
        return -1;
    }
    switch ((vrDomainClockOffset)clock->offset) {
    case VR_DOMAIN_CLOCK_OFFSET_UTC:
    case VR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        return vrDomainParseClockAdjustment(node, clock);
    case VR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        return vrDomainParseClockVariable(node, clock);
    case VR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        if (!(clock->timezone = vrXMLProp(node, "timezone"))) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "missing 'timezone' attribute for clock with offset='timezone'");
            return -1;
        }
        return 0;
    case VR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        start = vrXMLProp(node, "start");
        if (!start || vrDomainParseULLong(start, &clock->start) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "missing 'start' attribute for clock with offset='absolute'");
            return -1;
        }
        return 0;
    case VR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }
    return 0;
}

int
vrDomainParseClock(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "clock");
    vrDomainClockDef *clock = &def->clock;
    size_t i;

    if (!node)
        return 0;
    if (vrDomainParseClockOffset(node, clock) < 0)
        return -1;
    clock->ntimers = vrXMLCountChildren(node, "timer");
    clock->timers = g_new0(vrDomainTimerDef, clock->ntimers);
    i = 0;
    vrXMLForEachNamed(node, "timer", tnode) {
        if (vrDomainParseTimer(tnode, &clock->timers[i++]) < 0)
            return -1;
    }
    for (i = 0; i < clock->ntimers; i++) {
        if (vrDomainValidateTimer(&clock->timers[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- formatting ------------------------------------------------------ */

static void
vrDomainFormatTimer(vrBuf *buf, const vrDomainTimerDef *t)
{
    vrBufAsprintf(buf, "<timer name='%s'", vrDomainTimerNameTypeToString(t->name));
    if (t->present)
        vrBufAsprintf(buf, " present='%s'", vrPropTristateString(t->present));
    if (t->tickpolicy)
        vrBufAsprintf(buf, " tickpolicy='%s'", vrTimerTickpolicies[t->tickpolicy]);
    if (t->track)
        vrBufAsprintf(buf, " track='%s'", vrTimerTracks[t->track]);
    if (t->frequency)
        vrBufAsprintf(buf, " frequency='%llu'", t->frequency);
    if (t->mode)
        vrBufAsprintf(buf, " mode='%s'", vrTimerModes[t->mode]);
    if (!t->hasCatchup) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<catchup");
    if (t->catchupThreshold)
        vrBufAsprintf(buf, " threshold='%lu'", t->catchupThreshold);
    if (t->catchupSlew)
        vrBufAsprintf(buf, " slew='%lu'", t->catchupSlew);
    if (t->catchupLimit)
        vrBufAsprintf(buf, " limit='%lu'", t->catchupLimit);
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</timer>\n");
}

void
vrDomainFormatClock(vrBuf *buf, const vrDomainClockDef *clock)
{
    size_t i;

    vrBufAsprintf(buf, "<clock offset='%s'", vrDomainClockOffsetTypeToString(clock->offset));
    switch ((vrDomainClockOffset)clock->offset) {
    case VR_DOMAIN_CLOCK_OFFSET_UTC:
    case VR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        if (clock->adjustmentReset)
            vrBufAddLit(buf, " adjustment='reset'");
        break;
    case VR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        vrBufAsprintf(buf, " adjustment='%lld' basis='%s'", clock->adjustment,
                      vrClockBases[clock->basis]);
        break;
    case VR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        vrConfEscapeXMLPrintf(buf, " timezone='%s'", clock->timezone);
        break;
    case VR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        vrBufAsprintf(buf, " start='%llu'", clock->start);
        break;
    case VR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }
    if (!clock->ntimers) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < clock->ntimers; i++)
        vrDomainFormatTimer(buf, &clock->timers[i]);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</clock>\n");
}

void
vrDomainClockDefClear(vrDomainClockDef *clock)
{
    g_free(clock->timezone);
    g_free(clock->timers);
    memset(clock, 0, sizeof(*clock));
}
