/* Preloaded into migsim by the end-to-end tests (LD_PRELOAD): at the first fsync(), when the
 * temporary output file is written in full but not yet renamed, raises the signal whose number is
 * in MIGSIM_TEST_SIGNAL_ON_FSYNC. A Ctrl-C at the worst moment, every time, without timing. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>

int fsync(int fd) {
    int (*real_fsync)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    const char* signal_number = getenv("MIGSIM_TEST_SIGNAL_ON_FSYNC");
    if (signal_number != NULL)
        raise(atoi(signal_number));
    return real_fsync(fd);
}
