/*
 * libvireo-domain.c: the public domain API.
 */
#include <config.h>

#include <string.h>

#include "api_internal.h"
#include "util/vruuid.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_DOMAIN


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
    const vrHypervisorDriver *hv;

    VR_API_DOMAIN(dom, "virDomainAttachDevice", -1);
    VR_API_ARG(xml, "virDomainAttachDevice", -1);
    VR_API_WRITABLE(dom->conn, "virDomainAttachDevice", -1);
    hv = dom->conn->driver->hypervisor;
    if (hv && hv->domainAttachDevice)
        return hv->domainAttachDevice(dom, xml);
    if (hv && hv->domainAttachDeviceFlags)
        return hv->domainAttachDeviceFlags(dom, xml, VR_DOMAIN_AFFECT_LIVE);
    vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", "virDomainAttachDevice");
    return -1;
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
    const vrHypervisorDriver *hv;

    VR_API_DOMAIN(dom, "virDomainDetachDevice", -1);
    VR_API_ARG(xml, "virDomainDetachDevice", -1);
    VR_API_WRITABLE(dom->conn, "virDomainDetachDevice", -1);
    hv = dom->conn->driver->hypervisor;
    if (hv && hv->domainDetachDevice)
        return hv->domainDetachDevice(dom, xml);
    if (hv && hv->domainDetachDeviceFlags)
        return hv->domainDetachDeviceFlags(dom, xml, VR_DOMAIN_AFFECT_LIVE);
    vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", "virDomainDetachDevice");
    return -1;
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

/* ---- statistics and run-time information ------------------------------ */

int
vrDomainMemoryStats(vrDomain *dom, vrDomainMemoryStatStruct *stats, unsigned int nr_stats,
                    unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainMemoryStats", -1);
    if (!stats || nr_stats == 0)
        return 0;
    if (nr_stats > VR_DOMAIN_MEMORY_STAT_NR)
        nr_stats = VR_DOMAIN_MEMORY_STAT_NR;
    VR_API_CALL(dom->conn, hypervisor, domainMemoryStats, "virDomainMemoryStats", -1,
                dom, stats, nr_stats, flags);
}

int
vrDomainSetMemoryStatsPeriod(vrDomain *dom, int period, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetMemoryStatsPeriod", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetMemoryStatsPeriod", -1);
    if (period < 0) {
        vrReportInvalidArg("period in %s must not be less than 0",
                           "virDomainSetMemoryStatsPeriod");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainSetMemoryStatsPeriod,
                "virDomainSetMemoryStatsPeriod", -1, dom, period, flags);
}

int
vrDomainBlockStats(vrDomain *dom, const char *disk, vrDomainBlockStatsStruct *stats,
                   size_t size)
{
    vrDomainBlockStatsStruct full = { -1, -1, -1, -1, -1 };
    const vrHypervisorDriver *hv;

    VR_API_DOMAIN(dom, "virDomainBlockStats", -1);
    VR_API_NONNULL(disk, "virDomainBlockStats", -1);
    VR_API_NONNULL(stats, "virDomainBlockStats", -1);
    if (size > sizeof(full)) {
        vrReportInvalidArg("size in %s must not exceed %zu", "virDomainBlockStats",
                           sizeof(full));
        return -1;
    }
    hv = dom->conn->driver->hypervisor;
    if (!hv || !hv->domainBlockStats) {
        vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", "virDomainBlockStats");
        return -1;
    }
    if (hv->domainBlockStats(dom, disk, &full) < 0)
        return -1;
    memcpy(stats, &full, size);
    return 0;
}

int
vrDomainBlockStatsFlags(vrDomain *dom, const char *disk, vrTypedParameter *params,
                        int *nparams, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainBlockStatsFlags", -1);
    VR_API_NONNULL(disk, "virDomainBlockStatsFlags", -1);
    VR_API_NONNULL(nparams, "virDomainBlockStatsFlags", -1);
    VR_API_NONNEGATIVE(*nparams, "virDomainBlockStatsFlags", -1);
    if (*nparams != 0)
        VR_API_NONNULL(params, "virDomainBlockStatsFlags", -1);
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_CALL(dom->conn, hypervisor, domainBlockStatsFlags, "virDomainBlockStatsFlags", -1,
                dom, disk, params, nparams, flags);
}

