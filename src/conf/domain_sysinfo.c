/*
 * domain_sysinfo.c: <sysinfo>, the SMBIOS tables and fw_cfg blobs a
 * guest's firmware is given.
 *
 * SMBIOS entries are read by name into libvirt's fixed field order; names
 * that have no SMBIOS field are not kept (libvirt drops them too), and
 * the processor and memory blocks of host sysinfo have no meaning here.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrSysinfo, VR_SYSINFO_LAST, "smbios", "fwcfg");

static const char *const vrSysinfoBiosFields[] = {
    "vendor", "version", "date", "release", NULL };
static const char *const vrSysinfoSystemFields[] = {
    "manufacturer", "product", "version", "serial", "uuid", "sku", "family", NULL };
static const char *const vrSysinfoBaseBoardFields[] = {
    "manufacturer", "product", "version", "serial", "asset", "location", NULL };
static const char *const vrSysinfoChassisFields[] = {
    "manufacturer", "version", "serial", "asset", "sku", NULL };

static void
vrSysinfoBlockAdd(vrSysinfoBlock *block, const char *name, char *value, char *file)
{
    block->entries = g_renew(vrSysinfoEntry, block->entries, block->n + 1);
    block->entries[block->n++] = (vrSysinfoEntry){ g_strdup(name), value, file };
}

static void
vrSysinfoBlockClear(vrSysinfoBlock *block)
{
    for (size_t i = 0; i < block->n; i++) {
        g_free(block->entries[i].name);
        g_free(block->entries[i].value);
        g_free(block->entries[i].file);
    }
    g_free(block->entries);
    block->entries = NULL;
    block->n = 0;
}

/* The first non-empty <entry name=@name> of @node, as XPath would give it. */
static char *
vrSysinfoEntryValue(xmlNodePtr node, const char *name)
{
    vrXMLForEachNamed(node, "entry", entry) {
        g_autofree char *ename = vrXMLProp(entry, "name");

        if (ename && g_str_equal(ename, name)) {
            char *value = vrXMLContent(entry);
            if (*value)
                return value;
            g_free(value);
            return NULL;
        }
    }
    return NULL;
}

static void
vrSysinfoParseBlock(xmlNodePtr node, const char *const *fields, vrSysinfoBlock *block)
{
    for (size_t i = 0; fields[i]; i++) {
        char *value = vrSysinfoEntryValue(node, fields[i]);
        if (value)
            vrSysinfoBlockAdd(block, fields[i], value, NULL);
    }
}

static const char *
vrSysinfoBlockGet(const vrSysinfoBlock *block, const char *name)
{
    for (size_t i = 0; i < block->n; i++) {
        if (g_str_equal(block->entries[i].name, name))
            return block->entries[i].value;
    }
    return NULL;
}

/* SMBIOS wants mm/dd/yy or mm/dd/yyyy (a four-digit year from 1900). */
static bool
vrSysinfoDateIsValid(const char *date)
{
    int month, day, year;
    char *end;

    month = (int)strtol(date, &end, 10);
    if (end == date || *end != '/')
        return false;
    date = end + 1;
    day = (int)strtol(date, &end, 10);
    if (end == date || *end != '/')
        return false;
    date = end + 1;
    year = (int)strtol(date, &end, 10);
    if (end == date || *end)
        return false;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
           year >= 0 && (year < 100 || year >= 1900);
}

/* The system UUID must be the domain's; a domain without one takes it. */
static int
vrSysinfoCheckUUID(vrSysinfoBlock *system, vrDomainDef *def, bool uuidGiven)
{
    unsigned char uuid[VR_UUID_BUFLEN];
    char canonical[VR_UUID_STRING_BUFLEN];

    for (size_t i = 0; i < system->n; i++) {
        vrSysinfoEntry *e = &system->entries[i];

        if (!g_str_equal(e->name, "uuid"))
            continue;
        if (vrUUIDParse(e->value, uuid) < 0) {
            vrReportError(VR_ERR_XML_DETAIL, "%s", "malformed <sysinfo> uuid element");
            return -1;
        }
        if (!uuidGiven) {
            memcpy(def->uuid, uuid, VR_UUID_BUFLEN);
        } else if (memcmp(def->uuid, uuid, VR_UUID_BUFLEN) != 0) {
            vrReportError(VR_ERR_XML_DETAIL, "%s", "UUID mismatch between <uuid> and <sysinfo>");
            return -1;
        }
        g_free(e->value);
        e->value = g_strdup(vrUUIDFormat(uuid, canonical));
    }
    return 0;
}

