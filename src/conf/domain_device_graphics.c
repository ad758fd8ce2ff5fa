/*
 * domain_device_graphics.c: what the guest shows and hears, and how it is
 * driven: <graphics>, <video>, <input>, <sound>, <audio>.
 */
#include <config.h>

#include <string.h>
#include <time.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrDomainGraphics, VR_DOMAIN_GRAPHICS_TYPE_LAST,
             "sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");
VR_ENUM_IMPL(vrDomainGraphicsListen, VR_DOMAIN_GRAPHICS_LISTEN_LAST,
             "none", "address", "network", "socket");
VR_ENUM_IMPL(vrDomainGraphicsAuthConnected, VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_LAST,
             "default", "fail", "disconnect", "keep");
VR_ENUM_IMPL(vrDomainGraphicsVNCSharePolicy, VR_DOMAIN_GRAPHICS_VNC_SHARE_LAST,
             "default", "allow-exclusive", "force-shared", "ignore");
VR_ENUM_IMPL(vrDomainGraphicsSpiceChannelName, VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_LAST,
             "main", "display", "inputs", "cursor", "playback", "record", "smartcard",
             "usbredir");
VR_ENUM_IMPL(vrDomainGraphicsSpiceChannelMode, VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_LAST,
             "any", "secure", "insecure");
VR_ENUM_IMPL(vrDomainGraphicsSpiceImageCompression,
             VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LAST,
             "default", "auto_glz", "auto_lz", "quic", "glz", "lz", "off");
VR_ENUM_IMPL(vrDomainGraphicsSpiceJpegCompression, VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_LAST,
             "default", "auto", "never", "always");
VR_ENUM_IMPL(vrDomainGraphicsSpiceZlibCompression, VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_LAST,
             "default", "auto", "never", "always");
VR_ENUM_IMPL(vrDomainGraphicsSpiceStreamingMode, VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_LAST,
             "default", "filter", "all", "off");
VR_ENUM_IMPL(vrDomainVideo, VR_DOMAIN_VIDEO_TYPE_LAST,
             "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio",
             "gop", "none", "bochs", "ramfb");
VR_ENUM_IMPL(vrDomainVideoBackend, VR_DOMAIN_VIDEO_BACKEND_LAST, "default", "qemu", "vhostuser");
VR_ENUM_IMPL(vrDomainVideoVGAConf, VR_DOMAIN_VIDEO_VGACONF_LAST, "io", "on", "off");
VR_ENUM_IMPL(vrDomainInput, VR_DOMAIN_INPUT_TYPE_LAST,
             "mouse", "tablet", "keyboard", "passthrough", "evdev");
VR_ENUM_IMPL(vrDomainInputBus, VR_DOMAIN_INPUT_BUS_LAST,
             "default", "ps2", "usb", "xen", "parallels", "virtio", "none");
VR_ENUM_IMPL(vrDomainInputModel, VR_DOMAIN_INPUT_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainInputGrab, VR_DOMAIN_INPUT_GRAB_LAST, "default", "all");
VR_ENUM_IMPL(vrDomainInputGrabToggle, VR_DOMAIN_INPUT_GRAB_TOGGLE_LAST,
             "default", "ctrl-ctrl", "alt-alt", "shift-shift", "meta-meta", "scrolllock",
             "ctrl-scrolllock");
VR_ENUM_IMPL(vrDomainSoundModel, VR_DOMAIN_SOUND_MODEL_LAST,
             "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7");
VR_ENUM_IMPL(vrDomainSoundCodec, VR_DOMAIN_SOUND_CODEC_LAST, "duplex", "micro", "output");
VR_ENUM_IMPL(vrDomainAudio, VR_DOMAIN_AUDIO_TYPE_LAST,
             "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice", "file",
             "dbus");
VR_ENUM_IMPL(vrDomainAudioFormat, VR_DOMAIN_AUDIO_FORMAT_LAST,
             "default", "u8", "s8", "u16", "s16", "u32", "s32", "f32");

/* ---- graphics: listens --------------------------------------------- */

static int
vrGraphicsListenCheckType(const vrDomainGraphicsDef *g, int type)
{
    bool vncOrSpice = g->type == VR_DOMAIN_GRAPHICS_TYPE_VNC ||
                      g->type == VR_DOMAIN_GRAPHICS_TYPE_SPICE;

    if ((type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET || type == VR_DOMAIN_GRAPHICS_LISTEN_NONE) &&
        !vncOrSpice) {
        vrReportError(VR_ERR_XML_ERROR,
                      "listen type '%s' is not available for graphics type '%s'",
                      vrDomainGraphicsListenTypeToString(type),
                      vrDomainGraphicsTypeToString(g->type));
        return -1;
    }
    return 0;
}

/* The compat 'listen' and 'socket' attributes of <graphics> must agree
 * with the first <listen>, which they describe. */
static int
vrGraphicsListenCompat(vrDomainGraphicsListenDef *l, char **address, char **socket,
                       xmlNodePtr parent)
{
    g_autofree char *addressCompat = parent ? vrXMLProp(parent, "listen") : NULL;
    g_autofree char *socketCompat = parent ? vrXMLProp(parent, "socket") : NULL;

    if (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS) {
        if (*address && addressCompat && !g_str_equal(*address, addressCompat)) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')",
                          addressCompat, *address);
            return -1;
        }
        if (!*address)
            *address = g_steal_pointer(&addressCompat);
    }
    if (l->type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET) {
        if (*socket && socketCompat && !g_str_equal(*socket, socketCompat)) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "graphics 'socket' attribute '%s' must match 'socket' attribute of first listen element (found '%s')",
                          socketCompat, *socket);
            return -1;
        }
        if (!*socket)
            *socket = g_steal_pointer(&socketCompat);
    }
    return 0;
}

/* One <listen> (@node) or, without one, the compat attributes of the
 * <graphics> element (@parent). */
