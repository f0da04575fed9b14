import RPCContracts
import TestProtos
import Wire

/// libFuzzer's entry point (Tools/fuzz-wire.sh builds this file with
/// `-sanitize=fuzzer,address`; it is not a SwiftPM target because libFuzzer brings
/// its own `main`).
///
/// Every input is decoded as `AllTypes`, the conformance message with every field
/// type, and as the RPC `Frame`, the first thing a server decodes from a stranger's
/// bytes. Decoding may fail, never crash; a message that decodes must encode to bytes
/// that decode and encode again to the same bytes, or the codec loses or invents data.
///
/// Safety: libFuzzer passes a pointer to `size` readable bytes that stay valid until
/// this function returns; they are only read, inside the call.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let message = try? AllTypes(wireEncoded: bytes) { requireStableEncoding(message) }
    if let frame = try? Frame(wireEncoded: bytes) { requireStableEncoding(frame) }
    return 0
}

private func requireStableEncoding<Message: WireMessage>(_ message: Message) {
    let once = message.wireEncoded()
    guard let again = try? Message(wireEncoded: once) else {
        fatalError("\(Message.self) encoded to bytes it cannot decode")
    }
    guard again.wireEncoded() == once else {
        fatalError("\(Message.self) changed between two encodings")
    }
}