int
vrDomainInterfaceStats(vrDomain *dom, const char *device, vrDomainInterfaceStatsStruct *stats,
                       size_t size)
{
    vrDomainInterfaceStatsStruct full = { -1, -1, -1, -1, -1, -1, -1, -1 };
    const vrHypervisorDriver *hv;

    VR_API_DOMAIN(dom, "virDomainInterfaceStats", -1);
    VR_API_NONNULL(device, "virDomainInterfaceStats", -1);
    VR_API_NONNULL(stats, "virDomainInterfaceStats", -1);
    if (size > sizeof(full)) {
        vrReportInvalidArg("size in %s must not exceed %zu", "virDomainInterfaceStats",
                           sizeof(full));
        return -1;
    }
    hv = dom->conn->driver->hypervisor;
    if (!hv || !hv->domainInterfaceStats) {
        vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", "virDomainInterfaceStats");
        return -1;
    }
    if (hv->domainInterfaceStats(dom, device, &full) < 0)
        return -1;
    memcpy(stats, &full, size);
    return 0;
}

int
vrDomainGetVcpus(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                 int maplen)
{
    VR_API_DOMAIN(dom, "virDomainGetVcpus", -1);
    VR_API_NONNULL(info, "virDomainGetVcpus", -1);
    VR_API_POSITIVE(maxinfo, "virDomainGetVcpus", -1);
    if (cpumaps) {
        VR_API_POSITIVE(maplen, "virDomainGetVcpus", -1);
    } else if (maplen != 0) {
        vrReportInvalidArg("maplen in %s must be zero", "virDomainGetVcpus");
        return -1;
    }
    if (cpumaps && (long long)maxinfo * maplen > G_MAXINT) {
        vrReportError(VR_ERR_OVERFLOW, "input too large: %d * %d", maxinfo, maplen);
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainGetVcpus, "virDomainGetVcpus", -1,
                dom, info, maxinfo, cpumaps, maplen);
}

/* ---- keyboard and NMI ------------------------------------------------ */

int
vrDomainSendKey(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSendKey", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSendKey", -1);
    VR_API_NONNULL(keycodes, "virDomainSendKey", -1);
    VR_API_POSITIVE(nkeycodes, "virDomainSendKey", -1);
    if (codeset >= VR_KEYCODE_SET_LAST) {
        vrReportInvalidArg("Unsupported codeset '%d'", codeset);
        return -1;
    }
    if (nkeycodes > VR_DOMAIN_SEND_KEY_MAX_KEYS) {
        vrReportInvalidArg("nkeycodes must be <= %d", VR_DOMAIN_SEND_KEY_MAX_KEYS);
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainSendKey, "virDomainSendKey", -1,
                dom, codeset, holdtime, keycodes, nkeycodes, flags);
}

int
vrDomainInjectNMI(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainInjectNMI", -1);
    VR_API_WRITABLE(dom->conn, "virDomainInjectNMI", -1);
    VR_API_CALL(dom->conn, hypervisor, domainInjectNMI, "virDomainInjectNMI", -1, dom, flags);
}

/* ---- jobs ----------------------------------------------------------- */

int
vrDomainGetJobInfo(vrDomain *dom, vrDomainJobInfo *info)
{
    if (info)
        memset(info, 0, sizeof(*info));
    VR_API_DOMAIN(dom, "virDomainGetJobInfo", -1);
    VR_API_NONNULL(info, "virDomainGetJobInfo", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetJobInfo, "virDomainGetJobInfo", -1, dom, info);
}

int
vrDomainGetJobStats(vrDomain *dom, int *type, vrTypedParameter **params, int *nparams,
                    unsigned int flags)
{
    if (params)
        *params = NULL;
    if (nparams)
        *nparams = 0;
    VR_API_DOMAIN(dom, "virDomainGetJobStats", -1);
    VR_API_NONNULL(type, "virDomainGetJobStats", -1);
    VR_API_NONNULL(params, "virDomainGetJobStats", -1);
    VR_API_NONNULL(nparams, "virDomainGetJobStats", -1);
    if ((flags & VR_DOMAIN_JOB_STATS_KEEP_COMPLETED) &&
        !(flags & VR_DOMAIN_JOB_STATS_COMPLETED)) {
        vrReportInvalidArg("%s", "Flag 'VIR_DOMAIN_JOB_STATS_COMPLETED' is required by flag "
                           "'VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED'");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainGetJobStats, "virDomainGetJobStats", -1,
                dom, type, params, nparams, flags);
}

int
vrDomainAbortJob(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainAbortJob", -1);
    VR_API_WRITABLE(dom->conn, "virDomainAbortJob", -1);
    VR_API_CALL(dom->conn, hypervisor, domainAbortJob, "virDomainAbortJob", -1, dom);
}

int
vrDomainAbortJobFlags(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainAbortJobFlags", -1);
    VR_API_WRITABLE(dom->conn, "virDomainAbortJobFlags", -1);
    VR_API_CALL(dom->conn, hypervisor, domainAbortJobFlags, "virDomainAbortJobFlags", -1,
                dom, flags);
}