static int
vrGraphicsListenParse(vrDomainGraphicsDef *g, vrDomainGraphicsListenDef *l, xmlNodePtr node,
                      xmlNodePtr parent, unsigned int flags)
{
    g_autofree char *address = node ? vrXMLProp(node, "address") : NULL;
    g_autofree char *network = node ? vrXMLProp(node, "network") : NULL;
    g_autofree char *socket = node ? vrXMLProp(node, "socket") : NULL;

    if (node) {
        if (vrDevPropEnum(node, "type", vrDomainGraphicsListenTypeFromString,
                          VR_DEV_PROP_REQUIRED, &l->type) < 0)
            return -1;
    } else {
        g_autofree char *socketCompat = vrXMLProp(parent, "socket");
        l->type = socketCompat ? VR_DOMAIN_GRAPHICS_LISTEN_SOCKET
                               : VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS;
    }
    if (vrGraphicsListenCheckType(g, l->type) < 0 ||
        vrGraphicsListenCompat(l, &address, &socket, parent) < 0)
        return -1;
    if (address && *address && (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
                                 (flags & VR_DOMAIN_PARSE_LIVE)))
        l->address = g_steal_pointer(&address);
    if (network && *network) {
        if (l->type != VR_DOMAIN_GRAPHICS_LISTEN_NETWORK) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "'network' attribute is valid only for listen type 'network'");
            return -1;
        }
        l->network = g_steal_pointer(&network);
    }
    if (socket && *socket) {
        if (l->type != VR_DOMAIN_GRAPHICS_LISTEN_SOCKET) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "'socket' attribute is valid only for listen type 'socket'");
            return -1;
        }
        l->socket = g_steal_pointer(&socket);
    }
    l->fromConfig = node != NULL;
    return 0;
}

static int
vrGraphicsListensParse(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    vrXMLForEachNamed(node, "listen", ln) {
        g->listens = g_renew(vrDomainGraphicsListenDef, g->listens, g->nlistens + 1);
        memset(&g->listens[g->nlistens], 0, sizeof(vrDomainGraphicsListenDef));
        g->nlistens++;
        if (vrGraphicsListenParse(g, &g->listens[g->nlistens - 1], ln,
                                  g->nlistens == 1 ? node : NULL, flags) < 0)
            return -1;
    }
    if (g->nlistens)
        return 0;
    g->listens = g_new0(vrDomainGraphicsListenDef, 1);
    g->nlistens = 1;
    return vrGraphicsListenParse(g, &g->listens[0], NULL, node, flags);
}

static const vrDomainGraphicsListenDef *
vrGraphicsFirstListen(const vrDomainGraphicsDef *g)
{
    return g->nlistens ? &g->listens[0] : NULL;
}

/* ---- graphics: the kinds ------------------------------------------- */

static int
vrGraphicsParsePort(xmlNodePtr node, const char *attr, const char *what, int *port, bool *has)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToInt(str, 10, port) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse %s %s", what, str);
        return -1;
    }
    *has = true;
    return 1;
}

/* passwd, passwdValidTo and connected: the last two only mean anything
 * with a password. */
static int
vrGraphicsParseAuth(xmlNodePtr node, vrDomainGraphicsDef *g)
{
    g_autofree char *validTo = NULL;
    g_autofree char *connected = NULL;
    struct tm tm = { 0 };
    char *end;

    if (!(g->passwd = vrXMLProp(node, "passwd")))
        return 0;
    if ((validTo = vrXMLProp(node, "passwdValidTo"))) {
        end = strptime(validTo, "%Y-%m-%dT%H:%M:%S", &tm);
        if (!end || *end) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "cannot parse password validity time '%s', expect YYYY-MM-DDTHH:MM:SS",
                          validTo);
            return -1;
        }
        g->passwdValidTo = g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                                           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                                           tm.tm_sec);
    }
    if (!(connected = vrXMLProp(node, "connected")))
        return 0;
    if ((g->connected = vrDomainGraphicsAuthConnectedTypeFromString(connected)) <= 0) {
        g->connected = 0;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown connected value %s", connected);
        return -1;
    }
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_VNC &&
        g->connected != VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_KEEP) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "VNC supports connected='keep' only");
        return -1;
    }
    return 0;
}

static int
vrGraphicsParseAudio(xmlNodePtr node, int *audioId)
{
    xmlNodePtr audio = vrXMLChild(node, "audio");
    unsigned int id;

    if (!audio)
        return 0;
    if (vrDevPropUInt(audio, "id", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &id) < 0)
        return -1;
    *audioId = (int)id;
    return 0;
}

static int
vrGraphicsParseVNC(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    g_autofree char *autoport = vrXMLProp(node, "autoport");
    int rc;

    if (vrGraphicsListensParse(node, g, flags) < 0)
        return -1;
    if ((rc = vrGraphicsParsePort(node, "port", "vnc port", &g->port, &g->hasPort)) < 0)
        return -1;
    /* -1 is the old spelling of "pick a port for me" */
    if (rc == 0 || g->port == -1) {
        g->autoport = true;
        if (!(flags & VR_DOMAIN_PARSE_LIVE) || rc == 0)
            g->port = 0;
    }
    if (autoport && (g_str_equal(autoport, "yes") || g_str_equal(autoport, "no"))) {
        g->autoport = g_str_equal(autoport, "yes");
        if (g->autoport && !(flags & VR_DOMAIN_PARSE_LIVE))
            g->port = 0;
    }
    if ((rc = vrDevPropInt(node, "websocket", 10, 0, &g->websocket)) < 0)
        return -1;
    g->hasWebsocket = rc > 0;
    if (vrDevPropEnum(node, "sharePolicy", vrDomainGraphicsVNCSharePolicyTypeFromString, 0,
                      &g->sharePolicy) < 0 ||
        vrDevPropTristateBool(node, "powerControl", 0, &g->powerControl) < 0 ||
        vrGraphicsParseAuth(node, g) < 0)
        return -1;
    g->keymap = vrXMLProp(node, "keymap");
    return vrGraphicsParseAudio(node, &g->audioId);
}

static int
vrGraphicsParseFullscreen(xmlNodePtr node, vrDomainGraphicsDef *g)
{
    g_autofree char *fullscreen = vrXMLProp(node, "fullscreen");

    if (!fullscreen)
        return 0;
    if (g_str_equal(fullscreen, "yes")) {
        g->fullscreen = true;
    } else if (!g_str_equal(fullscreen, "no")) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown fullscreen value '%s'", fullscreen);
        return -1;
    }
    return 0;
}

