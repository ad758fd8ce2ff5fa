/*
 * libvireo-domain.c: the public domain API.
 */
#include <config.h>

#include <string.h>

#include "api_internal.h"
#include "util/vruuid.h"


/* ---- listing and lookup -------------------------------------------- */

int
vrConnectListAllDomains(vrConnect *conn, vrDomain ***domains, unsigned int flags)
{
    if (domains)
        *domains = NULL;
    VR_API_CONN(conn, "virConnectListAllDomains", -1);
    VR_API_CALL(conn, hypervisor, connectListAllDomains, "virConnectListAllDomains", -1,
                conn, domains, flags);
}

int
vrConnectNumOfDomains(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfDomains", -1);
    VR_API_CALL(conn, hypervisor, connectNumOfDomains, "virConnectNumOfDomains", -1, conn);
}

int
vrConnectListDomains(vrConnect *conn, int *ids, int maxids)
{
    VR_API_CONN(conn, "virConnectListDomains", -1);
    VR_API_ARG(maxids >= 0 && (ids || maxids == 0), "virConnectListDomains", -1);
    VR_API_CALL(conn, hypervisor, connectListDomains, "virConnectListDomains", -1,
                conn, ids, maxids);
}

int
vrConnectNumOfDefinedDomains(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfDefinedDomains", -1);
    VR_API_CALL(conn, hypervisor, connectNumOfDefinedDomains, "virConnectNumOfDefinedDomains",
                -1, conn);
}

int
vrConnectListDefinedDomains(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListDefinedDomains", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListDefinedDomains", -1);
    VR_API_CALL(conn, hypervisor, connectListDefinedDomains, "virConnectListDefinedDomains",
                -1, conn, names, maxnames);
}

vrDomain *
vrDomainLookupByID(vrConnect *conn, int id)
{
    VR_API_CONN(conn, "virDomainLookupByID", NULL);
    VR_API_ARG(id >= 0, "virDomainLookupByID", NULL);
    VR_API_CALL(conn, hypervisor, domainLookupByID, "virDomainLookupByID", NULL, conn, id);
}

vrDomain *
vrDomainLookupByName(vrConnect *conn, const char *name)
{
    VR_API_CONN(conn, "virDomainLookupByName", NULL);
    VR_API_ARG(name, "virDomainLookupByName", NULL);
    VR_API_CALL(conn, hypervisor, domainLookupByName, "virDomainLookupByName", NULL, conn, name);
}

vrDomain *
vrDomainLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    VR_API_CONN(conn, "virDomainLookupByUUID", NULL);
    VR_API_ARG(uuid, "virDomainLookupByUUID", NULL);
    VR_API_CALL(conn, hypervisor, domainLookupByUUID, "virDomainLookupByUUID", NULL, conn, uuid);
}

vrDomain *
vrDomainLookupByUUIDString(vrConnect *conn, const char *uuidstr)
{
    unsigned char uuid[VR_UUID_BUFLEN];

    VR_API_CONN(conn, "virDomainLookupByUUIDString", NULL);
    VR_API_ARG(uuidstr, "virDomainLookupByUUIDString", NULL);
    if (vrUUIDParse(uuidstr, uuid) < 0) {
        vrReportInvalidArg("%s", "uuidstr in virDomainLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    return vrDomainLookupByUUID(conn, uuid);
}

/* ---- lifecycle ----------------------------------------------------- */

vrDomain *
vrDomainDefineXMLFlags(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virDomainDefineXMLFlags", NULL);
    VR_API_ARG(xml, "virDomainDefineXMLFlags", NULL);
    VR_API_WRITABLE(conn, "virDomainDefineXMLFlags", NULL);
    VR_API_CALL(conn, hypervisor, domainDefineXMLFlags, "virDomainDefineXMLFlags", NULL,
                conn, xml, flags);
}

vrDomain *
vrDomainDefineXML(vrConnect *conn, const char *xml)
{
    VR_API_CONN(conn, "virDomainDefineXML", NULL);
    VR_API_ARG(xml, "virDomainDefineXML", NULL);
    VR_API_WRITABLE(conn, "virDomainDefineXML", NULL);
    VR_API_CALL(conn, hypervisor, domainDefineXMLFlags, "virDomainDefineXML", NULL,
                conn, xml, 0);
}

vrDomain *
vrDomainCreateXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virDomainCreateXML", NULL);
    VR_API_ARG(xml, "virDomainCreateXML", NULL);
    VR_API_WRITABLE(conn, "virDomainCreateXML", NULL);
    VR_API_CALL(conn, hypervisor, domainCreateXML, "virDomainCreateXML", NULL, conn, xml, flags);
}

int
vrDomainCreate(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainCreate", -1);
    VR_API_WRITABLE(dom->conn, "virDomainCreate", -1);
    VR_API_CALL(dom->conn, hypervisor, domainCreateWithFlags, "virDomainCreate", -1, dom, 0);
}

int
vrDomainCreateWithFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainCreateWithFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainCreateWithFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainCreateWithFlags, "virDomainCreateWithFlags", -1,
                dom, flags);
}

