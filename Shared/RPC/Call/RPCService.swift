/// A set of methods served under one service name. Generated server protocols
/// (`OrgServiceHandler`) conform and supply both properties in an extension; a service
/// implements the protocol's methods and hands the value to `RPCServer`.
public protocol RPCService: Sendable {
    /// "sotay.org.v1.OrgService": what Health/Check answers for.
    var serviceName: String { get }
    var methods: [RPCMethod] { get }
}
