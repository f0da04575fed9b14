import Synchronization

/// Where each closed loop of the inbox run is in its paging: it follows next-page
/// tokens 20 pages deep, then starts again from the first page.
final class PageTokens: Sendable {
    static let depth = 20
    private let state = Mutex<[Int: (token: String, pages: Int)]>([:])
    private let loops: Int

    init(loops: Int) {
        self.loops = loops
    }

    func next(for index: Int) -> String {
        state.withLock { $0[index % loops]?.token ?? "" }
    }

    func remember(_ token: String, for index: Int) {
        state.withLock { state in
            let pages = (state[index % loops]?.pages ?? 0) + 1
            state[index % loops] = pages >= Self.depth ? ("", 0) : (token, pages)
        }
    }
}

/// Set once the sweep has answered: the calls measured during it stop.
final class SweepFlag: Sendable {
    private let done = Atomic<Bool>(false)
    var isSet: Bool { done.load(ordering: .acquiring) }
    func set() { done.store(true, ordering: .releasing) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