int
vrDomainDestroy(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainDestroy", -1);
    VR_API_WRITABLE(dom->conn, "virDomainDestroy", -1);
    VR_API_CALL(dom->conn, hypervisor, domainDestroyFlags, "virDomainDestroy", -1, dom, 0);
}

int
vrDomainDestroyFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainDestroyFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainDestroyFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainDestroyFlags, "virDomainDestroyFlags", -1,
                dom, flags);
}

int
vrDomainShutdown(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainShutdown", -1);
    VR_API_WRITABLE(dom->conn, "virDomainShutdown", -1);
    VR_API_CALL(dom->conn, hypervisor, domainShutdownFlags, "virDomainShutdown", -1, dom, 0);
}

int
vrDomainShutdownFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainShutdownFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainShutdownFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainShutdownFlags, "virDomainShutdownFlags", -1,
                dom, flags);
}

int
vrDomainReboot(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainReboot", -1);
    VR_API_WRITABLE(dom->conn, "virDomainReboot", -1);
    VR_API_CALL(dom->conn, hypervisor, domainReboot, "virDomainReboot", -1, dom, flags);
}

int
vrDomainReset(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainReset", -1);
    VR_API_WRITABLE(dom->conn, "virDomainReset", -1);
    VR_API_CALL(dom->conn, hypervisor, domainReset, "virDomainReset", -1, dom, flags);
}

int
vrDomainSuspend(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainSuspend", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSuspend", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSuspend, "virDomainSuspend", -1, dom);
}

int
vrDomainResume(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainResume", -1);
    VR_API_WRITABLE(dom->conn, "virDomainResume", -1);
    VR_API_CALL(dom->conn, hypervisor, domainResume, "virDomainResume", -1, dom);
}

int
vrDomainUndefine(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainUndefine", -1);
    VR_API_WRITABLE(dom->conn, "virDomainUndefine", -1);
    VR_API_CALL(dom->conn, hypervisor, domainUndefineFlags, "virDomainUndefine", -1, dom, 0);
}

int
vrDomainUndefineFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainUndefineFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainUndefineFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainUndefineFlags, "virDomainUndefineFlags", -1,
                dom, flags);
}

/* Paths the driver opens are taken relative to the caller, not to a
 * daemon's working directory, so they are made absolute here. */
static char *
vrDomainAbsPath(const char *path)
{
    g_autofree char *cwd = NULL;

    if (g_path_is_absolute(path))
        return g_strdup(path);
    cwd = g_get_current_dir();
    return g_build_filename(cwd, path, NULL);
}

