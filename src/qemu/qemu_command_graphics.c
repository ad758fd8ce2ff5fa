/*
 * qemu_command_graphics.c: what the guest shows and sounds like: audio
 * back-ends (-audiodev), displays (-vnc, -spice, -display), video cards
 * and sound cards.
 */
#include <config.h>

#include <string.h>

#include "qemu_command_priv.h"

/* ---- -audiodev -------------------------------------------------------- */

static const char *const vrQemuAudioDrivers[VR_DOMAIN_AUDIO_TYPE_LAST] = {
    [VR_DOMAIN_AUDIO_TYPE_NONE] = "none",
    [VR_DOMAIN_AUDIO_TYPE_ALSA] = "alsa",
    [VR_DOMAIN_AUDIO_TYPE_JACK] = "jack",
    [VR_DOMAIN_AUDIO_TYPE_OSS] = "oss",
    [VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO] = "pa",
    [VR_DOMAIN_AUDIO_TYPE_SDL] = "sdl",
    [VR_DOMAIN_AUDIO_TYPE_SPICE] = "spice",
    [VR_DOMAIN_AUDIO_TYPE_FILE] = "wav",
    [VR_DOMAIN_AUDIO_TYPE_DBUS] = "dbus",
};

static json_object *
vrQemuAudioDirection(const vrDomainAudioDef *audio, const vrDomainAudioIOCommon *io)
{
    json_object *o = json_object_new_object();

    vrQemuJSONTristate(o, "mixing-engine", io->mixingEngine);
    vrQemuJSONTristate(o, "fixed-settings", io->fixedSettings);
    if (io->frequency)
        vrQemuJSONUInt(o, "frequency", io->frequency);
    if (io->channels)
        vrQemuJSONUInt(o, "channels", io->channels);
    if (io->format)
        vrQemuJSONStr(o, "format", vrDomainAudioFormatTypeToString(io->format));
    if (io->voices)
        vrQemuJSONUInt(o, "voices", io->voices);
    if (io->bufferLength)
        vrQemuJSONUInt(o, "buffer-length", io->bufferLength);
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_ALSA || audio->type == VR_DOMAIN_AUDIO_TYPE_OSS)
        vrQemuJSONStr(o, "dev", io->dev);
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_OSS) {
        if (io->bufferCount)
            vrQemuJSONUInt(o, "buffer-count", io->bufferCount);
        vrQemuJSONTristate(o, "try-poll", io->tryPoll);
    }
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_JACK) {
        vrQemuJSONStr(o, "server-name", io->serverName);
        vrQemuJSONStr(o, "client-name", io->clientName);
        vrQemuJSONStr(o, "connect-ports", io->connectPorts);
        vrQemuJSONTristate(o, "exact-name", io->exactName);
    }
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO) {
        vrQemuJSONStr(o, "name", io->name);
        vrQemuJSONStr(o, "stream-name", io->streamName);
        if (io->latency)
            vrQemuJSONUInt(o, "latency", io->latency);
    }
    return o;
}

static int
vrQemuBuildAudiodev(vrQemuBuild *b, const vrDomainAudioDef *audio)
{
    const char *driver = audio->type < VR_DOMAIN_AUDIO_TYPE_LAST ? vrQemuAudioDrivers[audio->type] : NULL;
    g_autofree char *id = g_strdup_printf("audio%u", audio->id);
    json_object *o;

    if (!driver) {
        vrQemuUnsupported(b, "audio type '%s'", vrDomainAudioTypeToString(audio->type));
        return -1;
    }
    o = vrQemuJSONObj("id", id);
    vrQemuJSONStr(o, "driver", driver);
    if (audio->timerPeriod)
        vrQemuJSONUInt(o, "timer-period", audio->timerPeriod);
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO)
        vrQemuJSONStr(o, "server", audio->serverName);
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_FILE)
        vrQemuJSONStr(o, "path", audio->path);
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_OSS) {
        vrQemuJSONTristate(o, "try-mmap", audio->tryMMap);
        vrQemuJSONTristate(o, "exclusive", audio->exclusive);
        if (audio->dspPolicySet)
            vrQemuJSONInt(o, "dsp-policy", audio->dspPolicy);
    }
    if (audio->type == VR_DOMAIN_AUDIO_TYPE_SDL && audio->sdlDriver)
        vrQemuBuildEnv(b, "SDL_AUDIODRIVER", audio->sdlDriver);
    if (audio->hasInput)
        vrQemuJSONAdd(o, "in", vrQemuAudioDirection(audio, &audio->input));
    if (audio->hasOutput)
        vrQemuJSONAdd(o, "out", vrQemuAudioDirection(audio, &audio->output));
    vrQemuBuildArgJSON(b, "-audiodev", o);
    return 0;
}

