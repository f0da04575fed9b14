import ContentContracts

extension ItemKind {
    /// Kinds that are documents: they carry a number, an issuer and dates, sit in the
    /// library, and are split into passages for the assistant.
    static let documents: Set<ItemKind> = [
        .resolution, .directive, .regulation, .conclusion, .guidance, .plan, .report, .knowHow, .goodModel, .meetingTopic,
    ]

    var isDocument: Bool { Self.documents.contains(self) }

    /// The kinds a request may name (not UNSPECIFIED, not an unknown number).
    static let known: Set<ItemKind> = documents.union([.news, .event])
}