int
vrDomainSave(vrDomain *dom, const char *to)
{
    VR_API_DOMAIN(dom, "virDomainSave", -1);
    VR_API_ARG(to, "virDomainSave", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSave", -1);
    {
        g_autofree char *abs = vrDomainAbsPath(to);
        VR_API_CALL(dom->conn, hypervisor, domainSaveFlags, "virDomainSave", -1, dom, abs,
                    NULL, 0);
    }
}

int
vrDomainSaveFlags(vrDomain *dom, const char *to, const char *dxml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSaveFlags", -1);
    VR_API_ARG(to, "virDomainSaveFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSaveFlags", -1);
    {
        g_autofree char *abs = vrDomainAbsPath(to);
        VR_API_CALL(dom->conn, hypervisor, domainSaveFlags, "virDomainSaveFlags", -1,
                    dom, abs, dxml, flags);
    }
}

int
vrDomainRestore(vrConnect *conn, const char *from)
{
    VR_API_CONN(conn, "virDomainRestore", -1);
    VR_API_ARG(from, "virDomainRestore", -1);
    VR_API_WRITABLE(conn, "virDomainRestore", -1);
    {
        g_autofree char *abs = vrDomainAbsPath(from);
        VR_API_CALL(conn, hypervisor, domainRestoreFlags, "virDomainRestore", -1, conn, abs,
                    NULL, 0);
    }
}

int
vrDomainRestoreFlags(vrConnect *conn, const char *from, const char *dxml, unsigned int flags)
{
    VR_API_CONN(conn, "virDomainRestoreFlags", -1);
    VR_API_ARG(from, "virDomainRestoreFlags", -1);
    VR_API_WRITABLE(conn, "virDomainRestoreFlags", -1);
    {
        g_autofree char *abs = vrDomainAbsPath(from);
        VR_API_CALL(conn, hypervisor, domainRestoreFlags, "virDomainRestoreFlags", -1,
                    conn, abs, dxml, flags);
    }
}

int
vrDomainManagedSave(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainManagedSave", -1);
    VR_API_WRITABLE(dom->conn, "virDomainManagedSave", -1);
    VR_API_CALL(dom->conn, hypervisor, domainManagedSave, "virDomainManagedSave", -1, dom, flags);
}

int
vrDomainHasManagedSaveImage(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainHasManagedSaveImage", -1);
    VR_API_CALL(dom->conn, hypervisor, domainHasManagedSaveImage,
                "virDomainHasManagedSaveImage", -1, dom, flags);
}

int
vrDomainManagedSaveRemove(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainManagedSaveRemove", -1);
    VR_API_WRITABLE(dom->conn, "virDomainManagedSaveRemove", -1);
    VR_API_CALL(dom->conn, hypervisor, domainManagedSaveRemove, "virDomainManagedSaveRemove",
                -1, dom, flags);
}

/* ---- information --------------------------------------------------- */

int
vrDomainGetInfo(vrDomain *dom, vrDomainInfo *info)
{
    VR_API_DOMAIN(dom, "virDomainGetInfo", -1);
    VR_API_ARG(info, "virDomainGetInfo", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetInfo, "virDomainGetInfo", -1, dom, info);
}

int
vrDomainGetState(vrDomain *dom, int *state, int *reason, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetState", -1);
    VR_API_ARG(state, "virDomainGetState", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetState, "virDomainGetState", -1,
                dom, state, reason, flags);
}

char *
vrDomainGetXMLDesc(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetXMLDesc", NULL);
    if ((flags & VR_DOMAIN_XML_SECURE) && (dom->conn->flags & VR_CONNECT_RO)) {
        vrReportError(VR_ERR_OPERATION_DENIED, "%s",
                      "virDomainGetXMLDesc with secure flag");
        return NULL;
    }
    VR_API_CALL(dom->conn, hypervisor, domainGetXMLDesc, "virDomainGetXMLDesc", NULL, dom, flags);
}

char *
vrDomainGetOSType(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetOSType", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainGetOSType, "virDomainGetOSType", NULL, dom);
}

unsigned long
vrDomainGetMaxMemory(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetMaxMemory", 0);
    VR_API_CALL(dom->conn, hypervisor, domainGetMaxMemory, "virDomainGetMaxMemory", 0, dom);
}

int
vrDomainGetMaxVcpus(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetMaxVcpus", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetMaxVcpus, "virDomainGetMaxVcpus", -1, dom);
}

int
vrDomainGetVcpusFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetVcpusFlags", -1);
    if ((flags & VR_DOMAIN_VCPU_LIVE) && (flags & VR_DOMAIN_VCPU_CONFIG)) {
        vrReportInvalidArg("%s",
                      "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainGetVcpusFlags, "virDomainGetVcpusFlags", -1,
                dom, flags);
}

int
vrDomainIsActive(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainIsActive", -1);
    VR_API_CALL(dom->conn, hypervisor, domainIsActive, "virDomainIsActive", -1, dom);
}

int
vrDomainIsPersistent(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainIsPersistent", -1);
    VR_API_CALL(dom->conn, hypervisor, domainIsPersistent, "virDomainIsPersistent", -1, dom);
}

int
vrDomainIsUpdated(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainIsUpdated", -1);
    VR_API_CALL(dom->conn, hypervisor, domainIsUpdated, "virDomainIsUpdated", -1, dom);
}

int
vrDomainGetAutostart(vrDomain *dom, int *autostart)
{
    VR_API_DOMAIN(dom, "virDomainGetAutostart", -1);
    VR_API_ARG(autostart, "virDomainGetAutostart", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetAutostart, "virDomainGetAutostart", -1,
                dom, autostart);
}

int
vrDomainSetAutostart(vrDomain *dom, int autostart)
{
    VR_API_DOMAIN(dom, "virDomainSetAutostart", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetAutostart", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetAutostart, "virDomainSetAutostart", -1,
                dom, autostart);
}

int
vrDomainGetSecurityLabel(vrDomain *dom, vrSecurityLabel *seclabel)
{
    VR_API_DOMAIN(dom, "virDomainGetSecurityLabel", -1);
    VR_API_ARG(seclabel, "virDomainGetSecurityLabel", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetSecurityLabel, "virDomainGetSecurityLabel", -1,
                dom, seclabel);
}

char *
vrDomainGetSchedulerType(vrDomain *dom, int *nparams)
{
    VR_API_DOMAIN(dom, "virDomainGetSchedulerType", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainGetSchedulerType, "virDomainGetSchedulerType",
                NULL, dom, nparams);
}

int
vrDomainGetSchedulerParameters(vrDomain *dom, vrTypedParameter *params, int *nparams)
{
    VR_API_DOMAIN(dom, "virDomainGetSchedulerParameters", -1);
    VR_API_ARG(params && nparams && *nparams > 0, "virDomainGetSchedulerParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetSchedulerParameters,
                "virDomainGetSchedulerParameters", -1, dom, params, nparams);
}

int
vrDomainGetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                    unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetSchedulerParametersFlags", -1);
    VR_API_ARG(params && nparams && *nparams > 0, "virDomainGetSchedulerParametersFlags", -1);
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_CALL(dom->conn, hypervisor, domainGetSchedulerParametersFlags,
                "virDomainGetSchedulerParametersFlags", -1, dom, params, nparams, flags);
}

