// The load generator of bench-rpc: one thread, epoll over N connections, each kept
// at a fixed number of outstanding calls (a closed loop). It drives the C echo server
// and the Swift RPC server with the same code; only the request body differs (see
// CEB_MODE_*). Every response read in one pass is answered by new requests written
// in one send, as a real pipelining client does.
#define _GNU_SOURCE
#include "CEchoBaseline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    uint8_t *in;
    size_t in_len, in_cap;
    uint8_t *out;
    size_t out_len, out_cap, out_off;
    int watching_out;  // EPOLLOUT is in the interest set: only while output is stuck
    uint64_t *sent_at;   // per slot
    uint64_t *sequence;  // per slot
} client_conn;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static double thread_cpu(void) {
    struct rusage u;
    getrusage(RUSAGE_THREAD, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

void ceb_pin_current_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

double ceb_process_cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static void reserve(uint8_t **buf, size_t *cap, size_t need) {
    if (*cap >= need) return;
    size_t n = *cap ? *cap : 65536;
    while (n < need) n *= 2;
    *buf = realloc(*buf, n);
    *cap = n;
}

static size_t put_varint(uint8_t *p, uint64_t v) {
    size_t i = 0;
    while (v >= 0x80) { p[i++] = (uint8_t)(v | 0x80); v >>= 7; }
    p[i++] = (uint8_t)v;
    return i;
}

static int get_varint(const uint8_t *p, size_t len, size_t *off, uint64_t *v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && *off < len; shift += 7) {
        uint8_t b = p[(*off)++];
        r |= (uint64_t)(b & 0x7F) << shift;
        if (b < 0x80) { *v = r; return 0; }
    }
    return -1;
}

static void append_request(client_conn *c, const ceb_load_config *cfg, uint64_t id) {
    size_t max = 4 + 11 + 8 + cfg->request_tail_length;
    reserve(&c->out, &c->out_cap, c->out_len + max);
    uint8_t *frame = c->out + c->out_len;
    size_t body = 0;
    if (cfg->mode == CEB_MODE_ECHO) {
        memcpy(frame + 4, &id, 8);
        body = 8;
    } else {
        frame[4] = 0x08;  // field 1, varint: call_id
        body = 1 + put_varint(frame + 5, id);
    }
    memcpy(frame + 4 + body, cfg->request_tail, cfg->request_tail_length);
    body += cfg->request_tail_length;
    frame[0] = (uint8_t)(body >> 24); frame[1] = (uint8_t)(body >> 16);
    frame[2] = (uint8_t)(body >> 8); frame[3] = (uint8_t)body;
    c->out_len += 4 + body;
}

/// The call id of a response body, and whether it reports a failure.
static int parse_response(const ceb_load_config *cfg, const uint8_t *p, size_t len, uint64_t *id, int *failed) {
    *failed = 0;
    if (cfg->mode == CEB_MODE_ECHO) {
        if (len < 8) return -1;
        memcpy(id, p, 8);
        return 0;
    }
    size_t off = 0;
    int found = 0;
    while (off < len) {
        uint64_t tag, v;
        if (get_varint(p, len, &off, &tag)) return -1;
        switch (tag & 7) {
        case 0:
            if (get_varint(p, len, &off, &v)) return -1;
            if ((tag >> 3) == 1) { *id = v; found = 1; }
            break;
        case 2:
            if (get_varint(p, len, &off, &v) || v > len - off) return -1;
            if ((tag >> 3) == 7) *failed = 1;  // a status on a response: the call failed
            off += v;
            break;
        case 1: off += 8; break;
        case 5: off += 4; break;
        default: return -1;
        }
    }
    return found ? 0 : -1;
}

// Adds or removes EPOLLOUT, with a syscall only when that changes: a batch that
// leaves in one send costs no epoll_ctl.
static int watch_out(int epfd, client_conn *c, int on) {
    if (c->watching_out == on) return 0;
    c->watching_out = on;
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
    return epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static int flush(int epfd, client_conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (n > 0) { c->out_off += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return watch_out(epfd, c, 1);
        return -1;
    }
    c->out_len = c->out_off = 0;
    return watch_out(epfd, c, 0);
}

int ceb_run_load(const ceb_load_config *cfg, ceb_load_result *result) {
    memset(result, 0, sizeof *result);
    // Pinned, so the scheduler cannot place the load generator on the server's core
    // in one run and beside it in the next.
    if (cfg->pin_cpu >= 0) ceb_pin_current_thread(cfg->pin_cpu);
    int k = cfg->in_flight_per_connection;
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    client_conn *conns = calloc((size_t)cfg->connections, sizeof(client_conn));
    int status = 0;
    for (int i = 0; i < cfg->connections; i++) {
        client_conn *c = &conns[i];
        c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port),
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0) { status = -1; goto done; }
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) != 0) { status = -1; goto done; }
        c->sent_at = calloc((size_t)k, sizeof(uint64_t));
        c->sequence = calloc((size_t)k, sizeof(uint64_t));
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
    }
    uint64_t start = now_ns();
    uint64_t measure_from = start + (uint64_t)(cfg->warmup_seconds * 1e9);
    uint64_t end = measure_from + (uint64_t)(cfg->duration_seconds * 1e9);
    double cpu_from = 0;
    int measuring = 0;
    for (int i = 0; i < cfg->connections; i++) {
        for (int slot = 0; slot < k; slot++) {
            conns[i].sent_at[slot] = now_ns();
            // Ids start at 1: a call id of 0 would not appear on the wire at all.
            append_request(&conns[i], cfg, (uint64_t)slot + 1);
        }
        if (flush(epfd, &conns[i]) < 0) { status = -1; goto done; }
    }
    struct epoll_event events[64];
    for (;;) {
        uint64_t now = now_ns();
        if (!measuring && now >= measure_from) { measuring = 1; cpu_from = thread_cpu(); result->calls = 0; }
        if (now >= end) break;
        int n = epoll_wait(epfd, events, 64, 100);
        for (int e = 0; e < n; e++) {
            client_conn *c = events[e].data.ptr;
            if ((events[e].events & EPOLLOUT) && flush(epfd, c) < 0) { status = -1; goto done; }
            if (!(events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            reserve(&c->in, &c->in_cap, c->in_len + 262144);
            ssize_t r = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
            if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (r <= 0) { status = -1; goto done; }
            c->in_len += (size_t)r;
            uint64_t received_at = now_ns();
            size_t off = 0;
            while (c->in_len - off >= 4) {
                uint32_t len = (uint32_t)c->in[off] << 24 | (uint32_t)c->in[off + 1] << 16 |
                               (uint32_t)c->in[off + 2] << 8 | c->in[off + 3];
                if (c->in_len - off < 4 + (size_t)len) break;
                uint64_t id;
                int failed;
                if (parse_response(cfg, c->in + off + 4, len, &id, &failed)) { status = -1; goto done; }
                off += 4 + len;
                uint64_t slot = (id - 1) % (uint64_t)k;
                if (measuring) {
                    result->calls++;
                    if (failed) result->errors++;
                    if (result->latency_count < cfg->latency_capacity)
                        cfg->latencies[result->latency_count++] = received_at - c->sent_at[slot];
                }
                c->sequence[slot]++;
                c->sent_at[slot] = received_at;
                append_request(c, cfg, c->sequence[slot] * (uint64_t)k + slot + 1);
            }
            memmove(c->in, c->in + off, c->in_len - off);
            c->in_len -= off;
            if (flush(epfd, c) < 0) { status = -1; goto done; }
        }
    }
    result->elapsed_seconds = (double)(now_ns() - measure_from) / 1e9;
    result->client_cpu_seconds = thread_cpu() - cpu_from;
done:
    for (int i = 0; i < cfg->connections; i++) {
        if (conns[i].fd > 0) close(conns[i].fd);
        free(conns[i].in);
        free(conns[i].out);
        free(conns[i].sent_at);
        free(conns[i].sequence);
    }
    free(conns);
    close(epfd);
    return status;
}
