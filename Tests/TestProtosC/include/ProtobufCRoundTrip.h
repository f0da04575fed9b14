// What the Swift side calls to have libprotobuf-c read and write bytes: the test protos'
// descriptors, unpacking into canonical text, and unpacking then packing again.
#ifndef PROTOBUF_C_ROUND_TRIP_H
#define PROTOBUF_C_ROUND_TRIP_H

#include <protobuf-c/protobuf-c.h>
#include <stdint.h>

// The descriptors are extern const structs, which Swift imports by value; these hand out
// their addresses, which protobuf-c stores in every message it unpacks.
const ProtobufCMessageDescriptor *tpc_all_types_descriptor(void);
const ProtobufCMessageDescriptor *tpc_news_item_summary_descriptor(void);
const ProtobufCMessageDescriptor *tpc_member_profile_descriptor(void);

/// Unpacks `length` bytes as `descriptor`'s message and returns its canonical text
/// (ProtobufCText.h), malloc'd; NULL when protobuf-c refuses the bytes.
char *tpc_unpack_text(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length);

/// Unpacks `length` bytes and packs the result again: protobuf-c's own encoding of the
/// message the bytes hold, malloc'd, `*packed_length` bytes; NULL when protobuf-c refuses
/// the bytes.
uint8_t *tpc_repack(const ProtobufCMessageDescriptor *descriptor, const uint8_t *bytes, size_t length,
                    size_t *packed_length);

/// Frees what the functions of this target return (they allocate with malloc).
void tpc_free(void *pointer);

#endif