int
vrDomainSetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int nparams,
                                    unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetSchedulerParametersFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetSchedulerParametersFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetSchedulerParametersFlags,
                "virDomainSetSchedulerParametersFlags", -1, dom, params, nparams, flags);
}

int
vrDomainGetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                            unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetMemoryParameters", -1);
    VR_API_ARG(nparams && *nparams >= 0, "virDomainGetMemoryParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetMemoryParameters, "virDomainGetMemoryParameters",
                -1, dom, params, nparams, flags);
}

int
vrDomainSetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                            unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetMemoryParameters", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMemoryParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetMemoryParameters, "virDomainSetMemoryParameters",
                -1, dom, params, nparams, flags);
}

char *
vrDomainGetMetadata(vrDomain *dom, int type, const char *uri, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetMetadata", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainGetMetadata, "virDomainGetMetadata", NULL,
                dom, type, uri, flags);
}

int
vrDomainSetMetadata(vrDomain *dom, int type, const char *metadata, const char *key,
                    const char *uri, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetMetadata", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMetadata", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetMetadata, "virDomainSetMetadata", -1,
                dom, type, metadata, key, uri, flags);
}

int
vrDomainGetMessages(vrDomain *dom, char ***msgs, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetMessages", -1);
    VR_API_ARG(msgs, "virDomainGetMessages", -1);
    *msgs = NULL;
    VR_API_CALL(dom->conn, hypervisor, domainGetMessages, "virDomainGetMessages", -1,
                dom, msgs, flags);
}

