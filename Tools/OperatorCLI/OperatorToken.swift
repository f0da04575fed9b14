import RPCContracts
import ServiceKit

/// The bearer token the CLI presents to the admin RPCs: signed with the suite's key
/// file (whoever can read that file runs the servers), holding only the operator
/// role, valid for a few minutes.
public enum OperatorToken {
    static let lifetimeMs: Int64 = 5 * 60 * 1000

    public static func metadata(keyFile: String, clock: WallClock = .system) throws -> [String: String] {
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: keyFile))
        let claims = AccessTokenClaims.forRole(.operator, callerID: "operator", nowMs: clock.nowMs, lifetimeMs: lifetimeMs)
        return ["authorization": "Bearer " + (try codec.sign(claims))]
    }
}
