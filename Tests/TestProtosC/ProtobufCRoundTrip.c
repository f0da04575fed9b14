// libprotobuf-c's half of the conformance round trips. Every unpacked message is freed
// with protobuf_c_message_free_unpacked before returning.
#include "ProtobufCRoundTrip.h"
#include "CheckedAlloc.h"
#include "ProtobufCText.h"
#include "sotay/test/v1/bench.pb-c.h"
#include "sotay/test/v1/conformance.pb-c.h"

const ProtobufCMessageDescriptor *tpc_all_types_descriptor(void) {
    return &sotay__test__v1__all_types__descriptor;
}

const ProtobufCMessageDescriptor *tpc_news_item_summary_descriptor(void) {
    return &sotay__test__v1__news_item_summary__descriptor;
}

const ProtobufCMessageDescriptor *tpc_member_profile_descriptor(void) {
    return &sotay__test__v1__member_profile__descriptor;
}

char *tpc_unpack_text(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length) {
    ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, NULL, length, bytes);
    if (message == NULL) return NULL;
    char *text = tpc_canonical_text(message);
    protobuf_c_message_free_unpacked(message, NULL);
    return text;
}

uint8_t *tpc_repack(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length,
                    size_t *packed_length) {
    ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, NULL, length, bytes);
    if (message == NULL) return NULL;
    uint8_t *packed = tpc_checked_realloc(NULL, protobuf_c_message_get_packed_size(message));
    *packed_length = protobuf_c_message_pack(message, packed);
    protobuf_c_message_free_unpacked(message, NULL);
    return packed;
}

void tpc_free(void *pointer) {
    free(pointer);
}