static int
vrGraphicsParseGL(xmlNodePtr node, vrDomainGraphicsDef *g, bool needEnable)
{
    xmlNodePtr gl = vrXMLChild(node, "gl");

    if (!gl)
        return 0;
    g->hasGL = true;
    if (vrDevPropTristateBool(gl, "enable", needEnable ? VR_DEV_PROP_REQUIRED : 0, &g->gl) < 0)
        return -1;
    g->rendernode = vrXMLProp(gl, "rendernode");
    return 0;
}

static int
vrGraphicsParseRDP(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    g_autofree char *autoport = vrXMLProp(node, "autoport");
    g_autofree char *replaceUser = vrXMLProp(node, "replaceUser");
    g_autofree char *multiUser = vrXMLProp(node, "multiUser");
    int rc;

    if ((rc = vrGraphicsParsePort(node, "port", "rdp port", &g->port, &g->hasPort)) < 0)
        return -1;
    /* port 0 too: libvirt writes such a port not at all, which reads back as autoport */
    if (rc == 0 || g->port == -1 || g->port == 0)
        g->autoport = true;
    if (autoport && g_str_equal(autoport, "yes"))
        g->autoport = true;
    if (g->autoport && !(flags & VR_DOMAIN_PARSE_LIVE))
        g->port = 0;
    g->replaceUser = replaceUser && g_str_equal(replaceUser, "yes");
    g->multiUser = multiUser && g_str_equal(multiUser, "yes");
    return vrGraphicsListensParse(node, g, flags);
}

static int
vrGraphicsParseSpiceChannel(xmlNodePtr node, vrDomainGraphicsDef *g)
{
    g_autofree char *name = vrXMLProp(node, "name");
    g_autofree char *mode = vrXMLProp(node, "mode");
    int n, m;

    if (!name || !mode) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "spice channel missing name/mode");
        return -1;
    }
    if ((n = vrDomainGraphicsSpiceChannelNameTypeFromString(name)) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown spice channel name %s", name);
        return -1;
    }
    if ((m = vrDomainGraphicsSpiceChannelModeTypeFromString(mode)) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown spice channel mode %s", mode);
        return -1;
    }
    g->channels[n] = m;
    return 0;
}

static int
vrGraphicsParseSpiceChild(xmlNodePtr cur, vrDomainGraphicsDef *g)
{
    const unsigned int req = VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO;

    if (vrXMLIsElement(cur, "channel"))
        return vrGraphicsParseSpiceChannel(cur, g);
    if (vrXMLIsElement(cur, "image"))
        return vrDevPropEnum(cur, "compression", vrDomainGraphicsSpiceImageCompressionTypeFromString,
                             req, &g->image);
    if (vrXMLIsElement(cur, "jpeg"))
        return vrDevPropEnum(cur, "compression", vrDomainGraphicsSpiceJpegCompressionTypeFromString,
                             req, &g->jpeg);
    if (vrXMLIsElement(cur, "zlib"))
        return vrDevPropEnum(cur, "compression", vrDomainGraphicsSpiceZlibCompressionTypeFromString,
                             req, &g->zlib);
    if (vrXMLIsElement(cur, "playback"))
        return vrDevPropTristateSwitch(cur, "compression", VR_DEV_PROP_REQUIRED, &g->playback);
    if (vrXMLIsElement(cur, "streaming"))
        return vrDevPropEnum(cur, "mode", vrDomainGraphicsSpiceStreamingModeTypeFromString, req,
                             &g->streaming);
    if (vrXMLIsElement(cur, "clipboard"))
        return vrDevPropTristateBool(cur, "copypaste", VR_DEV_PROP_REQUIRED, &g->copypaste);
    if (vrXMLIsElement(cur, "filetransfer"))
        return vrDevPropTristateBool(cur, "enable", VR_DEV_PROP_REQUIRED, &g->filetransfer);
    if (vrXMLIsElement(cur, "mouse"))
        return vrDevPropEnum(cur, "mode", vrDomainMouseModeTypeFromString, req, &g->mousemode);
    if (vrXMLIsElement(cur, "gl")) {
        g->hasGL = true;
        g->rendernode = vrXMLProp(cur, "rendernode");
        return vrDevPropTristateBool(cur, "enable", VR_DEV_PROP_REQUIRED, &g->gl);
    }
    return 0;
}

static int
vrGraphicsParseSpice(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    g_autofree char *autoport = vrXMLProp(node, "autoport");
    g_autofree char *defaultMode = vrXMLProp(node, "defaultMode");

    if (vrGraphicsListensParse(node, g, flags) < 0 ||
        vrGraphicsParsePort(node, "port", "spice port", &g->port, &g->hasPort) < 0 ||
        vrGraphicsParsePort(node, "tlsPort", "spice tlsPort", &g->tlsPort, &g->hasTLSPort) < 0)
        return -1;
    g->autoport = autoport && g_str_equal(autoport, "yes");
    if (defaultMode &&
        (g->defaultMode = vrDomainGraphicsSpiceChannelModeTypeFromString(defaultMode)) < 0) {
        g->defaultMode = 0;
        vrReportError(VR_ERR_XML_ERROR, "unknown default spice channel mode %s", defaultMode);
        return -1;
    }
    if (g->port == -1 && g->tlsPort == -1)
        g->autoport = true;
    if (g->autoport && !(flags & VR_DOMAIN_PARSE_LIVE)) {
        g->port = 0;
        g->tlsPort = 0;
    }
    g->keymap = vrXMLProp(node, "keymap");
    if (vrGraphicsParseAuth(node, g) < 0)
        return -1;
    vrXMLForEachChild(node, cur) {
        if (vrGraphicsParseSpiceChild(cur, g) < 0)
            return -1;
    }
    return 0;
}

