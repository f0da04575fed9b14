import Foundation
import OrgContracts
import OrgSeed
import OrgService

/// Carries generated rows into `SeedLoader` in batches of one transaction each. The
/// generator is synchronous and runs on its own thread; each full batch waits there
/// until the loader has committed it, so memory holds one batch whatever the preset.
final class SeedRowBridge: SeedSink {
    static let batchSize = 20_000

    private let loader: SeedLoader
    private let nowMs: Int64
    private let progress: (Int) -> Void
    private var batch: [SeedLoader.Row] = []
    private(set) var rowsLoaded = 0

    init(loader: SeedLoader, nowMs: Int64, progress: @escaping (Int) -> Void) {
        self.loader = loader
        self.nowMs = nowMs
        self.progress = progress
        batch.reserveCapacity(Self.batchSize)
    }

    func add(_ unit: SeedUnit) throws {
        batch.append(.unit(SeedLoader.UnitRow(code: unit.code, name: unit.name, kind: Self.kind(unit.kind),
                                              cellType: unit.cellType.map(Self.cellType) ?? .unspecified,
                                              parentCode: unit.parentCode)))
        if batch.count >= Self.batchSize { try flush() }
    }

    func add(_ seed: SeedMember) throws {
        var member = Member()
        member.cardNumber = seed.cardNumber
        member.fullName = seed.fullName
        member.birthDate = seed.birthDate
        member.gender = seed.gender == .female ? .female : .male
        member.citizenID = seed.citizenID
        member.phone = seed.phone
        member.email = seed.email
        member.status = Self.status(seed.status)
        member.admittedOn = seed.admittedOn
        member.officialOn = seed.officialOn
        batch.append(.member(member, unitCode: seed.unitCode))
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Commits what is left; call once generation has finished.
    func flush() throws {
        guard !batch.isEmpty else { return }
        let rows = batch
        batch.removeAll(keepingCapacity: true)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task { [loader, nowMs] in
            do { try await loader.load(rows, nowMs: nowMs) } catch { outcome.set(error) }
            done.signal()
        }
        // Blocks the generator's own thread (never a concurrency-pool thread) until
        // the database queue has committed the batch.
        done.wait()
        if let error = outcome.error { throw error }
        rowsLoaded += rows.count
        progress(rowsLoaded)
    }

    private final class Outcome: @unchecked Sendable {
        // @unchecked Sendable: `error` is written by the loading task before it
        // signals, and read by the waiting thread after.
        private let lock = NSLock()
        private var stored: (any Error)?
        var error: (any Error)? { lock.withLock { stored } }
        func set(_ error: any Error) { lock.withLock { stored = error } }
    }

    static func kind(_ kind: SeedUnitKind) -> UnitKind {
        switch kind {
        case .committee: .committee
        case .grassrootsCommittee: .grassrootsCommittee
        case .grassrootsCell: .grassrootsCell
        case .subCommittee: .subCommittee
        case .cell: .cell
        }
    }

    static func cellType(_ type: SeedCellType) -> CellType {
        switch type {
        case .administrativeAgency: .administrativeAgency
        case .publicServiceUnit: .publicServiceUnit
        case .enterprise: .enterprise
        case .armedForces: .armedForces
        case .villageResidential: .villageResidential
        }
    }

    static func status(_ status: SeedMemberStatus) -> MemberStatus {
        switch status {
        case .probationary: .probationary
        case .official: .official
        case .exempt: .exempt
        case .transferredOut: .transferredOut
        case .deceased: .deceased
        }
    }
}
