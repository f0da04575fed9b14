// The C side of Tools/bench-rpc: a minimal length-prefixed echo server over epoll
// (the floor our RPC server is measured against) and the load generator that drives
// both servers identically.
#ifndef CECHOBASELINE_H
#define CECHOBASELINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ceb_server ceb_server;

/// Starts an echo server on 127.0.0.1, port chosen by the kernel, with `threads`
/// epoll threads. Every frame (4-byte big-endian length, then the body) is sent back
/// unchanged. Returns NULL on failure.
ceb_server *ceb_server_start(int threads, int *port_out);
void ceb_server_stop(ceb_server *server);

enum {
    /// Body = 8-byte call id + payload: what the echo server answers unchanged.
    CEB_MODE_ECHO = 0,
    /// Body = protobuf field 1 (call_id, varint) + `request_tail` (the rest of an
    /// encoded sotay.rpc.v1.Frame); responses are Frames whose field 1 is the call id
    /// and which carry no field 7 (status) when they succeed.
    CEB_MODE_RPC = 1,
};

typedef struct {
    int port;
    int connections;
    /// Calls kept outstanding on each connection (a closed loop).
    int in_flight_per_connection;
    int mode;
    /// ECHO: the payload after the id. RPC: the encoded Frame fields after call_id.
    const uint8_t *request_tail;
    size_t request_tail_length;
    /// The CPU to pin the load generator's thread to, or -1 to let it float.
    int pin_cpu;
    double warmup_seconds;
    double duration_seconds;
    /// Latency samples of the measured window, nanoseconds; recording stops when full.
    uint64_t *latencies;
    size_t latency_capacity;
} ceb_load_config;

typedef struct {
    uint64_t calls;
    uint64_t errors;
    size_t latency_count;
    double elapsed_seconds;
    /// CPU time the load generator's own thread used in the measured window.
    double client_cpu_seconds;
} ceb_load_result;

/// Runs the closed-loop load on the calling thread. Returns 0, or -1 when a
/// connection could not be made or broke.
int ceb_run_load(const ceb_load_config *config, ceb_load_result *result);

/// Restricts the calling thread (and threads it creates later) to one CPU.
void ceb_pin_current_thread(int cpu);

/// CPU seconds (user + system) used so far by the whole process.
double ceb_process_cpu_seconds(void);

#endif
