/* Preloaded into migsim by the end-to-end tests (LD_PRELOAD): raises the signal whose number is in
 * MIGSIM_TEST_SIGNAL at the moment MIGSIM_TEST_SIGNAL_AT names, so that an interrupt lands at the
 * worst moment every time, without timing:
 *   fsync:N      at the N-th fsync() (1: the temporary output written in full, not yet renamed;
 *                2: the output renamed, its folder being synced)
 *   rename       right after the temporary output is renamed into place
 *   temporary:N  right after the N-th file named *.tmp-* is created (1: the probe of the output's
 *                folder before the run; 2: the temporary output) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counted(const char* what) {
    static int fsyncs, temporaries;
    const char* at = getenv("MIGSIM_TEST_SIGNAL_AT");
    const char* number = getenv("MIGSIM_TEST_SIGNAL");
    if (at == NULL || number == NULL)
        return 0;
    const size_t length = strlen(what);
    if (strncmp(at, what, length) != 0)
        return 0;
    if (at[length] == '\0')
        return atoi(number);
    const int wanted = at[length] == ':' ? atoi(at + length + 1) : -1;
    const int count = strcmp(what, "fsync") == 0 ? ++fsyncs : ++temporaries;
    return count == wanted ? atoi(number) : 0;
}

int fsync(int fd) {
    int (*real_fsync)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    const int signal_number = counted("fsync");
    if (signal_number != 0)
        raise(signal_number);
    return real_fsync(fd);
}

int rename(const char* from, const char* to) {
    int (*real_rename)(const char*, const char*) =
        (int (*)(const char*, const char*))dlsym(RTLD_NEXT, "rename");
    const int result = real_rename(from, to);
    const int signal_number = counted("rename");
    if (result == 0 && signal_number != 0)
        raise(signal_number);
    return result;
}

static int opened(const char* path, int flags, int fd) {
    if (fd >= 0 && (flags & O_CREAT) && strstr(path, ".tmp-") != NULL) {
        const int signal_number = counted("temporary");
        if (signal_number != 0)
            raise(signal_number);
    }
    return fd;
}

int open(const char* path, int flags, ...) {
    int (*real_open)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, "open");
    va_list arguments;
    va_start(arguments, flags);
    const int mode = (flags & O_CREAT) ? va_arg(arguments, int) : 0;
    va_end(arguments);
    return opened(path, flags, real_open(path, flags, mode));
}

int open64(const char* path, int flags, ...) {
    int (*real_open)(const char*, int, ...) = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, "open64");
    va_list arguments;
    va_start(arguments, flags);
    const int mode = (flags & O_CREAT) ? va_arg(arguments, int) : 0;
    va_end(arguments);
    return opened(path, flags, real_open(path, flags, mode));
}
