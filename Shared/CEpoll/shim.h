// The Linux event and socket calls the RPC transport needs that Glibc's Swift module
// does not export: epoll and eventfd live in headers outside it, and accept4 and
// RUSAGE_THREAD are declared only under _GNU_SOURCE, which a module cannot set for
// headers that belong to another module.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>

int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

/// RUSAGE_THREAD from <sys/resource.h> (Linux): CPU time of the calling thread only.
static const int CEPOLL_RUSAGE_THREAD = 1;