static int
vrGraphicsParseKind(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    switch ((vrDomainGraphicsType)g->type) {
    case VR_DOMAIN_GRAPHICS_TYPE_VNC:
        return vrGraphicsParseVNC(node, g, flags);
    case VR_DOMAIN_GRAPHICS_TYPE_SDL:
        g->display = vrXMLProp(node, "display");
        g->xauth = vrXMLProp(node, "xauth");
        if (vrGraphicsParseFullscreen(node, g) < 0)
            return -1;
        return vrGraphicsParseGL(node, g, true);
    case VR_DOMAIN_GRAPHICS_TYPE_RDP:
        return vrGraphicsParseRDP(node, g, flags);
    case VR_DOMAIN_GRAPHICS_TYPE_DESKTOP:
        g->display = vrXMLProp(node, "display");
        return vrGraphicsParseFullscreen(node, g);
    case VR_DOMAIN_GRAPHICS_TYPE_SPICE:
        return vrGraphicsParseSpice(node, g, flags);
    case VR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
        return vrGraphicsParseGL(node, g, false);
    case VR_DOMAIN_GRAPHICS_TYPE_DBUS: {
        g_autofree char *p2p = vrXMLProp(node, "p2p");
        g->dbusAddress = vrXMLProp(node, "address");
        g->dbusP2P = p2p && g_str_equal(p2p, "yes");
        if (vrGraphicsParseGL(node, g, true) < 0)
            return -1;
        return vrGraphicsParseAudio(node, &g->audioId);
    }
    case VR_DOMAIN_GRAPHICS_TYPE_LAST:
        break;
    }
    return 0;
}

vrDomainGraphicsDef *
vrDomainParseGraphics(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainGraphicsDef) g = g_new0(vrDomainGraphicsDef, 1);

    if (vrDevPropEnum(node, "type", vrDomainGraphicsTypeFromString, VR_DEV_PROP_REQUIRED,
                      &g->type) < 0 ||
        vrGraphicsParseKind(node, g, flags) < 0)
        return NULL;
    return g_steal_pointer(&g);
}

/* ---- graphics: formatting ------------------------------------------ */

static void
vrGraphicsFormatListenAddr(vrBuf *buf, const vrDomainGraphicsListenDef *l, unsigned int flags)
{
    if (l && l->address && (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
                            (l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK &&
                             !(flags & VR_DOMAIN_FORMAT_INACTIVE))))
        vrDevAttr(buf, "listen", l->address);
}

static void
vrGraphicsFormatAuth(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    if (!g->passwd)
        return;
    if (flags & VR_DOMAIN_FORMAT_SECURE)
        vrDevAttr(buf, "passwd", g->passwd);
    vrDevAttr(buf, "passwdValidTo", g->passwdValidTo);
    if (g->connected)
        vrBufAsprintf(buf, " connected='%s'",
                      vrDomainGraphicsAuthConnectedTypeToString(g->connected));
}

static void
vrGraphicsFormatVNC(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    const vrDomainGraphicsListenDef *l = vrGraphicsFirstListen(g);

    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET) {
        vrDevAttr(buf, "socket", l->socket);
    } else if (l && (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
                     l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK)) {
        if (g->port && (!g->autoport || !(flags & VR_DOMAIN_FORMAT_INACTIVE)))
            vrBufAsprintf(buf, " port='%d'", g->port);
        else if (g->autoport)
            vrBufAddLit(buf, " port='-1'");
        vrBufAsprintf(buf, " autoport='%s'", g->autoport ? "yes" : "no");
        if (g->websocket)
            vrBufAsprintf(buf, " websocket='%d'", g->websocket);
        vrGraphicsFormatListenAddr(buf, l, flags);
    }
    vrDevAttr(buf, "keymap", g->keymap);
    if (g->sharePolicy)
        vrBufAsprintf(buf, " sharePolicy='%s'",
                      vrDomainGraphicsVNCSharePolicyTypeToString(g->sharePolicy));
    vrDevAttrTristateBool(buf, "powerControl", g->powerControl);
    vrGraphicsFormatAuth(buf, g, flags);
}

static void
vrGraphicsFormatSpice(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    const vrDomainGraphicsListenDef *l = vrGraphicsFirstListen(g);

    if (l && (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
              l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK)) {
        if (g->port)
            vrBufAsprintf(buf, " port='%d'", g->port);
        if (g->tlsPort)
            vrBufAsprintf(buf, " tlsPort='%d'", g->tlsPort);
        vrBufAsprintf(buf, " autoport='%s'", g->autoport ? "yes" : "no");
        vrGraphicsFormatListenAddr(buf, l, flags);
    }
    vrDevAttr(buf, "keymap", g->keymap);
    if (g->defaultMode)
        vrBufAsprintf(buf, " defaultMode='%s'",
                      vrDomainGraphicsSpiceChannelModeTypeToString(g->defaultMode));
    vrGraphicsFormatAuth(buf, g, flags);
}

static void
vrGraphicsFormatAttrs(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    switch ((vrDomainGraphicsType)g->type) {
    case VR_DOMAIN_GRAPHICS_TYPE_VNC:
        vrGraphicsFormatVNC(buf, g, flags);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_SDL:
        vrDevAttr(buf, "display", g->display);
        vrDevAttr(buf, "xauth", g->xauth);
        if (g->fullscreen)
            vrBufAddLit(buf, " fullscreen='yes'");
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_RDP:
        if (g->port)
            vrBufAsprintf(buf, " port='%d'", g->port);
        else if (g->autoport)
            vrBufAddLit(buf, " port='0'");
        if (g->autoport)
            vrBufAddLit(buf, " autoport='yes'");
        if (g->replaceUser)
            vrBufAddLit(buf, " replaceUser='yes'");
        if (g->multiUser)
            vrBufAddLit(buf, " multiUser='yes'");
        vrGraphicsFormatListenAddr(buf, vrGraphicsFirstListen(g), flags);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_DESKTOP:
        vrDevAttr(buf, "display", g->display);
        if (g->fullscreen)
            vrBufAddLit(buf, " fullscreen='yes'");
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_SPICE:
        vrGraphicsFormatSpice(buf, g, flags);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_DBUS:
        if (g->dbusP2P)
            vrBufAddLit(buf, " p2p='yes'");
        vrDevAttr(buf, "address", g->dbusAddress);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
    case VR_DOMAIN_GRAPHICS_TYPE_LAST:
        break;
    }
}

