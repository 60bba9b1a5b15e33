/* Reading the step's request and writing whole buffers, with nothing but read(0) and write(1|2)
 * and memory calls, so it works after the filter. */
#include "runner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void request_read(struct request *out) {
    size_t capacity = 1 << 16;
    size_t length = 0;
    char *bytes = malloc(capacity);
    if (!bytes) die("out of memory reading the request");
    for (;;) {
        if (length == capacity) {
            capacity *= 2;
            char *grown = realloc(bytes, capacity);
            if (!grown) die("out of memory reading the request (%zu bytes so far)", length);
            bytes = grown;
        }
        ssize_t got = read(0, bytes + length, capacity - length);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            die("reading the request from stdin failed: %s", strerror(errno));
        }
        length += (size_t)got;
    }
    out->bytes = bytes;
    out->length = length;
}

void write_all(int fd, const void *bytes, size_t length) {
    const char *at = bytes;
    while (length) {
        ssize_t put = write(fd, at, length);
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return;
        at += put;
        length -= (size_t)put;
    }
}