/* ---- VNC --------------------------------------------------------------- */

static int
vrQemuVNCListen(vrQemuBuild *b, const vrDomainGraphicsDef *g, GString *s)
{
    const vrDomainGraphicsListenDef *l = g->nlistens ? &g->listens[0] : NULL;
    const char *addr = l && l->address ? l->address
                       : b->p->cfg && b->p->cfg->vncListen ? b->p->cfg->vncListen : "127.0.0.1";
    int port = g->port > 0 ? g->port : b->p->vncPort;

    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET) {
        g_autofree char *path = l->socket ? g_strdup(l->socket) : g_build_filename(b->domainDir, "vnc.sock", NULL);
        g_autofree char *unix_ = g_strdup_printf("unix:%s", path);
        vrQemuKeyvalBare(s, unix_);
        return 0;
    }
    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_NONE) {
        vrQemuKeyvalBare(s, "none");
        return 0;
    }
    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK) {
        vrQemuRefuse(b, "VNC listen on network '%s' was not resolved to an address before the start",
                     l->network ? l->network : "");
        return -1;
    }
    if (port > 0 && port < 5900) {
        vrQemuRefuse(b, "VNC port %d is below 5900", port);
        return -1;
    }
    {
        /* without a port the driver picked, QEMU takes the first free display */
        g_autofree char *hostport = strchr(addr, ':')
            ? g_strdup_printf("[%s]:%d", addr, port > 0 ? port - 5900 : 0)
            : g_strdup_printf("%s:%d", addr, port > 0 ? port - 5900 : 0);
        vrQemuKeyvalBare(s, hostport);
        if (port <= 0)
            vrQemuKeyval(s, "to", "99");
    }
    return 0;
}

static int
vrQemuBuildVNC(vrQemuBuild *b, const vrDomainGraphicsDef *g)
{
    static const char *const shares[] = { NULL, "allow-exclusive", "force-shared", "ignore" };
    g_autoptr(GString) s = g_string_new(NULL);
    int audio = g->audioId ? g->audioId : b->audioId;

    if (vrQemuVNCListen(b, g, s) < 0)
        return -1;
    if (g->hasWebsocket && g->websocket > 0)
        vrQemuKeyvalFormat(s, "websocket", "%d", g->websocket);
    else if (g->hasWebsocket && g->websocket < 0) {
        vrQemuRefuse(b, "%s", "VNC websocket port -1 (automatic) was not resolved before the start");
        return -1;
    }
    if (g->sharePolicy)
        vrQemuKeyval(s, "share", shares[g->sharePolicy]);
    if (g->passwd)
        vrQemuKeyval(s, "password", "on");
    if (g->powerControl == VR_TRISTATE_ON)
        vrQemuKeyval(s, "power-control", "on");
    if (audio)
        vrQemuKeyvalFormat(s, "audiodev", "audio%d", audio);
    vrQemuBuildArgPair(b, "-vnc", s->str);
    if (g->keymap)
        vrQemuBuildArgPair(b, "-k", g->keymap);
    return 0;
}

/* ---- SPICE ------------------------------------------------------------- */

static const char *const vrQemuSpiceImage[] = { NULL, "auto_glz", "auto_lz", "quic", "glz", "lz", "off" };
static const char *const vrQemuSpiceJpeg[] = { NULL, "auto", "never", "always" };
static const char *const vrQemuSpiceStreaming[] = { NULL, "filter", "all", "off" };

static int
vrQemuSpiceListen(vrQemuBuild *b, const vrDomainGraphicsDef *g, GString *s)
{
    const vrDomainGraphicsListenDef *l = g->nlistens ? &g->listens[0] : NULL;
    int port = g->port > 0 ? g->port : g->autoport ? b->p->spicePort : 0;

    if (g->hasTLSPort && g->tlsPort != 0) {
        vrQemuRefuse(b, "%s", "SPICE TLS needs certificates this driver does not configure");
        return -1;
    }
    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_SOCKET) {
        g_autofree char *path = l->socket ? g_strdup(l->socket) : g_build_filename(b->domainDir, "spice.sock", NULL);
        vrQemuKeyval(s, "unix", "on");
        vrQemuKeyval(s, "addr", path);
        return 0;
    }
    if (l && l->type == VR_DOMAIN_GRAPHICS_LISTEN_NETWORK) {
        vrQemuRefuse(b, "SPICE listen on network '%s' was not resolved to an address before the start",
                     l->network ? l->network : "");
        return -1;
    }
    if (g->autoport && port <= 0) {
        vrQemuRefuse(b, "%s", "SPICE autoport needs a port chosen by the driver before the start");
        return -1;
    }
    vrQemuKeyvalFormat(s, "port", "%d", port > 0 ? port : 0);
    if (port > 0 && (!l || l->type == VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS))
        vrQemuKeyval(s, "addr", l && l->address ? l->address
                     : b->p->cfg && b->p->cfg->spiceListen ? b->p->cfg->spiceListen : "127.0.0.1");
    return 0;
}

