import FeedbackContracts

extension Item {
    /// The agency that must answer: always set on an item the service stored (message
    /// fields are Optional in generated code, as presence).
    public var owner: Agency { agency ?? Agency() }
}