/* ---- changes ------------------------------------------------------- */

int
vrDomainSetMaxMemory(vrDomain *dom, unsigned long memory)
{
    VR_API_DOMAIN(dom, "virDomainSetMaxMemory", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMaxMemory", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetMaxMemory, "virDomainSetMaxMemory", -1,
                dom, memory);
}

int
vrDomainSetMemory(vrDomain *dom, unsigned long memory)
{
    /* checked here so errors name the function the caller used */
    VR_API_DOMAIN(dom, "virDomainSetMemory", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMemory", -1);
    return vrDomainSetMemoryFlags(dom, memory, VR_DOMAIN_AFFECT_LIVE);
}

int
vrDomainSetMemoryFlags(vrDomain *dom, unsigned long memory, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetMemoryFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMemoryFlags", -1);
    if (memory == 0) {
        vrReportInvalidArg("%s", "memory in virDomainSetMemoryFlags must not be zero");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainSetMemoryFlags, "virDomainSetMemoryFlags", -1,
                dom, memory, flags);
}

int
vrDomainSetVcpus(vrDomain *dom, unsigned int nvcpus)
{
    /* checked here so errors name the function the caller used */
    VR_API_DOMAIN(dom, "virDomainSetVcpus", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetVcpus", -1);
    return vrDomainSetVcpusFlags(dom, nvcpus, VR_DOMAIN_AFFECT_LIVE);
}

int
vrDomainSetVcpusFlags(vrDomain *dom, unsigned int nvcpus, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetVcpusFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetVcpusFlags", -1);
    if (nvcpus == 0) {
        vrReportInvalidArg("%s", "nvcpus in virDomainSetVcpusFlags must be positive");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainSetVcpusFlags, "virDomainSetVcpusFlags", -1,
                dom, nvcpus, flags);
}

int
vrDomainAttachDevice(vrDomain *dom, const char *xml)
{
    /* checked here so errors name the function the caller used */
    VR_API_DOMAIN(dom, "virDomainAttachDevice", -1);
    VR_API_WRITABLE(dom->conn, "virDomainAttachDevice", -1);
    return vrDomainAttachDeviceFlags(dom, xml, VR_DOMAIN_AFFECT_LIVE);
}

int
vrDomainAttachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainAttachDeviceFlags", -1);
    VR_API_ARG(xml, "virDomainAttachDeviceFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainAttachDeviceFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainAttachDeviceFlags, "virDomainAttachDeviceFlags", -1,
                dom, xml, flags);
}

int
vrDomainDetachDevice(vrDomain *dom, const char *xml)
{
    /* checked here so errors name the function the caller used */
    VR_API_DOMAIN(dom, "virDomainDetachDevice", -1);
    VR_API_WRITABLE(dom->conn, "virDomainDetachDevice", -1);
    return vrDomainDetachDeviceFlags(dom, xml, VR_DOMAIN_AFFECT_LIVE);
}

int
vrDomainDetachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainDetachDeviceFlags", -1);
    VR_API_ARG(xml, "virDomainDetachDeviceFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainDetachDeviceFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainDetachDeviceFlags, "virDomainDetachDeviceFlags", -1,
                dom, xml, flags);
}

int
vrDomainUpdateDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainUpdateDeviceFlags", -1);
    VR_API_ARG(xml, "virDomainUpdateDeviceFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainUpdateDeviceFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainUpdateDeviceFlags, "virDomainUpdateDeviceFlags", -1,
                dom, xml, flags);
}

