// libprotobuf-c doing the work bench-wire measures our codec on, with the timing loops
// themselves in C so that the baseline pays no Swift call overhead per iteration.
#ifndef C_WIRE_BASELINE_H
#define C_WIRE_BASELINE_H

#include <protobuf-c/protobuf-c.h>
#include <stdint.h>

/// The message `length` bytes hold, unpacked once to be packed in a loop; NULL when
/// protobuf-c refuses the bytes. Free it with cwb_free_message.
ProtobufCMessage *cwb_unpack_message(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes,
                                     size_t length);

void cwb_free_message(ProtobufCMessage *message);

/// Packs `message` `iterations` times into `buffer`, which holds at least its packed
/// size. Returns the bytes written in all, so the work has a result.
uint64_t cwb_pack_loop(const ProtobufCMessage *message, uint8_t *buffer, uint64_t iterations);

/// Unpacks `length` bytes `iterations` times, freeing each message with
/// protobuf_c_message_free_unpacked. Returns how many unpacks succeeded.
uint64_t cwb_unpack_loop(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length,
                         uint64_t iterations);

#endif
