import FeedbackContracts

extension ItemStatus {
    /// Waiting for the agency: shown in its inbox, swept for escalation when overdue.
    var isOpen: Bool { [.received, .delivered, .inProgress, .reopened].contains(self) }

    /// Decided: the member may close it, or reopen it within the window.
    var isDecided: Bool { [.answered, .notOurResponsibility, .duplicate].contains(self) }
}