static int
vrSysinfoParseSmbios(xmlNodePtr node, vrSysinfoDef *si, vrDomainDef *def, bool uuidGiven)
{
    xmlNodePtr child;
    const char *date;

    if ((child = vrXMLChild(node, "bios"))) {
        vrSysinfoParseBlock(child, vrSysinfoBiosFields, &si->bios);
        if ((date = vrSysinfoBlockGet(&si->bios, "date")) && !vrSysinfoDateIsValid(date)) {
            vrReportError(VR_ERR_XML_DETAIL, "%s", "Invalid BIOS 'date' format");
            return -1;
        }
    }
    if ((child = vrXMLChild(node, "system"))) {
        vrSysinfoParseBlock(child, vrSysinfoSystemFields, &si->system);
        if (vrSysinfoCheckUUID(&si->system, def, uuidGiven) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "baseBoard", board) {
        vrSysinfoBlock block = { 0 };

        vrSysinfoParseBlock(board, vrSysinfoBaseBoardFields, &block);
        if (!block.n)
            continue;
        si->baseBoards = g_renew(vrSysinfoBlock, si->baseBoards, si->nbaseBoards + 1);
        si->baseBoards[si->nbaseBoards++] = block;
    }
    if ((child = vrXMLChild(node, "chassis")))
        vrSysinfoParseBlock(child, vrSysinfoChassisFields, &si->chassis);
    if ((child = vrXMLChild(node, "oemStrings"))) {
        vrXMLForEachNamed(child, "entry", entry) {
            if (!si->oemStrings)
                si->oemStrings = g_ptr_array_new_with_free_func(g_free);
            g_ptr_array_add(si->oemStrings, vrXMLContent(entry));
        }
    }
    return 0;
}

static int
vrSysinfoParseFwcfg(xmlNodePtr node, vrSysinfoDef *si)
{
    vrXMLForEachNamed(node, "entry", entry) {
        g_autofree char *name = vrPropNonEmpty(entry, "name");
        g_autofree char *value = vrXMLContent(entry);
        g_autofree char *file = vrPropNonEmpty(entry, "file");

        if (!name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Firmware entry is missing 'name' attribute");
            return -1;
        }
        if (!*value)
            g_clear_pointer(&value, g_free);
        if (!value == !file) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          value ? "Firmware entry can't have both value and 'file' attribute"
                                : "Firmware entry must have either value or 'file' attribute");
            return -1;
        }
        vrSysinfoBlockAdd(&si->fwcfg, name, g_steal_pointer(&value), g_steal_pointer(&file));
    }
    return 0;
}

int
vrDomainParseSysinfo(xmlNodePtr root, vrDomainDef *def, bool uuidGiven)
{
    vrXMLForEachNamed(root, "sysinfo", node) {
        g_autoptr(vrSysinfoDef) si = g_new0(vrSysinfoDef, 1);
        int rc;

        if (vrPropEnum(node, "type", vrSysinfoTypeFromString, true, false, &si->type) < 0)
            return -1;
        if (si->type == VR_SYSINFO_SMBIOS)
            rc = vrSysinfoParseSmbios(node, si, def, uuidGiven);
        else
            rc = vrSysinfoParseFwcfg(node, si);
        if (rc < 0)
            return -1;
        def->sysinfos = g_renew(vrSysinfoDef *, def->sysinfos, def->nsysinfos + 1);
        def->sysinfos[def->nsysinfos++] = g_steal_pointer(&si);
    }
    return 0;
}

/* ---- formatting ------------------------------------------------------ */

static void
vrSysinfoFormatEntries(vrBuf *buf, const vrSysinfoBlock *block)
{
    for (size_t i = 0; i < block->n; i++) {
        const vrSysinfoEntry *e = &block->entries[i];

        vrConfEscapeXMLPrintf(buf, "<entry name='%s'", e->name);
        if (e->file) {
            vrConfEscapeXMLPrintf(buf, " file='%s'/>\n", e->file);
            continue;
        }
        vrBufAddLit(buf, ">");
        vrConfEscapeXMLText(buf, e->value);
        vrBufAddLit(buf, "</entry>\n");
    }
}

static void
vrSysinfoFormatBlock(vrBuf *buf, const char *name, const vrSysinfoBlock *block)
{
    if (!block->n)
        return;
    vrBufAsprintf(buf, "<%s>\n", name);
    vrBufAdjustIndent(buf, 2);
    vrSysinfoFormatEntries(buf, block);
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", name);
}

static void
vrSysinfoFormatSmbios(vrBuf *buf, const vrSysinfoDef *si)
{
    size_t i;

    vrSysinfoFormatBlock(buf, "bios", &si->bios);
    vrSysinfoFormatBlock(buf, "system", &si->system);
    for (i = 0; i < si->nbaseBoards; i++)
        vrSysinfoFormatBlock(buf, "baseBoard", &si->baseBoards[i]);
    vrSysinfoFormatBlock(buf, "chassis", &si->chassis);
    if (si->oemStrings && si->oemStrings->len) {
        vrBufAddLit(buf, "<oemStrings>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < si->oemStrings->len; i++) {
            vrBufAddLit(buf, "<entry>");
            vrConfEscapeXMLText(buf, g_ptr_array_index(si->oemStrings, i));
            vrBufAddLit(buf, "</entry>\n");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</oemStrings>\n");
    }
}

static bool
vrSysinfoIsEmpty(const vrSysinfoDef *si)
{
    return !si->bios.n && !si->system.n && !si->nbaseBoards && !si->chassis.n &&
           !(si->oemStrings && si->oemStrings->len) && !si->fwcfg.n;
}

void
vrDomainFormatSysinfo(vrBuf *buf, const vrDomainDef *def)
{
    for (size_t i = 0; i < def->nsysinfos; i++) {
        const vrSysinfoDef *si = def->sysinfos[i];

        vrBufAsprintf(buf, "<sysinfo type='%s'", vrSysinfoTypeToString(si->type));
        if (vrSysinfoIsEmpty(si)) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        if (si->type == VR_SYSINFO_SMBIOS)
            vrSysinfoFormatSmbios(buf, si);
        else
            vrSysinfoFormatEntries(buf, &si->fwcfg);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</sysinfo>\n");
    }
}

void
vrSysinfoDefFree(vrSysinfoDef *si)
{
    if (!si)
        return;
    vrSysinfoBlockClear(&si->bios);
    vrSysinfoBlockClear(&si->system);
    for (size_t i = 0; i < si->nbaseBoards; i++)
        vrSysinfoBlockClear(&si->baseBoards[i]);
    g_free(si->baseBoards);
    vrSysinfoBlockClear(&si->chassis);
    if (si->oemStrings)
        g_ptr_array_unref(si->oemStrings);
    vrSysinfoBlockClear(&si->fwcfg);
    g_free(si);
}