/* ---- core dumps and save images -------------------------------------- */

static int
vrDomainCheckDumpFlags(unsigned int flags)
{
    static const struct {
        unsigned int a, b;
        const char *na, *nb;
    } excl[] = {
        { VR_DUMP_CRASH, VR_DUMP_LIVE, "VIR_DUMP_CRASH", "VIR_DUMP_LIVE" },
        { VR_DUMP_CRASH, VR_DUMP_RESET, "VIR_DUMP_CRASH", "VIR_DUMP_RESET" },
        { VR_DUMP_LIVE, VR_DUMP_RESET, "VIR_DUMP_LIVE", "VIR_DUMP_RESET" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(excl); i++) {
        if ((flags & excl[i].a) && (flags & excl[i].b)) {
            vrReportInvalidArg("Flags '%s' and '%s' are mutually exclusive", excl[i].na,
                               excl[i].nb);
            return -1;
        }
    }
    return 0;
}

int
vrDomainCoreDump(vrDomain *dom, const char *to, unsigned int flags)
{
    g_autofree char *abs = NULL;

    VR_API_DOMAIN(dom, "virDomainCoreDump", -1);
    VR_API_WRITABLE(dom->conn, "virDomainCoreDump", -1);
    VR_API_NONNULL(to, "virDomainCoreDump", -1);
    if (vrDomainCheckDumpFlags(flags) < 0)
        return -1;
    abs = vrDomainAbsPath(to);
    VR_API_CALL(dom->conn, hypervisor, domainCoreDump, "virDomainCoreDump", -1,
                dom, abs, flags);
}

int
vrDomainCoreDumpWithFormat(vrDomain *dom, const char *to, unsigned int dumpformat,
                           unsigned int flags)
{
    g_autofree char *abs = NULL;

    VR_API_DOMAIN(dom, "virDomainCoreDumpWithFormat", -1);
    VR_API_WRITABLE(dom->conn, "virDomainCoreDumpWithFormat", -1);
    VR_API_NONNULL(to, "virDomainCoreDumpWithFormat", -1);
    if (dumpformat >= VR_DOMAIN_CORE_DUMP_FORMAT_LAST) {
        vrReportInvalidArg("dumpformat '%d' is not supported", dumpformat);
        return -1;
    }
    if (vrDomainCheckDumpFlags(flags) < 0)
        return -1;
    abs = vrDomainAbsPath(to);
    VR_API_CALL(dom->conn, hypervisor, domainCoreDumpWithFormat, "virDomainCoreDumpWithFormat",
                -1, dom, abs, dumpformat, flags);
}

char *
vrDomainSaveImageGetXMLDesc(vrConnect *conn, const char *file, unsigned int flags)
{
    g_autofree char *abs = NULL;

    VR_API_CONN(conn, "virDomainSaveImageGetXMLDesc", NULL);
    VR_API_NONNULL(file, "virDomainSaveImageGetXMLDesc", NULL);
    if ((conn->flags & VR_CONNECT_RO) && (flags & VR_DOMAIN_SAVE_IMAGE_XML_SECURE)) {
        vrReportError(VR_ERR_OPERATION_DENIED, "%s",
                      "virDomainSaveImageGetXMLDesc with secure flag");
        return NULL;
    }
    abs = vrDomainAbsPath(file);
    VR_API_CALL(conn, hypervisor, domainSaveImageGetXMLDesc, "virDomainSaveImageGetXMLDesc",
                NULL, conn, abs, flags);
}

int
vrDomainSaveImageDefineXML(vrConnect *conn, const char *file, const char *dxml,
                           unsigned int flags)
{
    g_autofree char *abs = NULL;

    VR_API_CONN(conn, "virDomainSaveImageDefineXML", -1);
    VR_API_WRITABLE(conn, "virDomainSaveImageDefineXML", -1);
    VR_API_NONNULL(file, "virDomainSaveImageDefineXML", -1);
    VR_API_NONNULL(dxml, "virDomainSaveImageDefineXML", -1);
    if ((flags & VR_DOMAIN_SAVE_RUNNING) && (flags & VR_DOMAIN_SAVE_PAUSED)) {
        vrReportInvalidArg("%s", "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' "
                           "are mutually exclusive");
        return -1;
    }
    abs = vrDomainAbsPath(file);
    VR_API_CALL(conn, hypervisor, domainSaveImageDefineXML, "virDomainSaveImageDefineXML", -1,
                conn, abs, dxml, flags);
}

char *
vrDomainManagedSaveGetXMLDesc(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainManagedSaveGetXMLDesc", NULL);
    if ((dom->conn->flags & VR_CONNECT_RO) && (flags & VR_DOMAIN_SAVE_IMAGE_XML_SECURE)) {
        vrReportError(VR_ERR_OPERATION_DENIED, "%s",
                      "virDomainManagedSaveGetXMLDesc with secure flag");
        return NULL;
    }
    VR_API_CALL(dom->conn, hypervisor, domainManagedSaveGetXMLDesc,
                "virDomainManagedSaveGetXMLDesc", NULL, dom, flags);
}

int
vrDomainManagedSaveDefineXML(vrDomain *dom, const char *dxml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainManagedSaveDefineXML", -1);
    VR_API_WRITABLE(dom->conn, "virDomainManagedSaveDefineXML", -1);
    if ((flags & VR_DOMAIN_SAVE_RUNNING) && (flags & VR_DOMAIN_SAVE_PAUSED)) {
        vrReportInvalidArg("%s", "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' "
                           "are mutually exclusive");
        return -1;
    }
    VR_API_CALL(dom->conn, hypervisor, domainManagedSaveDefineXML,
                "virDomainManagedSaveDefineXML", -1, dom, dxml, flags);
}

/* ---- block devices and interfaces ------------------------------------ */

int
vrDomainBlockResize(vrDomain *dom, const char *disk, unsigned long long size,
                    unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainBlockResize", -1);
    VR_API_WRITABLE(dom->conn, "virDomainBlockResize", -1);
    VR_API_NONNULL(disk, "virDomainBlockResize", -1);
    VR_API_CALL(dom->conn, hypervisor, domainBlockResize, "virDomainBlockResize", -1,
                dom, disk, size, flags);
}

int
vrDomainSetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params, int nparams,
                       unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetBlockIoTune", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetBlockIoTune", -1);
    VR_API_NONNULL(disk, "virDomainSetBlockIoTune", -1);
    VR_API_POSITIVE(nparams, "virDomainSetBlockIoTune", -1);
    VR_API_NONNULL(params, "virDomainSetBlockIoTune", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetBlockIoTune, "virDomainSetBlockIoTune", -1,
                dom, disk, params, nparams, flags);
}

