// Random messages built by libprotobuf-c's side of the conformance tests, so that the
// bytes our decoder reads come from an independent encoder.
#ifndef PROTOBUF_C_RANDOM_H
#define PROTOBUF_C_RANDOM_H

#include <protobuf-c/protobuf-c.h>
#include <stdint.h>

/// Builds a random message of `descriptor`'s type from `seed` (the same seed builds the
/// same message), packs it with protobuf_c_message_pack and frees it. Values lean to
/// the edges (0, -1, the limits of each type, NaN, infinities, -0.0, empty and long
/// strings, Vietnamese text, all 256 byte values, repeated map keys, unknown enum
/// numbers). Strings never contain U+0000, which protobuf-c's NUL-terminated strings
/// cannot hold.
///
/// Returns the packed bytes (malloc'd, `*length` bytes; the caller frees them) and,
/// when `text` is not NULL, the canonical text (ProtobufCText.h) of the struct that was
/// packed in `*text` (malloc'd). Aborts when memory runs out: this is test support code.
uint8_t *tpc_random_packed(const ProtobufCMessageDescriptor *descriptor, uint64_t seed,
                           size_t *length, char **text);

#endif