static void
vrGraphicsFormatListens(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    size_t i;

    for (i = 0; i < g->nlistens; i++) {
        const vrDomainGraphicsListenDef *l = &g->listens[i];

        vrBufAsprintf(buf, "<listen type='%s'", vrDomainGraphicsListenTypeToString(l->type));
        if (l->address && (l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
                           (l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK &&
                            !(flags & VR_DOMAIN_FORMAT_INACTIVE))))
            vrDevAttr(buf, "address", l->address);
        if (l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK)
            vrDevAttr(buf, "network", l->network);
        if (l->type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET)
            vrDevAttr(buf, "socket", l->socket);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrGraphicsFormatGL(vrBuf *buf, const vrDomainGraphicsDef *g)
{
    if (!g->hasGL || (!g->gl && !g->rendernode))
        return;
    vrBufAddLit(buf, "<gl");
    vrDevAttrTristateBool(buf, "enable", g->gl);
    vrDevAttr(buf, "rendernode", g->rendernode);
    vrBufAddLit(buf, "/>\n");
}

static void
vrGraphicsFormatSpiceChildren(vrBuf *buf, const vrDomainGraphicsDef *g)
{
    size_t i;

    for (i = 0; i < VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_LAST; i++) {
        if (g->channels[i] == VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_ANY)
            continue;
        vrBufAsprintf(buf, "<channel name='%s' mode='%s'/>\n",
                      vrDomainGraphicsSpiceChannelNameTypeToString(i),
                      vrDomainGraphicsSpiceChannelModeTypeToString(g->channels[i]));
    }
    if (g->image)
        vrBufAsprintf(buf, "<image compression='%s'/>\n",
                      vrDomainGraphicsSpiceImageCompressionTypeToString(g->image));
    if (g->jpeg)
        vrBufAsprintf(buf, "<jpeg compression='%s'/>\n",
                      vrDomainGraphicsSpiceJpegCompressionTypeToString(g->jpeg));
    if (g->zlib)
        vrBufAsprintf(buf, "<zlib compression='%s'/>\n",
                      vrDomainGraphicsSpiceZlibCompressionTypeToString(g->zlib));
    if (g->playback)
        vrBufAsprintf(buf, "<playback compression='%s'/>\n",
                      vrTristateSwitchTypeToString(g->playback));
    if (g->streaming)
        vrBufAsprintf(buf, "<streaming mode='%s'/>\n",
                      vrDomainGraphicsSpiceStreamingModeTypeToString(g->streaming));
    if (g->mousemode)
        vrBufAsprintf(buf, "<mouse mode='%s'/>\n", vrDomainMouseModeTypeToString(g->mousemode));
    if (g->copypaste)
        vrBufAsprintf(buf, "<clipboard copypaste='%s'/>\n",
                      vrTristateBoolTypeToString(g->copypaste));
    if (g->filetransfer)
        vrBufAsprintf(buf, "<filetransfer enable='%s'/>\n",
                      vrTristateBoolTypeToString(g->filetransfer));
    vrGraphicsFormatGL(buf, g);
}

void
vrDomainFormatGraphics(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    vrBufAsprintf(&attrs, " type='%s'", vrDomainGraphicsTypeToString(g->type));
    vrGraphicsFormatAttrs(&attrs, g, flags);
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_SDL || g->type == VR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS ||
        g->type == VR_DOMAIN_GRAPHICS_TYPE_DBUS)
        vrGraphicsFormatGL(&children, g);
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_DBUS && g->audioId)
        vrBufAsprintf(&children, "<audio id='%d'/>\n", g->audioId);
    vrGraphicsFormatListens(&children, g, flags);
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_SPICE)
        vrGraphicsFormatSpiceChildren(&children, g);
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_VNC && g->audioId)
        vrBufAsprintf(&children, "<audio id='%d'/>\n", g->audioId);
    vrDevFormatElement(buf, "graphics", &attrs, &children, true);
}

/* ---- video --------------------------------------------------------- */

static int
vrVideoParseModel(xmlNodePtr model, vrDomainVideoDef *v)
{
    g_autofree char *type = vrXMLProp(model, "type");
    xmlNodePtr child;
    int primary = VR_TRISTATE_ABSENT;

    if ((child = vrXMLChild(model, "acceleration"))) {
        if (vrDevPropTristateBool(child, "accel3d", 0, &v->accel3d) < 0 ||
            vrDevPropTristateBool(child, "accel2d", 0, &v->accel2d) < 0)
            return -1;
        v->rendernode = vrXMLProp(child, "rendernode");
        v->hasAccel = true;
    }
    if ((child = vrXMLChild(model, "resolution")) &&
        (vrDevPropUInt(child, "x", 10, VR_DEV_PROP_REQUIRED, &v->resolutionX) < 0 ||
         vrDevPropUInt(child, "y", 10, VR_DEV_PROP_REQUIRED, &v->resolutionY) < 0))
        return -1;
    if (type && (v->type = vrDomainVideoTypeFromString(type)) < 0) {
        v->type = 0;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown video model '%s'", type);
        return -1;
    }
    if (vrDevPropUInt(model, "ram", 10, 0, &v->ram) < 0 ||
        vrDevPropUInt(model, "vram", 10, 0, &v->vram) < 0 ||
        vrDevPropUInt(model, "vram64", 10, 0, &v->vram64) < 0 ||
        vrDevPropUInt(model, "vgamem", 10, 0, &v->vgamem) < 0 ||
        vrDevPropUInt(model, "heads", 10, VR_DEV_PROP_NONZERO, &v->heads) < 0 ||
        vrDevPropTristateBool(model, "primary", 0, &primary) < 0)
        return -1;
    v->primary = primary == VR_TRISTATE_ON;
    return 0;
}

