import RPC
import Store

extension CallerIdentity {
    /// Who this caller's reads are for, to the store (`ReadFairness`): the member at the
    /// address the call came from, "<member id>@<host>" (the peer's "ip:port" less the
    /// port). Reads waiting for a reader are served caller by caller, so one caller's
    /// flood of expensive reads (issue 10: a thousand province-wide searches at once)
    /// delays another's read by at most one of them per reader; a token used from two
    /// places (a stolen one) is two callers, and one client's many connections one.
    func readFairnessKey(peer: String) -> String {
        let host = peer.lastIndex(of: ":").map { String(peer[..<$0]) } ?? peer
        return memberID + "@" + host
    }
}