int
vrDomainGetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params, int *nparams,
                       unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetBlockIoTune", -1);
    VR_API_NONNULL(nparams, "virDomainGetBlockIoTune", -1);
    VR_API_NONNEGATIVE(*nparams, "virDomainGetBlockIoTune", -1);
    if (*nparams != 0) {
        VR_API_NONNULL(params, "virDomainGetBlockIoTune", -1);
        VR_API_NONNULL(disk, "virDomainGetBlockIoTune", -1);
    }
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_LIVE_XOR_CONFIG(flags, -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetBlockIoTune, "virDomainGetBlockIoTune", -1,
                dom, disk, params, nparams, flags);
}

int
vrDomainSetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                               int nparams, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetInterfaceParameters", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetInterfaceParameters", -1);
    VR_API_NONNULL(params, "virDomainSetInterfaceParameters", -1);
    VR_API_POSITIVE(nparams, "virDomainSetInterfaceParameters", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetInterfaceParameters,
                "virDomainSetInterfaceParameters", -1, dom, device, params, nparams, flags);
}

int
vrDomainGetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                               int *nparams, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetInterfaceParameters", -1);
    VR_API_NONNULL(nparams, "virDomainGetInterfaceParameters", -1);
    VR_API_NONNEGATIVE(*nparams, "virDomainGetInterfaceParameters", -1);
    if (*nparams != 0)
        VR_API_NONNULL(params, "virDomainGetInterfaceParameters", -1);
    if (vrDriverSupportsFeature(dom->conn, VR_DRV_FEATURE_TYPED_PARAM_STRING))
        flags |= VR_TYPED_PARAM_STRING_OKAY;
    VR_API_CALL(dom->conn, hypervisor, domainGetInterfaceParameters,
                "virDomainGetInterfaceParameters", -1, dom, device, params, nparams, flags);
}

/* ---- guest agent ---------------------------------------------------- */

int
vrDomainGetTime(vrDomain *dom, long long *seconds, unsigned int *nseconds, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetTime", -1);
    VR_API_WRITABLE(dom->conn, "virDomainGetTime", -1);
    VR_API_NONNULL(seconds, "virDomainGetTime", -1);
    VR_API_NONNULL(nseconds, "virDomainGetTime", -1);
    VR_API_CALL(dom->conn, hypervisor, domainGetTime, "virDomainGetTime", -1,
                dom, seconds, nseconds, flags);
}