vrDomainVideoDef *
vrDomainParseVideo(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainVideoDef) v = g_new0(vrDomainVideoDef, 1);
    xmlNodePtr child;

    v->heads = 1;
    if ((child = vrXMLChild(node, "driver"))) {
        g_autofree char *vgaconf = vrXMLProp(child, "vgaconf");
        if (vrDevVirtioOptionsParse(child, &v->virtio) < 0 ||
            vrDevPropEnum(child, "name", vrDomainVideoBackendTypeFromString, VR_DEV_PROP_NONZERO,
                          &v->backend) < 0)
            return NULL;
        if (vgaconf) {
            int c = vrDomainVideoVGAConfTypeFromString(vgaconf);
            if (c < 0) {
                vrReportError(VR_ERR_XML_ERROR, "unknown vgaconf value '%s'", vgaconf);
                return NULL;
            }
            v->vgaconf = c + 1;
        }
    }
    if ((child = vrXMLChild(node, "model")) && vrVideoParseModel(child, v) < 0)
        return NULL;
    if (vrDevInfoParse(node, &v->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&v);
}

void
vrDomainFormatVideo(vrBuf *buf, const vrDomainVideoDef *v, unsigned int flags)
{
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAddLit(buf, "<video>\n");
    vrBufAdjustIndent(buf, 2);
    vrDevVirtioOptionsFormat(&driver, &v->virtio);
    if (v->vgaconf)
        vrBufAsprintf(&driver, " vgaconf='%s'", vrDomainVideoVGAConfTypeToString(v->vgaconf - 1));
    if (v->backend)
        vrBufAsprintf(&driver, " name='%s'", vrDomainVideoBackendTypeToString(v->backend));
    vrDevFormatElement(buf, "driver", &driver, NULL, false);
    vrBufAsprintf(buf, "<model type='%s'", vrDomainVideoTypeToString(v->type));
    if (v->ram)
        vrBufAsprintf(buf, " ram='%u'", v->ram);
    if (v->vram)
        vrBufAsprintf(buf, " vram='%u'", v->vram);
    if (v->vram64)
        vrBufAsprintf(buf, " vram64='%u'", v->vram64);
    if (v->vgamem)
        vrBufAsprintf(buf, " vgamem='%u'", v->vgamem);
    if (v->heads)
        vrBufAsprintf(buf, " heads='%u'", v->heads);
    if (v->primary)
        vrBufAddLit(buf, " primary='yes'");
    if (v->hasAccel || v->resolutionX || v->resolutionY) {
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        if (v->hasAccel) {
            vrBufAddLit(buf, "<acceleration");
            vrDevAttrTristateBool(buf, "accel3d", v->accel3d);
            vrDevAttrTristateBool(buf, "accel2d", v->accel2d);
            vrDevAttr(buf, "rendernode", v->rendernode);
            vrBufAddLit(buf, "/>\n");
        }
        if (v->resolutionX || v->resolutionY)
            vrBufAsprintf(buf, "<resolution x='%u' y='%u'/>\n", v->resolutionX, v->resolutionY);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</model>\n");
    } else {
        vrBufAddLit(buf, "/>\n");
    }
    vrDevInfoFormat(buf, &v->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</video>\n");
}

/* ---- input --------------------------------------------------------- */

static int
vrInputParseSource(xmlNodePtr node, vrDomainInputDef *in)
{
    xmlNodePtr source = vrXMLChild(node, "source");

    if (in->type == VR_DOMAIN_INPUT_TYPE_PASSTHROUGH) {
        if (!(in->evdev = source ? vrXMLProp(source, "evdev") : NULL)) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing evdev path for input device passthrough");
            return -1;
        }
    } else if (in->type == VR_DOMAIN_INPUT_TYPE_EVDEV) {
        if (!(in->evdev = source ? vrXMLProp(source, "dev") : NULL)) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing evdev path for input device");
            return -1;
        }
        if (vrDevPropEnum(source, "grab", vrDomainInputGrabTypeFromString, VR_DEV_PROP_NONZERO,
                          &in->grab) < 0 ||
            vrDevPropEnum(source, "grabToggle", vrDomainInputGrabToggleTypeFromString,
                          VR_DEV_PROP_NONZERO, &in->grabToggle) < 0 ||
            vrDevPropTristateSwitch(source, "repeat", 0, &in->repeat) < 0)
            return -1;
    }
    return 0;
}

vrDomainInputDef *
vrDomainParseInput(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainInputDef) in = g_new0(vrDomainInputDef, 1);
    xmlNodePtr driver;

    if (vrDevPropEnum(node, "type", vrDomainInputTypeFromString, VR_DEV_PROP_REQUIRED,
                      &in->type) < 0)
        return NULL;
    if (vrDevPropEnum(node, "bus", vrDomainInputBusTypeFromString, VR_DEV_PROP_NONZERO,
                      &in->bus) < 0 ||
        vrDevPropEnum(node, "model", vrDomainInputModelTypeFromString, VR_DEV_PROP_NONZERO,
                      &in->model) < 0 ||
        vrInputParseSource(node, in) < 0)
        return NULL;
    if ((driver = vrXMLChild(node, "driver")) && vrDevVirtioOptionsParse(driver, &in->virtio) < 0)
        return NULL;
    if (vrDevInfoParse(node, &in->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&in);
}

void
vrDomainFormatInput(vrBuf *buf, const vrDomainInputDef *in, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(&attrs, " type='%s'", vrDomainInputTypeToString(in->type));
    if (in->bus && in->bus != VR_DOMAIN_INPUT_BUS_NONE)
        vrBufAsprintf(&attrs, " bus='%s'", vrDomainInputBusTypeToString(in->bus));
    if (in->model)
        vrBufAsprintf(&attrs, " model='%s'", vrDomainInputModelTypeToString(in->model));
    vrDevVirtioOptionsFormat(&driver, &in->virtio);
    vrDevFormatElement(&children, "driver", &driver, NULL, false);
    if (in->type == VR_DOMAIN_INPUT_TYPE_PASSTHROUGH) {
        vrConfEscapeXMLPrintf(&children, "<source evdev='%s'/>\n", in->evdev);
    } else if (in->type == VR_DOMAIN_INPUT_TYPE_EVDEV) {
        vrConfEscapeXMLPrintf(&children, "<source dev='%s'", in->evdev);
        if (in->grab)
            vrBufAsprintf(&children, " grab='%s'", vrDomainInputGrabTypeToString(in->grab));
        if (in->grabToggle)
            vrBufAsprintf(&children, " grabToggle='%s'",
                          vrDomainInputGrabToggleTypeToString(in->grabToggle));
        vrDevAttrTristateSwitch(&children, "repeat", in->repeat);
        vrBufAddLit(&children, "/>\n");
    }
    vrDevInfoFormat(&children, &in->info, flags, 0);
    vrDevFormatElement(buf, "input", &attrs, &children, true);
}

