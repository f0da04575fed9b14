// The canonical text of a message, which the conformance tests compare: libprotobuf-c
// renders its unpacked structs here (reflectively, through the descriptors) and the
// Swift tests render our generated structs in the same format, so two implementations
// agree on a message exactly when their texts are equal.
//
// Format (ASCII, one line):
//   message  = "{" field* unknown* "}"
//   field    = number "=" value ";"                                   singular
//            | number "=[" value ("," value)* "];"                    repeated, non-empty
//            | number "=<" key ":" value ("," key ":" value)* ">;"    map, non-empty
//   value    = decimal (signed for int*, sint*, sfixed*, enums; unsigned for uint*, fixed*)
//            | "true" | "false"
//            | "f" 8 hex digits (a float's bits) | "d" 16 hex digits (a double's bits)
//            | "s" hex of the UTF-8 bytes | "b" hex of the bytes | message
//   unknown  = "?" number "/" wire type "=" hex ";"   the value's bytes as on the wire,
//                                                      without the tag (and, for wire
//                                                      type 2, without the length)
// Fields come in field-number order. Hex digits are lowercase. A field with presence
// (oneof member, proto3 `optional`, message) appears whenever it is set; a plain proto3
// scalar only when it is not its default (a float or double by its bits, so -0.0
// appears); repeated fields and maps only when non-empty. Map entries are sorted by the
// text of their key (bytewise) and a key that occurs twice keeps its last value, as
// protobuf parsers do; a map entry's missing message value reads as "{}".
#ifndef PROTOBUF_C_TEXT_H
#define PROTOBUF_C_TEXT_H

#include <protobuf-c/protobuf-c.h>

/// The canonical text of `message`, NUL-terminated, allocated with malloc (the caller
/// frees it). Aborts when memory runs out: this is test support code.
char *tpc_canonical_text(const ProtobufCMessage *message);

#endif
