import LearningContracts
import RPC
import ServiceToolkit

extension LearningHandlers {
    static let maxMaterials = 200

    func createProgram(_ request: CreateProgramRequest, context: CallContext) async throws -> StudyProgram {
        var program = StudyProgram()
        program.resolutionTitle = try TextInput.name(request.resolutionTitle, field: "resolution_title")
        guard request.materialIDs.count <= Self.maxMaterials else {
            throw RPCError.invalidArgument(field: "material_ids", "holds more than \(Self.maxMaterials) items")
        }
        program.materialIDs = try request.materialIDs.enumerated().map { index, id throws(RPCError) in
            try TextInput.checked(id, field: "material_ids[\(index)]", limit: TextLimit(maxCharacters: 64))
        }
        guard Set(program.materialIDs).count == program.materialIDs.count else {
            throw RPCError.invalidArgument(field: "material_ids", "names a material twice")
        }
        try Self.checkWindow(opensAtMs: request.opensAtMS, closesAtMs: request.closesAtMS)
        program.opensAtMS = request.opensAtMS
        program.closesAtMS = request.closesAtMS
        program.required = request.required
        program.targetUnitID = request.targetUnitID
        let access = try require(Self.managers, on: request.targetUnitID, field: "target_unit_id", context: context,
                                 to: "create a study program for this unit")
        let checked = program
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateProgram", request: request, nowMs: now)
            if let first = try call?.recorded(StudyProgram.self, in: connection) { return first }
            var program = checked
            program.id = RecordID.make("sp", nowMs: now)
            program.createdAtMS = now
            try ProgramStore(connection: connection).insert(program)
            try call?.remember(program, in: connection)
            return program
        }
    }

    func getProgram(_ request: GetProgramRequest, context: CallContext) async throws -> StudyProgram {
        let access = try CallerAccess(context)
        let id = try RecordID.checked(request.programID, prefix: "sp", field: "program_id")
        return try await visibleProgram(id, access: access)
    }

    /// The app reports a material opened and the running total of time on it; a
    /// secretary's proxy token records it for the member without a phone.
    func recordStudy(_ request: RecordStudyRequest, context: CallContext) async throws -> StudyProgress {
        let access = try CallerAccess(context)
        let id = try RecordID.checked(request.programID, prefix: "sp", field: "program_id")
        let material = try TextInput.checked(request.materialID, field: "material_id", limit: TextLimit(maxCharacters: 64),
                                             required: !request.completed)
        guard request.secondsSpent >= 0, request.secondsSpent <= 86_400 * 30 else {
            throw RPCError.invalidArgument(field: "seconds_spent", "must be from 0 to 30 days")
        }
        let program = try await visibleProgram(id, access: access)
        let caller = access.caller
        if !material.isEmpty && !program.materialIDs.contains(material) {
            throw RPCError.invalidArgument(field: "material_id", "is not a material of this program")
        }
        return try await write { connection, now in
            guard now >= program.opensAtMS, now < program.closesAtMS else {
                throw RPCError(.failedPrecondition, "the program is not open for study now")
            }
            let store = ProgramStore(connection: connection)
            if !material.isEmpty {
                try store.recordStudy(programID: id, memberID: caller.memberID, materialID: material,
                                      secondsSpent: request.secondsSpent, nowMs: now)
            }
            if request.completed {
                try store.complete(programID: id, memberID: caller.memberID, unitID: caller.unitID,
                                   proxyMemberID: caller.proxyMemberID ?? "", nowMs: now)
            }
            return try store.progress(programID: id, memberID: caller.memberID)
        }
    }

    /// The program when the caller is targeted by it or manages its unit; otherwise
    /// NOT_FOUND, as for an id that does not exist.
    private func visibleProgram(_ id: String, access: CallerAccess) async throws -> StudyProgram {
        let program = try await read { connection in try ProgramStore(connection: connection).program(id) }
        guard let program, Self.isTargeted(access.caller, by: program.targetUnitID)
            || manages(access, unitID: program.targetUnitID)
        else { throw Self.notFound("program", field: "program_id") }
        return program
    }
}
