/* pipe_echo: the floor of the MCP round-trip benchmark. Reads stdin and writes every
 * complete line straight back to stdout, unbuffered (one write per read that ended a line):
 * a JSON-line round trip with no JSON work at all. Built by Benchmarks/run with cc -O2. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

static char buffer[1 << 16];

int main(void) {
    size_t used = 0;
    for (;;) {
        ssize_t n = read(0, buffer + used, sizeof buffer - used);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        used += (size_t)n;
        char *end = memrchr(buffer, '\n', used);
        if (!end && used < sizeof buffer) continue;
        size_t whole = end ? (size_t)(end - buffer) + 1 : used;
        for (size_t off = 0; off < whole;) {
            ssize_t w = write(1, buffer + off, whole - off);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) return 1;
            off += (size_t)w;
        }
        memmove(buffer, buffer + whole, used - whole);
        used -= whole;
    }
}