static int
vrQemuBuildSpice(vrQemuBuild *b, const vrDomainGraphicsDef *g)
{
    g_autoptr(GString) s = g_string_new(NULL);
    size_t i;

    if (!vrQemuCapsHasOption(b->p->caps, "spice")) {
        vrQemuUnsupported(b, "%s", "graphics type 'spice'");
        return -1;
    }
    for (i = 0; i < VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_LAST; i++) {
        if (g->channels[i] == VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_SECURE ||
            g->defaultMode == VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_SECURE) {
            vrQemuRefuse(b, "%s", "SPICE secure channels need TLS certificates this driver does not configure");
            return -1;
        }
    }
    if (vrQemuSpiceListen(b, g, s) < 0)
        return -1;
    if (!g->passwd)
        vrQemuKeyval(s, "disable-ticketing", "on");
    if (g->image)
        vrQemuKeyval(s, "image-compression", vrQemuSpiceImage[g->image]);
    if (g->jpeg)
        vrQemuKeyval(s, "jpeg-wan-compression", vrQemuSpiceJpeg[g->jpeg]);
    if (g->zlib)
        vrQemuKeyval(s, "zlib-glz-wan-compression", vrQemuSpiceJpeg[g->zlib]);
    if (g->playback != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "playback-compression", g->playback == VR_TRISTATE_ON ? "on" : "off");
    if (g->streaming)
        vrQemuKeyval(s, "streaming-video", vrQemuSpiceStreaming[g->streaming]);
    if (g->mousemode)
        vrQemuKeyval(s, "agent-mouse", g->mousemode == VR_DOMAIN_MOUSE_MODE_CLIENT ? "on" : "off");
    if (g->copypaste == VR_TRISTATE_OFF)
        vrQemuKeyval(s, "disable-copy-paste", "on");
    if (g->filetransfer == VR_TRISTATE_OFF)
        vrQemuKeyval(s, "disable-agent-file-xfer", "on");
    if (g->gl == VR_TRISTATE_ON) {
        vrQemuKeyval(s, "gl", "on");
        if (g->rendernode)
            vrQemuKeyval(s, "rendernode", g->rendernode);
    }
    vrQemuKeyval(s, "seamless-migration", "on");
    vrQemuBuildArgPair(b, "-spice", s->str);
    return 0;
}

/* ---- local displays ------------------------------------------------ */

static int
vrQemuBuildLocalDisplay(vrQemuBuild *b, const vrDomainGraphicsDef *g)
{
    g_autoptr(GString) s = g_string_new(NULL);

    switch ((vrDomainGraphicsType)g->type) {
    case VR_DOMAIN_GRAPHICS_TYPE_SDL:
        vrQemuKeyvalBare(s, "sdl");
        if (g->gl == VR_TRISTATE_ON)
            vrQemuKeyval(s, "gl", "on");
        if (g->display)
            vrQemuBuildEnv(b, "DISPLAY", g->display);
        if (g->xauth)
            vrQemuBuildEnv(b, "XAUTHORITY", g->xauth);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
        vrQemuKeyvalBare(s, "egl-headless");
        if (g->rendernode)
            vrQemuKeyval(s, "rendernode", g->rendernode);
        break;
    case VR_DOMAIN_GRAPHICS_TYPE_DBUS:
        vrQemuKeyvalBare(s, "dbus");
        if (g->dbusAddress)
            vrQemuKeyval(s, "addr", g->dbusAddress);
        if (g->dbusP2P)
            vrQemuKeyval(s, "p2p", "on");
        if (g->gl == VR_TRISTATE_ON)
            vrQemuKeyval(s, "gl", "on");
        if (g->rendernode)
            vrQemuKeyval(s, "rendernode", g->rendernode);
        break;
    default:
        vrQemuUnsupported(b, "graphics type '%s'", vrDomainGraphicsTypeToString(g->type));
        return -1;
    }
    vrQemuBuildArgPair(b, "-display", s->str);
    if (g->type == VR_DOMAIN_GRAPHICS_TYPE_SDL && g->fullscreen)
        vrQemuBuildArg(b, "-full-screen");
    return 0;
}

