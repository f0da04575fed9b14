/// Generated files refer to this type by name, so code generated for another version
/// of the runtime fails to build instead of misbehaving. Bump the number (and the
/// generator) whenever the runtime API that generated code calls changes.
public enum WireGeneratedCodeVersion1 {}
