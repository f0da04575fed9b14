// Renders any unpacked protobuf-c message in the canonical text of ProtobufCText.h,
// walking the message through its descriptor so that one function serves every test
// proto and no field can be forgotten.
#include "ProtobufCText.h"
#include "CheckedAlloc.h"
#include "ProtobufCFields.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t length;
    size_t capacity;
} Text;

static void text_append(Text *text, const char *bytes, size_t count) {
    if (text->length + count + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 256;
        while (text->length + count + 1 > capacity) capacity *= 2;
        text->data = tpc_checked_realloc(text->data, capacity);
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, bytes, count);
    text->length += count;
    text->data[text->length] = '\0';
}

static void text_puts(Text *text, const char *string) { text_append(text, string, strlen(string)); }

static void text_format(Text *text, const char *format, ...) {
    char buffer[64];
    va_list arguments;
    va_start(arguments, format);
    int count = vsnprintf(buffer, sizeof buffer, format, arguments);
    va_end(arguments);
    text_append(text, buffer, (size_t)count);
}

static void text_hex(Text *text, const char *prefix, const uint8_t *bytes, size_t count) {
    static const char digits[] = "0123456789abcdef";
    text_puts(text, prefix);
    for (size_t i = 0; i < count; i++) {
        char pair[2] = {digits[bytes[i] >> 4], digits[bytes[i] & 15]};
        text_append(text, pair, 2);
    }
}

static void render_message(Text *text, const ProtobufCMessage *message);