int
vrQemuBuildAudioAndGraphics(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    size_t i;
    int rc = 0;

    for (i = 0; i < def->naudios; i++) {
        if (vrQemuBuildAudiodev(b, def->audios[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->ngraphics && rc == 0; i++) {
        const vrDomainGraphicsDef *g = def->graphics[i];
        if (g->type == VR_DOMAIN_GRAPHICS_TYPE_VNC)
            rc = vrQemuBuildVNC(b, g);
        else if (g->type == VR_DOMAIN_GRAPHICS_TYPE_SPICE)
            rc = vrQemuBuildSpice(b, g);
        else
            rc = vrQemuBuildLocalDisplay(b, g);
    }
    return rc;
}

/* ---- video ------------------------------------------------------------ */

static const char *
vrQemuVideoDriver(const vrDomainVideoDef *v, bool primary)
{
    bool gl = v->accel3d == VR_TRISTATE_ON;

    switch ((vrDomainVideoType)v->type) {
    case VR_DOMAIN_VIDEO_TYPE_VGA: return primary ? "VGA" : "secondary-vga";
    case VR_DOMAIN_VIDEO_TYPE_CIRRUS: return primary ? "cirrus-vga" : NULL;
    case VR_DOMAIN_VIDEO_TYPE_VMVGA: return primary ? "vmware-svga" : NULL;
    case VR_DOMAIN_VIDEO_TYPE_QXL: return primary ? "qxl-vga" : "qxl";
    case VR_DOMAIN_VIDEO_TYPE_VIRTIO:
        if (primary)
            return gl ? "virtio-vga-gl" : "virtio-vga";
        return gl ? "virtio-gpu-gl-pci" : "virtio-gpu-pci";
    case VR_DOMAIN_VIDEO_TYPE_BOCHS: return "bochs-display";
    case VR_DOMAIN_VIDEO_TYPE_RAMFB: return "ramfb";
    default: break;
    }
    return NULL;
}

static void
vrQemuVideoProps(json_object *dev, const vrDomainVideoDef *v)
{
    switch ((vrDomainVideoType)v->type) {
    case VR_DOMAIN_VIDEO_TYPE_VGA:
    case VR_DOMAIN_VIDEO_TYPE_VMVGA:
        if (v->vram)
            vrQemuJSONUInt(dev, "vgamem_mb", v->vram / 1024);
        break;
    case VR_DOMAIN_VIDEO_TYPE_QXL:
        vrQemuJSONUInt(dev, "max_outputs", v->heads ? v->heads : 1);
        if (v->ram)
            vrQemuJSONUInt(dev, "ram_size", (unsigned long long)v->ram * 1024);
        if (v->vram)
            vrQemuJSONUInt(dev, "vram_size", (unsigned long long)v->vram * 1024);
        vrQemuJSONUInt(dev, "vram64_size_mb", v->vram64 / 1024);
        if (v->vgamem)
            vrQemuJSONUInt(dev, "vgamem_mb", v->vgamem / 1024);
        break;
    case VR_DOMAIN_VIDEO_TYPE_VIRTIO:
        vrQemuJSONUInt(dev, "max_outputs", v->heads ? v->heads : 1);
        vrQemuDeviceVirtioOptions(dev, &v->virtio);
        break;
    case VR_DOMAIN_VIDEO_TYPE_BOCHS:
        if (v->vram)
            vrQemuJSONUInt(dev, "vgamem", (unsigned long long)v->vram * 1024);
        break;
    default:
        break;
    }
    if (v->resolutionX) {
        vrQemuJSONUInt(dev, "xres", v->resolutionX);
        vrQemuJSONUInt(dev, "yres", v->resolutionY);
    }
}

static int
vrQemuBuildVideo(vrQemuBuild *b, const vrDomainVideoDef *v, size_t idx)
{
    const char *driver;
    g_autofree char *what = g_strdup_printf("video model '%s'%s", vrDomainVideoTypeToString(v->type),
                                            idx ? " as a secondary card" : "");
    json_object *dev;

    if (v->type == VR_DOMAIN_VIDEO_TYPE_NONE)
        return 0;
    if (v->backend == VR_DOMAIN_VIDEO_BACKEND_VHOSTUSER) {
        vrQemuRefuse(b, "%s", "video with the vhost-user driver needs a rendering daemon this driver "
                     "does not start");
        return -1;
    }
    if (!(driver = vrQemuVideoDriver(v, v->primary || idx == 0))) {
        vrQemuUnsupported(b, "%s", what);
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, what)))
        return -1;
    vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_VIDEO, v, &v->info));
    vrQemuVideoProps(dev, v);
    if (vrQemuDeviceAddress(b, dev, &v->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

int
vrQemuBuildVideos(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nvideos; i++) {
        if (vrQemuBuildVideo(b, b->def->videos[i], i) < 0)
            return -1;
    }
    return 0;
}

/* ---- sound ------------------------------------------------------------ */

static int
vrQemuSoundAudio(vrQemuBuild *b, const vrDomainSoundDef *s)
{
    return s->audioId ? (int)s->audioId : b->audioId;
}

static int
vrQemuBuildHDACodecs(vrQemuBuild *b, const vrDomainSoundDef *s, const char *alias)
{
    static const char *const codecs[] = { "hda-duplex", "hda-micro", "hda-output" };
    int dflt = VR_DOMAIN_SOUND_CODEC_DUPLEX;
    size_t n = s->ncodecs ? s->ncodecs : 1, i;

    for (i = 0; i < n; i++) {
        int type = s->ncodecs ? s->codecs[i] : dflt;
        g_autofree char *id = g_strdup_printf("%s-codec%zu", alias, i);
        g_autofree char *bus = g_strdup_printf("%s.0", alias);
        g_autofree char *audio = g_strdup_printf("audio%d", vrQemuSoundAudio(b, s));
        json_object *dev = vrQemuDeviceNew(b, codecs[type], "sound codec");
        if (!dev)
            return -1;
        vrQemuJSONStr(dev, "id", id);
        vrQemuJSONStr(dev, "bus", bus);
        vrQemuJSONUInt(dev, "cad", i);
        if (vrQemuSoundAudio(b, s))
            vrQemuJSONStr(dev, "audiodev", audio);
        vrQemuBuildDevice(b, dev);
    }
    return 0;
}

static const char *
vrQemuSoundDriver(int model)
{
    switch ((vrDomainSoundModel)model) {
    case VR_DOMAIN_SOUND_MODEL_SB16: return "sb16";
    case VR_DOMAIN_SOUND_MODEL_ES1370: return "ES1370";
    case VR_DOMAIN_SOUND_MODEL_AC97: return "AC97";
    case VR_DOMAIN_SOUND_MODEL_ICH6: return "intel-hda";
    case VR_DOMAIN_SOUND_MODEL_ICH9: return "ich9-intel-hda";
    case VR_DOMAIN_SOUND_MODEL_USB: return "usb-audio";
    case VR_DOMAIN_SOUND_MODEL_PCSPK:
    case VR_DOMAIN_SOUND_MODEL_ICH7:
    case VR_DOMAIN_SOUND_MODEL_LAST:
        break;
    }
    return NULL;
}

static int
vrQemuBuildSound(vrQemuBuild *b, const vrDomainSoundDef *s)
{
    bool hda = s->model == VR_DOMAIN_SOUND_MODEL_ICH6 || s->model == VR_DOMAIN_SOUND_MODEL_ICH9;
    const char *driver = vrQemuSoundDriver(s->model);
    g_autofree char *what = g_strdup_printf("sound model '%s'", vrDomainSoundModelTypeToString(s->model));
    const char *alias;
    json_object *dev;

    if (s->model == VR_DOMAIN_SOUND_MODEL_PCSPK)
        return 0;             /* the machine's speaker, wired up in -machine */
    if (!driver) {
        vrQemuUnsupported(b, "%s", what);
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, what)))
        return -1;
    alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_SOUND, s, &s->info);
    vrQemuJSONStr(dev, "id", alias);
    if (!hda && vrQemuSoundAudio(b, s)) {
        g_autofree char *audio = g_strdup_printf("audio%d", vrQemuSoundAudio(b, s));
        vrQemuJSONStr(dev, "audiodev", audio);
    }
    if (s->model == VR_DOMAIN_SOUND_MODEL_USB && s->multichannel == VR_TRISTATE_ON)
        vrQemuJSONBool(dev, "multi", true);
    if (vrQemuDeviceAddress(b, dev, &s->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return hda ? vrQemuBuildHDACodecs(b, s, alias) : 0;
}

int
vrQemuBuildSounds(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nsounds; i++) {
        if (vrQemuBuildSound(b, b->def->sounds[i]) < 0)
            return -1;
    }
    return 0;
}
