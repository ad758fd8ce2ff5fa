/*
 * drivers.c: the drivers every program linking libvireo gets.
 */
#include <config.h>

#include "libvireo.h"
#include "remote/remote_driver.h"
#include "test/test_driver.h"

void
vrRegisterBuiltinDrivers(void)
{
    testRegister();
    remoteRegister();
}
