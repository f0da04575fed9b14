import ServiceKit

enum Usage {
    static let text = """
    usage: sotay <command> [arguments]

      up [--data DIR]            start every service built next to this program, each on its
                                 default port with data under DIR (default ./data); wait until
                                 all are healthy; Ctrl-C stops them all
      health [SERVICE...]        Health/Check each service (all six by default)
      metrics SERVICE            print a service's metrics (Prometheus text)
      backup SERVICE FILE        online backup of a service's database to FILE (on its machine)
      check SERVICE              integrity check of a service's database

    Addresses come from SOTAY_<SERVICE>_ADDR (default 127.0.0.1:<port>); admin calls are
    signed with SOTAY_TOKEN_KEY_FILE (default ./data/token.key).
    Services: \(ServiceName.allCases.map { $0.rawValue }.joined(separator: ", ")).
    """
}
