// The C side of bench-wire: the same work as our codec's wireEncoded() and
// init(wireEncoded:) loops, done by libprotobuf-c.
#include "CWireBaseline.h"

ProtobufCMessage *cwb_unpack_message(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes,
                                     size_t length) {
    return protobuf_c_message_unpack(descriptor, NULL, length, bytes);
}

void cwb_free_message(ProtobufCMessage *message) {
    protobuf_c_message_free_unpacked(message, NULL);
}

uint64_t cwb_pack_loop(const ProtobufCMessage *message, uint8_t *buffer, uint64_t iterations) {
    uint64_t written = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        written += protobuf_c_message_pack(message, buffer);
    }
    return written;
}

uint64_t cwb_unpack_loop(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length,
                         uint64_t iterations) {
    uint64_t decoded = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, NULL, length, bytes);
        if (message != NULL) {
            decoded++;
            protobuf_c_message_free_unpacked(message, NULL);
        }
    }
    return decoded;
}