char *
vrDomainScreenshot(vrDomain *dom, vrStream *st, unsigned int screen, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainScreenshot", NULL);
    VR_API_STREAM(st, "virDomainScreenshot", NULL);
    VR_API_WRITABLE(dom->conn, "virDomainScreenshot", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainScreenshot, "virDomainScreenshot", NULL,
                dom, st, screen, flags);
}

int
vrDomainOpenConsole(vrDomain *dom, const char *devname, vrStream *st, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainOpenConsole", -1);
    VR_API_STREAM(st, "virDomainOpenConsole", -1);
    VR_API_WRITABLE(dom->conn, "virDomainOpenConsole", -1);
    VR_API_CALL(dom->conn, hypervisor, domainOpenConsole, "virDomainOpenConsole", -1,
                dom, devname, st, flags);
}

/* ---- devices, agent and control channel ----------------------------- */

int
vrDomainGetBlockInfo(vrDomain *dom, const char *disk, vrDomainBlockInfo *info,
                     unsigned int flags)
{
    if (info)
        memset(info, 0, sizeof(*info));
    VR_API_DOMAIN(dom, "virDomainGetBlockInfo", -1);
    VR_API_NONNULL(disk, "virDomainGetBlockInfo", -1);
    if (!*disk) {
        vrReportInvalidArg("string %s in %s must not be empty", "disk", "virDomainGetBlockInfo");
        return -1;
    }
    VR_API_NONNULL(info, "virDomainGetBlockInfo", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetBlockInfo, "virDomainGetBlockInfo", -1,
                dom, disk, info, flags);
}

int
vrDomainGetControlInfo(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetControlInfo", -1);
    VR_API_NONNULL(info, "virDomainGetControlInfo", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetControlInfo, "virDomainGetControlInfo", -1,
                dom, info, flags);
}

char *
vrDomainGetHostname(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetHostname", NULL);
    /* the answer may come from the guest agent, which a read-only
     * connection must not talk to */
    VR_API_WRITABLE(dom->conn, "virDomainGetHostname", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainGetHostname, "virDomainGetHostname", NULL,
                dom, flags);
}

int
vrDomainGetDiskErrors(vrDomain *dom, vrDomainDiskError *errors, unsigned int maxerrors,
                      unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetDiskErrors", -1);
    if (!errors && maxerrors) {
        vrReportInvalidArg("%s in %s must not be NULL", "errors", "virDomainGetDiskErrors");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainGetDiskErrors, "virDomainGetDiskErrors", -1,
                dom, errors, maxerrors, flags);
}

int
vrDomainInterfaceAddresses(vrDomain *dom, vrDomainInterface ***ifaces, unsigned int source,
                           unsigned int flags)
{
    if (ifaces)
        *ifaces = NULL;
    VR_API_DOMAIN(dom, "virDomainInterfaceAddresses", -1);
    if (source == VR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT)
        VR_API_WRITABLE(dom->conn, "virDomainInterfaceAddresses", -1);
    VR_API_NONNULL(ifaces, "virDomainInterfaceAddresses", -1);
    VR_API_CALL(dom->conn, hypervisor, domainInterfaceAddresses, "virDomainInterfaceAddresses",
                -1, dom, ifaces, source, flags);
}

int
vrDomainGetFSInfo(vrDomain *dom, vrDomainFSInfo ***info, unsigned int flags)
{
    if (info)
        *info = NULL;
    VR_API_DOMAIN(dom, "virDomainGetFSInfo", -1);
    VR_API_WRITABLE(dom->conn, "virDomainGetFSInfo", -1);
    VR_API_NONNULL(info, "virDomainGetFSInfo", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetFSInfo, "virDomainGetFSInfo", -1,
                dom, info, flags);
}

void
vrDomainInterfaceFree(vrDomainInterface *iface)
{
    unsigned int i;

    if (!iface)
        return;
    g_free(iface->name);
    g_free(iface->hwaddr);
    for (i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface);
}

