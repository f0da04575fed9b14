// Builds random messages through protobuf-c's descriptors, so that every field of every
// test proto gets random values without a line per field, then packs them.
#include "ProtobufCRandom.h"
#include "CheckedAlloc.h"
#include "ProtobufCFields.h"
#include "ProtobufCText.h"

#include <string.h>

/// Vigna's SplitMix64, the generator the Swift tests use, so that seeds reproduce.
typedef struct {
    uint64_t state;
} Random;

static uint64_t next(Random *random) {
    random->state += 0x9E3779B97F4A7C15ULL;
    uint64_t z = random->state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t below(Random *random, uint64_t bound) { return next(random) % bound; }

#define PICK(random, array) ((array)[below((random), sizeof(array) / sizeof((array)[0]))])

// Integers: a third edge values, a third small numbers (one-byte varints), a third any
// bit pattern.
static uint64_t random_u64(Random *random) {
    static const uint64_t edges[] = {
        0, 1, UINT64_MAX, 127, 128, 16383, 16384, UINT32_MAX, (uint64_t)UINT32_MAX + 1,
        INT64_MAX, (uint64_t)INT64_MIN, (uint64_t)-1 - 127, (uint64_t)INT32_MIN, INT32_MAX};
    switch (below(random, 3)) {
    case 0: return PICK(random, edges);
    case 1: return below(random, 300) - 150;
    default: return next(random);
    }
}

static uint32_t random_u32(Random *random) {
    static const uint32_t edges[] = {
        0, 1, UINT32_MAX, 127, 128, 16383, 16384, INT32_MAX, (uint32_t)INT32_MIN, (uint32_t)-128};
    switch (below(random, 3)) {
    case 0: return PICK(random, edges);
    case 1: return (uint32_t)(below(random, 300) - 150);
    default: return (uint32_t)next(random);
    }
}

// Floating point as bit patterns, so that signed zeros and NaN payloads survive.
static uint32_t random_float_bits(Random *random) {
    static const uint32_t edges[] = {
        0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00001, 0x7FA00001,
        0x3F800000, 0xBF800000, 0x7F7FFFFF, 0x00800000, 0x00000001, 0x80000001, 0x3DCCCCCD};
    return below(random, 2) ? PICK(random, edges) : (uint32_t)next(random);
}

static uint64_t random_double_bits(Random *random) {
    static const uint64_t edges[] = {
        0x0000000000000000ULL, 0x8000000000000000ULL, 0x7FF0000000000000ULL,
        0xFFF0000000000000ULL, 0x7FF8000000000000ULL, 0xFFF8000000000001ULL,
        0x7FF4000000000001ULL, 0x3FF0000000000000ULL, 0xBFF0000000000000ULL,
        0x7FEFFFFFFFFFFFFFULL, 0x0010000000000000ULL, 0x0000000000000001ULL,
        0x3FB999999999999AULL};
    return below(random, 2) ? PICK(random, edges) : next(random);
}

// Enums are open in proto3: numbers the enum does not declare must survive too.
static int32_t random_enum(Random *random) {
    static const int32_t values[] = {0, 1, 2, -1, 3, 100, INT32_MIN, INT32_MAX};
    return PICK(random, values);
}

static void append_utf8(uint8_t **buffer, size_t *length, size_t *capacity, uint32_t scalar) {
    uint8_t encoded[4];
    size_t count;
    if (scalar < 0x80) {
        encoded[0] = (uint8_t)scalar;
        count = 1;
    } else if (scalar < 0x800) {
        encoded[0] = (uint8_t)(0xC0 | scalar >> 6);
        encoded[1] = (uint8_t)(0x80 | (scalar & 0x3F));
        count = 2;
    } else if (scalar < 0x10000) {
        encoded[0] = (uint8_t)(0xE0 | scalar >> 12);
        encoded[1] = (uint8_t)(0x80 | (scalar >> 6 & 0x3F));
        encoded[2] = (uint8_t)(0x80 | (scalar & 0x3F));
        count = 3;
    } else {
        encoded[0] = (uint8_t)(0xF0 | scalar >> 18);
        encoded[1] = (uint8_t)(0x80 | (scalar >> 12 & 0x3F));
        encoded[2] = (uint8_t)(0x80 | (scalar >> 6 & 0x3F));
        encoded[3] = (uint8_t)(0x80 | (scalar & 0x3F));
        count = 4;
    }
    if (*length + count + 1 > *capacity) {
        *capacity = (*length + count + 1) * 2;
        *buffer = tpc_checked_realloc(*buffer, *capacity);
    }
    memcpy(*buffer + *length, encoded, count);
    *length += count;
}

// A Unicode scalar value other than U+0000: ASCII, Vietnamese letters (combining marks
// and precomposed), other scripts, and characters outside the BMP.
static uint32_t random_scalar(Random *random) {
    switch (below(random, 6)) {
    case 0:
    case 1: return 1 + (uint32_t)below(random, 0x7F);
    case 2: return 0x1EA0 + (uint32_t)below(random, 0x5A);   // ẠạẢả ... ỹ
    case 3: return 0x00C0 + (uint32_t)below(random, 0x1C0);  // Latin-1 and Latin Extended-A/B
    case 4: return 0x0300 + (uint32_t)below(random, 0x24);   // combining diacritics
    default: {
        uint32_t scalar = 0x80 + (uint32_t)below(random, 0x10FF80);
        return scalar >= 0xD800 && scalar <= 0xDFFF ? 0xFFFD : scalar;
    }
    }
}

static char *copy_string(const char *string) {
    size_t length = strlen(string);
    char *copy = tpc_checked_realloc(NULL, length + 1);
    memcpy(copy, string, length + 1);
    return copy;
}

static char *random_string(Random *random) {
    static const char *const samples[] = {
        "", "a", "Nguyễn Thị Hồng Nhung", "Xã Khe Hóp, huyện Văn Yên, tỉnh Yên Bái",
        "Đảng bộ tỉnh Yên Bái", "Nghị quyết số 18-NQ/TW", "😀 🇻🇳", "key"};
    if (below(random, 3) == 0) return copy_string(PICK(random, samples));
    size_t scalars = below(random, 20) == 0 ? 500 + below(random, 1500) : below(random, 24);
    size_t length = 0, capacity = 1;
    uint8_t *buffer = tpc_checked_realloc(NULL, capacity);
    for (size_t i = 0; i < scalars; i++) append_utf8(&buffer, &length, &capacity, random_scalar(random));
    buffer[length] = '\0';
    return (char *)buffer;
}

static ProtobufCBinaryData random_bytes(Random *random) {
    size_t length;
    switch (below(random, 6)) {
    case 0: length = 0; break;
    case 1: length = 256; break;
    case 2: length = 1000 + below(random, 4000); break;
    default: length = below(random, 40); break;
    }
    uint8_t *data = tpc_checked_realloc(NULL, length);
    int all_values = length == 256;
    for (size_t i = 0; i < length; i++) data[i] = all_values ? (uint8_t)i : (uint8_t)next(random);
    return (ProtobufCBinaryData){length, data};
}

static ProtobufCMessage *random_message(Random *random, const ProtobufCMessageDescriptor *descriptor, int depth);

// Writes one random value of `field`'s type to `value` (a struct member or an element
// of a repeated array), allocating strings, bytes and messages with malloc.
static void random_value(Random *random, const ProtobufCFieldDescriptor *field, void *value, int depth) {
    switch (field->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: {
        uint32_t bits = random_u32(random);
        memcpy(value, &bits, sizeof bits);
        break;
    }
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: {
        uint64_t bits = random_u64(random);
        memcpy(value, &bits, sizeof bits);
        break;
    }
    case PROTOBUF_C_TYPE_FLOAT: {
        uint32_t bits = random_float_bits(random);
        memcpy(value, &bits, sizeof bits);
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: {
        uint64_t bits = random_double_bits(random);
        memcpy(value, &bits, sizeof bits);
        break;
    }
    case PROTOBUF_C_TYPE_BOOL:
        *(protobuf_c_boolean *)value = (protobuf_c_boolean)below(random, 2);
        break;
    case PROTOBUF_C_TYPE_ENUM:
        *(int32_t *)value = random_enum(random);
        break;
    case PROTOBUF_C_TYPE_STRING:
        *(char **)value = random_string(random);
        break;
    case PROTOBUF_C_TYPE_BYTES:
        *(ProtobufCBinaryData *)value = random_bytes(random);
        break;
    case PROTOBUF_C_TYPE_MESSAGE:
        *(ProtobufCMessage **)value = random_message(random, field->descriptor, depth + 1);
        break;
    }
}

static size_t random_count(Random *random, const ProtobufCFieldDescriptor *field) {
    if (below(random, 3) == 0) return 0;
    // Now and then a large map (duplicate keys included) or a long list.
    if (below(random, 40) == 0) return tpc_is_map_field(field) ? 1000 : 50 + below(random, 150);
    return 1 + below(random, 8);
}

static void random_repeated(Random *random, ProtobufCMessage *message, const ProtobufCFieldDescriptor *field, int depth) {
    size_t count = random_count(random, field);
    if (count == 0) return;
    size_t size = tpc_element_size(field->type);
    uint8_t *array = tpc_checked_realloc(NULL, count * size);
    for (size_t i = 0; i < count; i++) random_value(random, field, array + i * size, depth);
    *(size_t *)tpc_member(message, field->quantifier_offset) = count;
    *(void **)tpc_member(message, field->offset) = array;
}

// Sets at most one member of the oneof whose case member sits at `field`'s
// quantifier_offset (a proto3 `optional` is a oneof of one member in the mirror).
static void random_oneof(Random *random, ProtobufCMessage *message, const ProtobufCMessageDescriptor *descriptor,
                         const ProtobufCFieldDescriptor *field, int depth) {
    const ProtobufCFieldDescriptor *members[16];
    size_t count = 0;
    for (unsigned i = 0; i < descriptor->n_fields && count < 16; i++) {
        const ProtobufCFieldDescriptor *other = &descriptor->fields[i];
        if ((other->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && other->quantifier_offset == field->quantifier_offset) {
            members[count++] = other;
        }
    }
    size_t choice = below(random, count + 1);
    if (choice == count) return;
    const ProtobufCFieldDescriptor *chosen = members[choice];
    *(uint32_t *)tpc_member(message, chosen->quantifier_offset) = chosen->id;
    random_value(random, chosen, tpc_member(message, chosen->offset), depth);
}

// protobuf-c 1.4 compares a plain (implicit-presence) float or double with 0.0 before
// packing it, so it never writes -0.0 there (we, like the C++ runtime, do). Such a field
// gets +0.0 instead, so that the struct's text is what the packed bytes hold. Repeated,
// oneof and `optional` fields keep -0.0, which protobuf-c writes.
static void clear_negative_zero(const ProtobufCFieldDescriptor *field, void *value) {
    if (field->type == PROTOBUF_C_TYPE_FLOAT && *(float *)value == 0) *(float *)value = 0;
    if (field->type == PROTOBUF_C_TYPE_DOUBLE && *(double *)value == 0) *(double *)value = 0;
}

static ProtobufCMessage *random_message(Random *random, const ProtobufCMessageDescriptor *descriptor, int depth) {
    ProtobufCMessage *message = tpc_checked_realloc(NULL, descriptor->sizeof_message);
    descriptor->message_init(message);
    // The test protos do not recurse; the limit keeps it so if one ever does.
    if (depth > 8) return message;
    for (unsigned i = 0; i < descriptor->n_fields; i++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields[i];
        if (field->label == PROTOBUF_C_LABEL_REPEATED) {
            random_repeated(random, message, field, depth);
        } else if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            // Each oneof is handled once, at its first member.
            int first = 1;
            for (unsigned j = 0; j < i; j++) {
                const ProtobufCFieldDescriptor *earlier = &descriptor->fields[j];
                if ((earlier->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && earlier->quantifier_offset == field->quantifier_offset) first = 0;
            }
            if (first) random_oneof(random, message, descriptor, field, depth);
        } else if (below(random, 2)) {
            random_value(random, field, tpc_member(message, field->offset), depth);
            clear_negative_zero(field, tpc_member(message, field->offset));
        }
    }
    return message;
}

uint8_t *tpc_random_packed(const ProtobufCMessageDescriptor *descriptor, uint64_t seed,
                           size_t *length, char **text) {
    Random random = {seed};
    ProtobufCMessage *message = random_message(&random, descriptor, 0);
    size_t size = protobuf_c_message_get_packed_size(message);
    uint8_t *bytes = tpc_checked_realloc(NULL, size);
    *length = protobuf_c_message_pack(message, bytes);
    if (text != NULL) *text = tpc_canonical_text(message);
    // Everything above was allocated with malloc, which is the allocator free_unpacked
    // uses when given NULL.
    protobuf_c_message_free_unpacked(message, NULL);
    return bytes;
}
