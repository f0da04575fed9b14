extension Duration {
    /// The duration as a number of seconds, for rates in reports ("rows/s").
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