void
vrDomainFSInfoFree(vrDomainFSInfo *info)
{
    size_t i;

    if (!info)
        return;
    g_free(info->mountpoint);
    g_free(info->name);
    g_free(info->fstype);
    for (i = 0; i < info->ndevAlias; i++)
        g_free(info->devAlias[i]);
    g_free(info->devAlias);
    g_free(info);
}

/* ---- CPU placement and resource tuning ------------------------------ */

int
vrDomainGetVcpuPinInfo(vrDomain *dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                       unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetVcpuPinInfo", -1);
    VR_API_NONNULL(cpumaps, "virDomainGetVcpuPinInfo", -1);
    VR_API_POSITIVE(ncpumaps, "virDomainGetVcpuPinInfo", -1);
    VR_API_POSITIVE(maplen, "virDomainGetVcpuPinInfo", -1);
    if ((long long)ncpumaps * maplen > G_MAXINT) {
        vrReportError(VR_ERR_OVERFLOW, "input too large: %d * %d", ncpumaps, maplen);
        return -1;
    }
    VR_API_LIVE_XOR_CONFIG(flags, -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetVcpuPinInfo, "virDomainGetVcpuPinInfo", -1,
                dom, ncpumaps, cpumaps, maplen, flags);
}

/* vCPU numbers travel as 16-bit values in some drivers: refuse larger. */
static int
vrDomainCheckVcpuNumber(unsigned int vcpu)
{
    if ((unsigned short)vcpu != vcpu) {
        vrReportError(VR_ERR_OVERFLOW, "input too large: %u", vcpu);
        return -1;
    }
    return 0;
}

int
vrDomainPinVcpu(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    VR_API_DOMAIN(dom, "virDomainPinVcpu", -1);
    VR_API_WRITABLE(dom->conn, "virDomainPinVcpu", -1);
    VR_API_NONNULL(cpumap, "virDomainPinVcpu", -1);
    VR_API_POSITIVE(maplen, "virDomainPinVcpu", -1);
    if (vrDomainCheckVcpuNumber(vcpu) < 0)
        return -1;
    VR_API_CALL(dom->conn, hypervisor, domainPinVcpu, "virDomainPinVcpu", -1,
                dom, vcpu, cpumap, maplen);
}

int
vrDomainPinVcpuFlags(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                     unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainPinVcpuFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainPinVcpuFlags", -1);
    VR_API_NONNULL(cpumap, "virDomainPinVcpuFlags", -1);
    VR_API_POSITIVE(maplen, "virDomainPinVcpuFlags", -1);
    if (vrDomainCheckVcpuNumber(vcpu) < 0)
        return -1;
    VR_API_CALL(dom->conn, hypervisor, domainPinVcpuFlags, "virDomainPinVcpuFlags", -1,
                dom, vcpu, cpumap, maplen, flags);
}

int
vrDomainGetEmulatorPinInfo(vrDomain *dom, unsigned char *cpumap, int maplen,
                           unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetEmulatorPinInfo", -1);
    VR_API_NONNULL(cpumap, "virDomainGetEmulatorPinInfo", -1);
    VR_API_POSITIVE(maplen, "virDomainGetEmulatorPinInfo", -1);
    VR_API_LIVE_XOR_CONFIG(flags, -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetEmulatorPinInfo, "virDomainGetEmulatorPinInfo",
                -1, dom, cpumap, maplen, flags);
}

int
vrDomainPinEmulator(vrDomain *dom, unsigned char *cpumap, int maplen, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainPinEmulator", -1);
    VR_API_WRITABLE(dom->conn, "virDomainPinEmulator", -1);
    VR_API_NONNULL(cpumap, "virDomainPinEmulator", -1);
    VR_API_POSITIVE(maplen, "virDomainPinEmulator", -1);
    VR_API_CALL(dom->conn, hypervisor, domainPinEmulator, "virDomainPinEmulator", -1,
                dom, cpumap, maplen, flags);
}