/* ---- sound --------------------------------------------------------- */

vrDomainSoundDef *
vrDomainParseSound(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainSoundDef) s = g_new0(vrDomainSoundDef, 1);
    xmlNodePtr audio;

    if (vrDevPropEnum(node, "model", vrDomainSoundModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &s->model) < 0)
        return NULL;
    if (s->model == VR_DOMAIN_SOUND_MODEL_ICH6 || s->model == VR_DOMAIN_SOUND_MODEL_ICH7 ||
        s->model == VR_DOMAIN_SOUND_MODEL_ICH9) {
        vrXMLForEachNamed(node, "codec", codec) {
            int type;
            if (vrDevPropEnum(codec, "type", vrDomainSoundCodecTypeFromString,
                              VR_DEV_PROP_REQUIRED, &type) < 0)
                return NULL;
            s->codecs = g_renew(int, s->codecs, s->ncodecs + 1);
            s->codecs[s->ncodecs++] = type;
        }
    }
    if (s->model == VR_DOMAIN_SOUND_MODEL_USB &&
        vrDevPropTristateBool(node, "multichannel", 0, &s->multichannel) < 0)
        return NULL;
    if ((audio = vrXMLChild(node, "audio")) &&
        vrDevPropUInt(audio, "id", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                      &s->audioId) < 0)
        return NULL;
    if (vrDevInfoParse(node, &s->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&s);
}

void
vrDomainFormatSound(vrBuf *buf, const vrDomainSoundDef *s, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    size_t i;

    vrBufAsprintf(&attrs, " model='%s'", vrDomainSoundModelTypeToString(s->model));
    if (s->model == VR_DOMAIN_SOUND_MODEL_USB)
        vrDevAttrTristateBool(&attrs, "multichannel", s->multichannel);
    for (i = 0; i < s->ncodecs; i++)
        vrBufAsprintf(&children, "<codec type='%s'/>\n", vrDomainSoundCodecTypeToString(s->codecs[i]));
    if (s->audioId)
        vrBufAsprintf(&children, "<audio id='%u'/>\n", s->audioId);
    vrDevInfoFormat(&children, &s->info, flags, 0);
    vrDevFormatElement(buf, "sound", &attrs, &children, true);
}

/* ---- audio backends ------------------------------------------------ */

static int
vrAudioParseCommon(xmlNodePtr node, vrDomainAudioIOCommon *io)
{
    xmlNodePtr settings = vrXMLChild(node, "settings");

    if (vrDevPropTristateBool(node, "mixingEngine", 0, &io->mixingEngine) < 0 ||
        vrDevPropTristateBool(node, "fixedSettings", 0, &io->fixedSettings) < 0)
        return -1;
    if (io->fixedSettings == VR_TRISTATE_ON && io->mixingEngine != VR_TRISTATE_ON) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "fixed audio settings requires mixing engine");
        return -1;
    }
    if (vrDevPropUInt(node, "voices", 10, VR_DEV_PROP_NONZERO, &io->voices) < 0 ||
        vrDevPropUInt(node, "bufferLength", 10, VR_DEV_PROP_NONZERO, &io->bufferLength) < 0)
        return -1;
    if (!settings)
        return 0;
    if (io->fixedSettings != VR_TRISTATE_ON) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "audio settings specified without fixed settings flag");
        return -1;
    }
    if (vrDevPropUInt(settings, "frequency", 10, VR_DEV_PROP_NONZERO, &io->frequency) < 0 ||
        vrDevPropUInt(settings, "channels", 10, VR_DEV_PROP_NONZERO, &io->channels) < 0 ||
        vrDevPropEnum(settings, "format", vrDomainAudioFormatTypeFromString, VR_DEV_PROP_NONZERO,
                      &io->format) < 0)
        return -1;
    return 0;
}

