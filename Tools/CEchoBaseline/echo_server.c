// A minimal length-prefixed echo server over epoll: the floor for bench-rpc. One
// acceptor thread hands connections round-robin to `threads` loop threads; each loop
// reads what is available, echoes every complete frame, and writes once per read.
#define _GNU_SOURCE
#include "CEchoBaseline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct {
    int fd;
    uint8_t *in;
    size_t in_len, in_cap;
    uint8_t *out;
    size_t out_len, out_cap, out_off;
    int watching_out;  // EPOLLOUT is in the interest set: only while output is stuck
} conn;

typedef struct {
    int epfd;
    int stopfd;
    pthread_t thread;
} loop;

struct ceb_server {
    int listen_fd;
    int stopfd;
    int threads;
    loop *loops;
    pthread_t acceptor;
};

static void reserve(uint8_t **buf, size_t *cap, size_t need) {
    if (*cap >= need) return;
    size_t n = *cap ? *cap : 65536;
    while (n < need) n *= 2;
    *buf = realloc(*buf, n);
    *cap = n;
}

static void close_conn(int epfd, conn *c) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

// Adds or removes EPOLLOUT, with a syscall only when that changes: a batch that
// leaves in one send costs no epoll_ctl.
static int watch_out(int epfd, conn *c, int on) {
    if (c->watching_out == on) return 0;
    c->watching_out = on;
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
    return epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static int flush_out(int epfd, conn *c) {
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

static int on_readable(conn *c) {
    for (;;) {
        reserve(&c->in, &c->in_cap, c->in_len + 65536);
        ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        if (n <= 0) return -1;
        c->in_len += (size_t)n;
        size_t off = 0;
        while (c->in_len - off >= 4) {
            uint32_t len = (uint32_t)c->in[off] << 24 | (uint32_t)c->in[off + 1] << 16 |
                           (uint32_t)c->in[off + 2] << 8 | c->in[off + 3];
            if (c->in_len - off < 4 + (size_t)len) break;
            reserve(&c->out, &c->out_cap, c->out_len + 4 + len);
            memcpy(c->out + c->out_len, c->in + off, 4 + len);
            c->out_len += 4 + len;
            off += 4 + len;
        }
        memmove(c->in, c->in + off, c->in_len - off);
        c->in_len -= off;
        if ((size_t)n < 65536) return 0;
    }
}

static void *loop_main(void *arg) {
    loop *l = arg;
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(l->epfd, events, 256, -1);
        for (int i = 0; i < n; i++) {
            if (events[i].data.ptr == NULL) return NULL;  // the stop eventfd
            conn *c = events[i].data.ptr;
            if ((events[i].events & EPOLLOUT) && flush_out(l->epfd, c) < 0) { close_conn(l->epfd, c); continue; }
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                if (on_readable(c) < 0 || flush_out(l->epfd, c) < 0) close_conn(l->epfd, c);
            }
        }
    }
}

static void *acceptor_main(void *arg) {
    ceb_server *s = arg;
    int next = 0;
    for (;;) {
        int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return NULL;  // the listening socket was shut down
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn *c = calloc(1, sizeof *c);
        c->fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(s->loops[next].epfd, EPOLL_CTL_ADD, fd, &ev);
        next = (next + 1) % s->threads;
    }
}

ceb_server *ceb_server_start(int threads, int *port_out) {
    ceb_server *s = calloc(1, sizeof *s);
    s->threads = threads;
    s->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    if (bind(s->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s->listen_fd, 1024) != 0 ||
        getsockname(s->listen_fd, (struct sockaddr *)&addr, &len) != 0) {
        close(s->listen_fd);
        free(s);
        return NULL;
    }
    *port_out = ntohs(addr.sin_port);
    s->stopfd = eventfd(0, EFD_CLOEXEC);
    s->loops = calloc((size_t)threads, sizeof(loop));
    for (int i = 0; i < threads; i++) {
        s->loops[i].epfd = epoll_create1(EPOLL_CLOEXEC);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
        epoll_ctl(s->loops[i].epfd, EPOLL_CTL_ADD, s->stopfd, &ev);
        pthread_create(&s->loops[i].thread, NULL, loop_main, &s->loops[i]);
    }
    pthread_create(&s->acceptor, NULL, acceptor_main, s);
    return s;
}

void ceb_server_stop(ceb_server *s) {
    shutdown(s->listen_fd, SHUT_RDWR);
    pthread_join(s->acceptor, NULL);
    close(s->listen_fd);
    uint64_t one = 1;
    ssize_t ignored = write(s->stopfd, &one, sizeof one);
    (void)ignored;
    for (int i = 0; i < s->threads; i++) {
        pthread_join(s->loops[i].thread, NULL);
        close(s->loops[i].epfd);
    }
    close(s->stopfd);
    free(s->loops);
    free(s);
}
