/*
 * test_defaults.c: the objects every test:///default connection starts
 * with.  Names, UUIDs, MACs and numbers are the ones libvirt's test driver
 * uses, because recorded sessions and scripts depend on them.
 */
#include <config.h>

#include <string.h>

#include "test_driver.h"
#include "util/vrbuf.h"
#include "util/vrxml.h"

static const char defaultDomainXML[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os><type>hvm</type></os>"
    "  <devices>"
    "    <disk type='file'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default'/>"
    "      <target dev='testnet0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>";

static const char defaultNetworkXML[] =
    "<network>"
    "  <name>default</name>"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
    "  <bridge name='virbr0'/>"
    "  <forward/>"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>"
    "    <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>"
    "  </ip>"
    "</network>";

static const char defaultInterfaceXML[] =
    "<interface type='ethernet' name='eth1'>"
    "  <start mode='onboot'/>"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>"
    "  <mtu size='1492'/>"
    "  <protocol family='ipv4'>"
    "    <ip address='192.168.0.5' prefix='24'/>"
    "    <route gateway='192.168.0.1'/>"
    "  </protocol>"
    "</interface>";

static const char defaultPoolXML[] =
    "<pool type='dir'>"
    "  <name>default-pool</name>"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "  <target><path>/default-pool</path></target>"
    "</pool>";

/* 100 GiB, the size every test pool claims */
#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)

static const char testSysinfoXML[] =
    "<sysinfo type='smbios'>\n"
    "  <bios>\n"
    "    <entry name='vendor'>LENOVO</entry>\n"
    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
    "    <entry name='date'>05/07/2014</entry>\n"
    "    <entry name='release'>2.61</entry>\n"
    "  </bios>\n"
    "</sysinfo>\n";

const char *
testDriverSysinfo(void)
{
    return testSysinfoXML;
}

static void
testCapabilitiesCell(vrBuf *buf, int cell, unsigned long long memKiB, int pageSize)
{
    int cpu;

    vrBufAsprintf(buf, "<cell id='%d'>\n", cell);
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<memory unit='KiB'>%llu</memory>\n", memKiB);
    vrBufAsprintf(buf, "<pages unit='KiB' size='%d'>524288</pages>\n", pageSize);
    vrBufAddLit(buf, "<pages unit='KiB' size='2048'>0</pages>\n");
    vrBufAddLit(buf, "<pages unit='KiB' size='1048576'>0</pages>\n");
    vrBufAddLit(buf, "<cpus num='8'>\n");
    vrBufAdjustIndent(buf, 2);
    for (cpu = 0; cpu < 8; cpu++) {
        int id = cell * 8 + cpu;
        vrBufAsprintf(buf, "<cpu id='%d' socket_id='%d' die_id='0' core_id='%d' siblings='%d'/>\n",
                      id, cell, cpu, id);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpus>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cell>\n");
}

static void
testCapabilitiesGuest(vrBuf *buf, const char *osType)
{
    vrBufAddLit(buf, "<guest>\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<os_type>%s</os_type>\n", osType);
    vrBufAddLit(buf, "<arch name='i686'>\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<wordsize>32</wordsize>\n");
    vrBufAddLit(buf, "<emulator>/usr/bin/test-hv</emulator>\n");
    vrBufAddLit(buf, "<domain type='test'/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</arch>\n");
    vrBufAddFragment(buf, "<features>\n  <pae/>\n  <nonpae/>\n</features>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</guest>\n\n");
}

char *
testDriverCapabilities(void)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrBufAddLit(&buf, "<capabilities>\n\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<host>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<cpu>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<arch>i686</arch>\n");
    vrBufAddFragment(&buf, "<features>\n  <pae/>\n  <nonpae/>\n</features>\n");
    vrBufAddLit(&buf, "<pages unit='KiB' size='4'/>\n");
    vrBufAddLit(&buf, "<pages unit='KiB' size='8'/>\n");
    vrBufAddLit(&buf, "<pages unit='KiB' size='2048'/>\n");
    vrBufAddLit(&buf, "<pages unit='KiB' size='1048576'/>\n");
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</cpu>\n");
    vrBufAddLit(&buf, "<power_management/>\n");
    vrBufAddLit(&buf, "<iommu support='no'/>\n");
    vrBufAddLit(&buf, "<topology>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<cells num='2'>\n");
    vrBufAdjustIndent(&buf, 2);
    testCapabilitiesCell(&buf, 0, 2097152, 4);
    testCapabilitiesCell(&buf, 1, 4194304, 8);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</cells>\n");
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</topology>\n");
    vrBufAddLit(&buf, "<secmodel>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufAddLit(&buf, "<model>testSecurity</model>\n");
    vrBufAddLit(&buf, "<doi></doi>\n");
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</secmodel>\n");
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</host>\n\n");
    testCapabilitiesGuest(&buf, "hvm");
    testCapabilitiesGuest(&buf, "xen");
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</capabilities>\n");
    return vrBufContent(&buf);
}

static int
testLoadDefaultDomain(testDriver *drv)
{
    testDomainObj *obj = g_new0(testDomainObj, 1);

    if (!(obj->def = vrDomainDefParseString(defaultDomainXML, &testXMLOption, 0))) {
        g_free(obj);
        return -1;
    }
    obj->persistent = true;
    obj->seconds = TEST_DOMAIN_TIME;
    obj->snapshots = g_ptr_array_new_with_free_func((GDestroyNotify)testSnapshotFree);
    obj->state = VR_DOMAIN_SHUTOFF;
    g_ptr_array_add(drv->domains, obj);
    testDomainStart(drv, obj, VR_DOMAIN_RUNNING_UNKNOWN);
    return 0;
}

int
testDriverLoadDefaults(testDriver *drv)
{
    testNetworkObj *net = g_new0(testNetworkObj, 1);
    testPoolObj *pool = g_new0(testPoolObj, 1);
    testInterfaceObj *iface = g_new0(testInterfaceObj, 1);

    drv->nodeInfo = (vrNodeInfo) {
        .model = "i686", .memory = 3145728, .cpus = 16, .mhz = 1400,
        .nodes = 2, .sockets = 2, .cores = 2, .threads = 2,
    };
    drv->nextDomID = 1;

    g_ptr_array_add(drv->networks, net);
    g_ptr_array_add(drv->pools, pool);
    g_ptr_array_add(drv->interfaces, iface);
    if (!(net->def = vrNetworkDefParseString(defaultNetworkXML)) ||
        !(pool->def = vrStoragePoolDefParseString(defaultPoolXML)) ||
        !(iface->def = vrInterfaceDefParseString(defaultInterfaceXML)))
        return -1;
    net->active = net->persistent = true;
    pool->active = pool->persistent = true;
    pool->volumes = g_ptr_array_new();
    pool->def->capacity = TEST_POOL_CAPACITY;
    pool->def->available = TEST_POOL_CAPACITY;
    iface->active = true;
    return testLoadDefaultDomain(drv);
}