static int
vrAudioParseBackendIO(xmlNodePtr node, int type, vrDomainAudioIOCommon *io)
{
    switch ((vrDomainAudioType)type) {
    case VR_DOMAIN_AUDIO_TYPE_ALSA:
        io->dev = vrXMLProp(node, "dev");
        break;
    case VR_DOMAIN_AUDIO_TYPE_COREAUDIO:
    case VR_DOMAIN_AUDIO_TYPE_SDL:
        return vrDevPropUInt(node, "bufferCount", 10, 0, &io->bufferCount) < 0 ? -1 : 0;
    case VR_DOMAIN_AUDIO_TYPE_JACK:
        io->serverName = vrXMLProp(node, "serverName");
        io->clientName = vrXMLProp(node, "clientName");
        io->connectPorts = vrXMLProp(node, "connectPorts");
        return vrDevPropTristateBool(node, "exactName", 0, &io->exactName) < 0 ? -1 : 0;
    case VR_DOMAIN_AUDIO_TYPE_OSS:
        io->dev = vrXMLProp(node, "dev");
        if (vrDevPropUInt(node, "bufferCount", 10, 0, &io->bufferCount) < 0 ||
            vrDevPropTristateBool(node, "tryPoll", 0, &io->tryPoll) < 0)
            return -1;
        break;
    case VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
        io->name = vrXMLProp(node, "name");
        io->streamName = vrXMLProp(node, "streamName");
        return vrDevPropUInt(node, "latency", 10, 0, &io->latency) < 0 ? -1 : 0;
    case VR_DOMAIN_AUDIO_TYPE_NONE:
    case VR_DOMAIN_AUDIO_TYPE_SPICE:
    case VR_DOMAIN_AUDIO_TYPE_FILE:
    case VR_DOMAIN_AUDIO_TYPE_DBUS:
    case VR_DOMAIN_AUDIO_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrAudioParseBackend(xmlNodePtr node, vrDomainAudioDef *a)
{
    switch ((vrDomainAudioType)a->type) {
    case VR_DOMAIN_AUDIO_TYPE_OSS:
        if (vrDevPropTristateBool(node, "tryMMap", 0, &a->tryMMap) < 0 ||
            vrDevPropTristateBool(node, "exclusive", 0, &a->exclusive) < 0)
            return -1;
        a->dspPolicySet = vrDevPropInt(node, "dspPolicy", 10, 0, &a->dspPolicy);
        return a->dspPolicySet < 0 ? -1 : 0;
    case VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
        a->serverName = vrXMLProp(node, "serverName");
        break;
    case VR_DOMAIN_AUDIO_TYPE_SDL:
        a->sdlDriver = vrXMLProp(node, "driver");
        break;
    case VR_DOMAIN_AUDIO_TYPE_FILE:
        a->path = vrXMLProp(node, "path");
        break;
    default:
        break;
    }
    return 0;
}

vrDomainAudioDef *
vrDomainParseAudio(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainAudioDef) a = g_new0(vrDomainAudioDef, 1);
    xmlNodePtr in = vrXMLChild(node, "input");
    xmlNodePtr out = vrXMLChild(node, "output");

    (void)flags;
    if (vrDevPropEnum(node, "type", vrDomainAudioTypeFromString, VR_DEV_PROP_REQUIRED,
                      &a->type) < 0 ||
        vrDevPropUInt(node, "id", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &a->id) < 0 ||
        vrDevPropUInt(node, "timerPeriod", 10, VR_DEV_PROP_NONZERO, &a->timerPeriod) < 0)
        return NULL;
    if (in && (vrAudioParseCommon(in, &a->input) < 0 ||
               vrAudioParseBackendIO(in, a->type, &a->input) < 0))
        return NULL;
    if (out && (vrAudioParseCommon(out, &a->output) < 0 ||
                vrAudioParseBackendIO(out, a->type, &a->output) < 0))
        return NULL;
    a->hasInput = in != NULL;
    a->hasOutput = out != NULL;
    if (vrAudioParseBackend(node, a) < 0)
        return NULL;
    return g_steal_pointer(&a);
}

static void
vrAudioFormatBackendIO(vrBuf *attrs, int type, const vrDomainAudioIOCommon *io)
{
    switch ((vrDomainAudioType)type) {
    case VR_DOMAIN_AUDIO_TYPE_ALSA:
        vrDevAttr(attrs, "dev", io->dev);
        break;
    case VR_DOMAIN_AUDIO_TYPE_COREAUDIO:
    case VR_DOMAIN_AUDIO_TYPE_SDL:
        if (io->bufferCount)
            vrBufAsprintf(attrs, " bufferCount='%u'", io->bufferCount);
        break;
    case VR_DOMAIN_AUDIO_TYPE_JACK:
        vrDevAttr(attrs, "serverName", io->serverName);
        vrDevAttr(attrs, "clientName", io->clientName);
        vrDevAttr(attrs, "connectPorts", io->connectPorts);
        vrDevAttrTristateBool(attrs, "exactName", io->exactName);
        break;
    case VR_DOMAIN_AUDIO_TYPE_OSS:
        vrDevAttr(attrs, "dev", io->dev);
        if (io->bufferCount)
            vrBufAsprintf(attrs, " bufferCount='%u'", io->bufferCount);
        vrDevAttrTristateBool(attrs, "tryPoll", io->tryPoll);
        break;
    case VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
        vrDevAttr(attrs, "name", io->name);
        vrDevAttr(attrs, "streamName", io->streamName);
        if (io->latency)
            vrBufAsprintf(attrs, " latency='%u'", io->latency);
        break;
    default:
        break;
    }
}

static void
vrAudioFormatCommon(vrBuf *buf, const char *name, int type, const vrDomainAudioIOCommon *io)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;

    vrDevAttrTristateBool(&attrs, "mixingEngine", io->mixingEngine);
    vrDevAttrTristateBool(&attrs, "fixedSettings", io->fixedSettings);
    if (io->voices)
        vrBufAsprintf(&attrs, " voices='%u'", io->voices);
    if (io->bufferLength)
        vrBufAsprintf(&attrs, " bufferLength='%u'", io->bufferLength);
    if (io->fixedSettings == VR_TRISTATE_ON) {
        g_auto(vrBuf) settings = VR_BUF_INIT;
        if (io->frequency)
            vrBufAsprintf(&settings, " frequency='%u'", io->frequency);
        if (io->channels)
            vrBufAsprintf(&settings, " channels='%u'", io->channels);
        if (io->format)
            vrBufAsprintf(&settings, " format='%s'", vrDomainAudioFormatTypeToString(io->format));
        vrDevFormatElement(&children, "settings", &settings, NULL, false);
    }
    vrAudioFormatBackendIO(&attrs, type, io);
    vrDevFormatElement(buf, name, &attrs, &children, false);
}

void
vrDomainFormatAudio(vrBuf *buf, const vrDomainAudioDef *a, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    (void)flags;
    vrBufAsprintf(&attrs, " id='%u' type='%s'", a->id, vrDomainAudioTypeToString(a->type));
    if (a->type == VR_DOMAIN_AUDIO_TYPE_OSS) {
        vrDevAttrTristateBool(&attrs, "tryMMap", a->tryMMap);
        vrDevAttrTristateBool(&attrs, "exclusive", a->exclusive);
        if (a->dspPolicySet > 0)
            vrBufAsprintf(&attrs, " dspPolicy='%d'", a->dspPolicy);
    }
    vrDevAttr(&attrs, "serverName", a->serverName);
    vrDevAttr(&attrs, "driver", a->sdlDriver);
    vrDevAttr(&attrs, "path", a->path);
    if (a->timerPeriod)
        vrBufAsprintf(&attrs, " timerPeriod='%u'", a->timerPeriod);
    if (a->hasInput)
        vrAudioFormatCommon(&children, "input", a->type, &a->input);
    if (a->hasOutput)
        vrAudioFormatCommon(&children, "output", a->type, &a->output);
    vrDevFormatElement(buf, "audio", &attrs, &children, true);
}