// One value of `field`'s type, stored at `value` (an element of a repeated array, or the
// struct member itself for a singular field). Always rendered, default or not.
static void render_value(Text *text, const ProtobufCFieldDescriptor *field, const void *value) {
    switch (field->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM:
        text_format(text, "%" PRId32, *(const int32_t *)value);
        break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        text_format(text, "%" PRId64, *(const int64_t *)value);
        break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        text_format(text, "%" PRIu32, *(const uint32_t *)value);
        break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        text_format(text, "%" PRIu64, *(const uint64_t *)value);
        break;
    case PROTOBUF_C_TYPE_BOOL:
        text_puts(text, *(const protobuf_c_boolean *)value ? "true" : "false");
        break;
    case PROTOBUF_C_TYPE_FLOAT: {
        uint32_t bits;
        memcpy(&bits, value, sizeof bits);
        text_format(text, "f%08" PRIx32, bits);
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: {
        uint64_t bits;
        memcpy(&bits, value, sizeof bits);
        text_format(text, "d%016" PRIx64, bits);
        break;
    }
    case PROTOBUF_C_TYPE_STRING: {
        // protobuf-c keeps strings NUL-terminated, so a string cannot hold U+0000; the
        // tests keep NUL out of strings (see the conformance tests' notes).
        const char *string = *(char *const *)value;
        text_hex(text, "s", (const uint8_t *)string, string ? strlen(string) : 0);
        break;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *bytes = value;
        text_hex(text, "b", bytes->data, bytes->len);
        break;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *nested = *(ProtobufCMessage *const *)value;
        if (nested) {
            render_message(text, nested);
        } else {
            text_puts(text, "{}");
        }
        break;
    }
    }
}

// Whether a plain proto3 scalar holds its default (and so is not rendered).
static int is_default_scalar(const ProtobufCFieldDescriptor *field, const void *value) {
    switch (field->type) {
    case PROTOBUF_C_TYPE_BOOL:
        return !*(const protobuf_c_boolean *)value;
    case PROTOBUF_C_TYPE_STRING: {
        const char *string = *(char *const *)value;
        return string == NULL || string[0] == '\0';
    }
    case PROTOBUF_C_TYPE_BYTES:
        return ((const ProtobufCBinaryData *)value)->len == 0;
    case PROTOBUF_C_TYPE_MESSAGE:
        return *(ProtobufCMessage *const *)value == NULL;
    default: {
        // Numbers and enums by their bits, so that -0.0 counts as set.
        uint64_t bits = 0;
        memcpy(&bits, value, tpc_element_size(field->type));
        return bits == 0;
    }
    }
}

typedef struct {
    char *key;
    char *value;
    size_t index;
} MapEntryText;

static int compare_entries(const void *left, const void *right) {
    const MapEntryText *a = left, *b = right;
    int order = strcmp(a->key, b->key);
    if (order != 0) return order;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void render_map(Text *text, const ProtobufCFieldDescriptor *field, ProtobufCMessage *const *entries, size_t count) {
    const ProtobufCMessageDescriptor *entry_descriptor = field->descriptor;
    const ProtobufCFieldDescriptor *key_field = &entry_descriptor->fields[0];
    const ProtobufCFieldDescriptor *value_field = &entry_descriptor->fields[1];
    MapEntryText *texts = tpc_checked_realloc(NULL, count * sizeof *texts);
    for (size_t i = 0; i < count; i++) {
        Text key = {0}, value = {0};
        render_value(&key, key_field, tpc_member(entries[i], key_field->offset));
        render_value(&value, value_field, tpc_member(entries[i], value_field->offset));
        texts[i] = (MapEntryText){key.data, value.data, i};
    }
    qsort(texts, count, sizeof *texts, compare_entries);
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        // Within a run of equal keys, only the last (the latest on the wire) counts.
        if (i + 1 < count && strcmp(texts[i].key, texts[i + 1].key) == 0) continue;
        if (!first) text_puts(text, ",");
        first = 0;
        text_puts(text, texts[i].key);
        text_puts(text, ":");
        text_puts(text, texts[i].value);
    }
    for (size_t i = 0; i < count; i++) {
        free(texts[i].key);
        free(texts[i].value);
    }
    free(texts);
}

static void render_field_number(Text *text, uint32_t number, const char *suffix) {
    text_format(text, "%" PRIu32 "%s", number, suffix);
}

static void render_field(Text *text, const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field) {
    const void *member = tpc_member(message, field->offset);
    if (field->label == PROTOBUF_C_LABEL_REPEATED) {
        size_t count = *(const size_t *)tpc_member(message, field->quantifier_offset);
        if (count == 0) return;
        const uint8_t *array = *(const uint8_t *const *)member;
        if (tpc_is_map_field(field)) {
            render_field_number(text, field->id, "=<");
            render_map(text, field, (ProtobufCMessage *const *)array, count);
            text_puts(text, ">;");
            return;
        }
        render_field_number(text, field->id, "=[");
        size_t size = tpc_element_size(field->type);
        for (size_t i = 0; i < count; i++) {
            if (i > 0) text_puts(text, ",");
            render_value(text, field, array + i * size);
        }
        text_puts(text, "];");
        return;
    }
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        // A oneof member (or a proto3 `optional`, which the mirror turned into a
        // one-member oneof) is present when the case names it; protobuf-c's packer also
        // skips a selected string or message whose pointer is NULL.
        uint32_t selected = *(const uint32_t *)tpc_member(message, field->quantifier_offset);
        if (selected != field->id) return;
        if ((field->type == PROTOBUF_C_TYPE_STRING || field->type == PROTOBUF_C_TYPE_MESSAGE)
            && *(void *const *)member == NULL) return;
    } else if (is_default_scalar(field, member)) {
        return;
    }
    render_field_number(text, field->id, "=");
    render_value(text, field, member);
    text_puts(text, ";");
}

// An unknown field's value as protobuf-c keeps it: the bytes after the tag, which for a
// length-delimited field still begin with the length varint; the text drops that length.
static void render_unknown(Text *text, const ProtobufCMessageUnknownField *field) {
    const uint8_t *data = field->data;
    size_t length = field->len;
    if (field->wire_type == PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED) {
        size_t prefix = 0;
        while (prefix < length && (data[prefix] & 0x80)) prefix++;
        prefix = prefix < length ? prefix + 1 : length;
        data += prefix;
        length -= prefix;
    }
    text_format(text, "?%" PRIu32 "/%d", field->tag, (int)field->wire_type);
    text_hex(text, "=", data, length);
    text_puts(text, ";");
}

static void render_message(Text *text, const ProtobufCMessage *message) {
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    text_puts(text, "{");
    // protoc-c emits a descriptor's fields sorted by number (its unpacker relies on it).
    for (unsigned i = 0; i < descriptor->n_fields; i++) {
        render_field(text, message, &descriptor->fields[i]);
    }
    for (unsigned i = 0; i < message->n_unknown_fields; i++) {
        render_unknown(text, &message->unknown_fields[i]);
    }
    text_puts(text, "}");
}

char *tpc_canonical_text(const ProtobufCMessage *message) {
    Text text = {0};
    render_message(&text, message);
    return text.data;
}
