// Facts about protobuf-c's field layout that both the text renderer and the random
// builder need. Private to this target (not under include/).
#ifndef PROTOBUF_C_FIELDS_H
#define PROTOBUF_C_FIELDS_H

#include <protobuf-c/protobuf-c.h>
#include <stdlib.h>
#include <string.h>

/// Bytes one value of `type` takes in a struct or a repeated array.
static inline size_t tpc_element_size(ProtobufCType type) {
    switch (type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
    case PROTOBUF_C_TYPE_FLOAT:
    case PROTOBUF_C_TYPE_ENUM:
        return 4;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
    case PROTOBUF_C_TYPE_DOUBLE:
        return 8;
    case PROTOBUF_C_TYPE_BOOL:
        return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING:
        return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES:
        return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE:
        return sizeof(ProtobufCMessage *);
    }
    abort();
}

/// protobuf-c 1.4 has no map flag: a map field is a repeated message whose type protoc
/// synthesized as `<Field>Entry` with fields key = 1 and value = 2. No test proto
/// declares a message of that shape by hand.
static inline int tpc_is_map_field(const ProtobufCFieldDescriptor *field) {
    if (field->label != PROTOBUF_C_LABEL_REPEATED || field->type != PROTOBUF_C_TYPE_MESSAGE) return 0;
    const ProtobufCMessageDescriptor *entry = field->descriptor;
    size_t name_length = strlen(entry->short_name);
    return name_length > 5 && strcmp(entry->short_name + name_length - 5, "Entry") == 0
        && entry->n_fields == 2 && entry->fields[0].id == 1 && entry->fields[1].id == 2;
}

/// The struct member at `offset` bytes into a message.
static inline void *tpc_member(const ProtobufCMessage *message, unsigned offset) {
    return (uint8_t *)message + offset;
}

#endif