int
vrDomainGetNumaParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                          unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetNumaParameters", -1);
    VR_API_NONNULL(nparams, "virDomainGetNumaParameters", -1);
    VR_API_NONNEGATIVE(*nparams, "virDomainGetNumaParameters", -1);
    if (*nparams != 0)
        VR_API_NONNULL(params, "virDomainGetNumaParameters", -1);
    /* the node set is a string: ask for it only when the driver copes */
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_CALL(dom->conn, hypervisor, domainGetNumaParameters, "virDomainGetNumaParameters",
                -1, dom, params, nparams, flags);
}

int
vrDomainSetNumaParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                          unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetNumaParameters", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetNumaParameters", -1);
    VR_API_NONNULL(params, "virDomainSetNumaParameters", -1);
    VR_API_NONNEGATIVE(nparams, "virDomainSetNumaParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetNumaParameters, "virDomainSetNumaParameters",
                -1, dom, params, nparams, flags);
}

int
vrDomainGetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                           unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetBlkioParameters", -1);
    VR_API_NONNULL(nparams, "virDomainGetBlkioParameters", -1);
    VR_API_NONNEGATIVE(*nparams, "virDomainGetBlkioParameters", -1);
    if (*nparams != 0)
        VR_API_NONNULL(params, "virDomainGetBlkioParameters", -1);
    VR_API_LIVE_XOR_CONFIG(flags, -1);
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_CALL(dom->conn, hypervisor, domainGetBlkioParameters, "virDomainGetBlkioParameters",
                -1, dom, params, nparams, flags);
}

int
vrDomainSetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                           unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetBlkioParameters", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetBlkioParameters", -1);
    VR_API_NONNULL(params, "virDomainSetBlkioParameters", -1);
    VR_API_NONNEGATIVE(nparams, "virDomainSetBlkioParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetBlkioParameters, "virDomainSetBlkioParameters",
                -1, dom, params, nparams, flags);
}

/* ---- statistics ------------------------------------------------------ */

int
vrConnectGetAllDomainStats(vrConnect *conn, unsigned int stats,
                           vrDomainStatsRecord ***retStats, unsigned int flags)
{
    if (retStats)
        *retStats = NULL;
    VR_API_CONN(conn, "virConnectGetAllDomainStats", -1);
    VR_API_NONNULL(retStats, "virConnectGetAllDomainStats", -1);
    VR_API_CALL(conn, hypervisor, connectGetAllDomainStats, "virConnectGetAllDomainStats", -1,
                conn, NULL, 0, stats, retStats, flags);
}

int
vrDomainListGetStats(vrDomain **doms, unsigned int stats, vrDomainStatsRecord ***retStats,
                     unsigned int flags)
{
    vrConnect *conn;
    unsigned int ndoms = 0;

    vrResetLastError();
    if (retStats)
        *retStats = NULL;
    VR_API_NONNULL(doms, "virDomainListGetStats", -1);
    VR_API_NONNULL(retStats, "virDomainListGetStats", -1);
    if (!*doms) {
        vrReportInvalidArg("doms array in %s must contain at least one domain",
                           "virDomainListGetStats");
        return -1;
    }
    conn = doms[0]->conn;
    VR_API_CONN(conn, "virDomainListGetStats", -1);
    for (; doms[ndoms]; ndoms++) {
        if (doms[ndoms]->conn != conn) {
            vrReportInvalidArg("domains in 'doms' array must belong to a single connection "
                               "in %s", "virDomainListGetStats");
            return -1;
        }
    }
    VR_API_CALL(conn, hypervisor, connectGetAllDomainStats, "virDomainListGetStats", -1,
                conn, doms, ndoms, stats, retStats, flags);
}

void
vrDomainStatsRecordListFree(vrDomainStatsRecord **stats)
{
    vrDomainStatsRecord **next;

    if (!stats)
        return;
    for (next = stats; *next; next++) {
        if ((*next)->dom)
            vrDomainFree((*next)->dom);
        vrTypedParamsFree((*next)->params, (*next)->nparams);
        g_free(*next);
    }
    g_free(stats);
}