int
vrDomainSetTime(vrDomain *dom, long long seconds, unsigned int nseconds, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetTime", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetTime", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetTime, "virDomainSetTime", -1,
                dom, seconds, nseconds, flags);
}

int
vrDomainFSTrim(vrDomain *dom, const char *mountPoint, unsigned long long minimum,
               unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainFSTrim", -1);
    VR_API_WRITABLE(dom->conn, "virDomainFSTrim", -1);
    VR_API_CALL(dom->conn, hypervisor, domainFSTrim, "virDomainFSTrim", -1,
                dom, mountPoint, minimum, flags);
}

int
vrDomainFSFreeze(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                 unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainFSFreeze", -1);
    VR_API_WRITABLE(dom->conn, "virDomainFSFreeze", -1);
    if (nmountpoints)
        VR_API_NONNULL(mountpoints, "virDomainFSFreeze", -1);
    VR_API_CALL(dom->conn, hypervisor, domainFSFreeze, "virDomainFSFreeze", -1,
                dom, mountpoints, nmountpoints, flags);
}

int
vrDomainFSThaw(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
               unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainFSThaw", -1);
    VR_API_WRITABLE(dom->conn, "virDomainFSThaw", -1);
    if (nmountpoints)
        VR_API_NONNULL(mountpoints, "virDomainFSThaw", -1);
    VR_API_CALL(dom->conn, hypervisor, domainFSThaw, "virDomainFSThaw", -1,
                dom, mountpoints, nmountpoints, flags);
}

int
vrDomainGetGuestInfo(vrDomain *dom, unsigned int types, vrTypedParameter **params,
                     int *nparams, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainGetGuestInfo", -1);
    VR_API_WRITABLE(dom->conn, "virDomainGetGuestInfo", -1);
    VR_API_NONNULL(params, "virDomainGetGuestInfo", -1);
    VR_API_NONNULL(nparams, "virDomainGetGuestInfo", -1);
    *params = NULL;
    *nparams = 0;
    VR_API_CALL(dom->conn, hypervisor, domainGetGuestInfo, "virDomainGetGuestInfo", -1,
                dom, types, params, nparams, flags);
}

int
vrDomainSetUserPassword(vrDomain *dom, const char *user, const char *password,
                        unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSetUserPassword", -1);
    VR_API_WRITABLE(dom->conn, "virDomainSetUserPassword", -1);
    VR_API_NONNULL(user, "virDomainSetUserPassword", -1);
    VR_API_NONNULL(password, "virDomainSetUserPassword", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSetUserPassword, "virDomainSetUserPassword", -1,
                dom, user, password, flags);
}

int
vrDomainRename(vrDomain *dom, const char *new_name, unsigned int flags)
{
    const vrHypervisorDriver *hv;

    VR_API_DOMAIN(dom, "virDomainRename", -1);
    VR_API_WRITABLE(dom->conn, "virDomainRename", -1);
    VR_API_NONNULL(new_name, "virDomainRename", -1);
    hv = dom->conn->driver->hypervisor;
    if (!hv || !hv->domainRename) {
        vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", "virDomainRename");
        return -1;
    }
    if (hv->domainRename(dom, new_name, flags) < 0)
        return -1;
    /* the handle follows the guest to its new name */
    g_free(dom->name);
    dom->name = g_strdup(new_name);
    return 0;
}

/* libvirt-qemu reports without an object kind */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_NONE

/* ---- QEMU monitor and agent ------------------------------------------ */

int
vrDomainQemuMonitorCommand(vrDomain *dom, const char *cmd, char **result, unsigned int flags)
{
    if (result)
        *result = NULL;
    VR_API_DOMAIN(dom, "virDomainQemuMonitorCommand", -1);
    VR_API_WRITABLE(dom->conn, "virDomainQemuMonitorCommand", -1);
    VR_API_NONNULL(cmd, "virDomainQemuMonitorCommand", -1);
    VR_API_NONNULL(result, "virDomainQemuMonitorCommand", -1);
    VR_API_CALL(dom->conn, hypervisor, domainQemuMonitorCommand, "virDomainQemuMonitorCommand",
                -1, dom, cmd, result, flags);
}

char *
vrDomainQemuAgentCommand(vrDomain *dom, const char *cmd, int timeout, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainQemuAgentCommand", NULL);
    VR_API_WRITABLE(dom->conn, "virDomainQemuAgentCommand", NULL);
    VR_API_NONNULL(cmd, "virDomainQemuAgentCommand", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainQemuAgentCommand, "virDomainQemuAgentCommand", NULL,
                dom, cmd, timeout, flags);
}
