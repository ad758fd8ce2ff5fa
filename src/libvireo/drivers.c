/*
 * drivers.c: the drivers every program linking libvireo gets.
 */
#include <config.h>

#include "libvireo.h"
#include "qemu/qemu_driver.h"
#include "remote/remote_driver.h"
#include "test/test_driver.h"

void
vrRegisterBuiltinDrivers(void)
{
    testRegister();
    /* qemu:///embed in any process, qemu:///system inside vireod; the
     * remote driver takes qemu:///system elsewhere */
    vrQemuRegister();
    remoteRegister();
}
