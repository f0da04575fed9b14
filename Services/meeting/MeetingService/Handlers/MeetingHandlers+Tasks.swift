import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Tasks given to members (giao việc): assigned by the cell's secretary, with a due
/// date; the member moves their own task along, and lists are by member or by cell.
extension MeetingHandlers {
    func assignTask(_ request: AssignTaskRequest, context: CallContext) async throws -> MemberTask {
        let actor = try actor(context)
        let cellID = try RecordID.checked(request.cellID, prefix: "u", field: "cell_id")
        let memberID = try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        let meetingID = try RecordID.checked(request.meetingID, prefix: "mt", field: "meeting_id", required: false)
        let title = try TextInput.name(request.title, field: "title")
        let due = try ISODate.checked(request.dueDate, field: "due_date", required: true)
        try actor.access.require(Self.staff, on: placement(cellID), to: "assign tasks in this cell")
        let tree = self.tree.tree
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: actor.access.idempotencyScope, key: request.idempotencyKey,
                                                method: "AssignTask", request: request, nowMs: now)
            if let first = try call?.recorded(MemberTask.self, in: connection) { return first }
            if !meetingID.isEmpty {
                let stored = try Self.runMeeting(meetingID, by: actor, tree: tree, in: connection, to: "assign tasks")
                guard stored.meeting.cellID == cellID else {
                    throw RPCError.invalidArgument(field: "meeting_id", "is a meeting of another cell")
                }
            }
            let invited = try connection.queryOne(
                """
                SELECT 1 FROM invitations JOIN meetings ON meetings.id = invitations.meeting_id
                WHERE invitations.member_id = ? AND meetings.cell_id = ? LIMIT 1
                """, [memberID, cellID]) != nil
            guard invited else { throw RPCError.invalidArgument(field: "member_id", "is not on this cell's roster") }
            var task = MemberTask()
            task.id = RecordID.make("tk", nowMs: now)
            task.cellID = cellID
            task.meetingID = meetingID
            task.memberID = memberID
            task.title = title
            task.dueDate = due
            task.status = .todo
            task.assignedBy = actor.memberID
            task.createdAtMS = now
            try connection.execute(
                """
                INSERT INTO tasks (id, cell_id, meeting_id, member_id, title, due_date, status, assigned_by, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [task.id, cellID, meetingID, memberID, title, due, Int64(task.status.rawValue), actor.memberID, now])
            try call?.remember(task, in: connection)
            return task
        }
    }

    func setTaskStatus(_ request: SetTaskStatusRequest, context: CallContext) async throws -> MemberTask {
        let actor = try actor(context)
        let taskID = try RecordID.checked(request.taskID, prefix: "tk", field: "task_id")
        guard [.todo, .inProgress, .done].contains(request.status) else {
            throw RPCError.invalidArgument(field: "status", "must be TODO, IN_PROGRESS or DONE")
        }
        let tree = self.tree.tree
        return try await write { connection, _ in
            let unseenTask = RPCError(.notFound, "task_id: no task you may see")
            guard var task = try connection.queryOne("SELECT \(Self.taskColumns) FROM tasks WHERE id = ?", [taskID])
                .map(Self.task) else { throw unseenTask }
            let cell = PlacedUnit(id: task.cellID, ancestorIDs: tree.ancestors(of: task.cellID) ?? [])
            guard task.memberID == actor.memberID || actor.isStaff(on: cell) else { throw unseenTask }
            try connection.execute("UPDATE tasks SET status = ? WHERE id = ?", [Int64(request.status.rawValue), taskID])
            task.status = request.status
            return task
        }
    }

    func listTasks(_ request: ListTasksRequest, context: CallContext) async throws -> MemberTaskList {
        let actor = try actor(context)
        let column: String
        let owner: String
        switch request.owner {
        case .cellID(let id)?:
            owner = try RecordID.checked(id, prefix: "u", field: "cell_id")
            try actor.access.require(Self.staff, on: placement(owner), to: "list this cell's tasks")
            column = "cell_id"
        case .memberID(let id)?:
            owner = id.isEmpty || id == actor.memberID
                ? actor.memberID : try RecordID.checked(id, prefix: "m", field: "member_id")
            guard owner == actor.memberID else {
                throw RPCError(.permissionDenied, "member_id: list a cell's tasks to see other members'")
            }
            column = "member_id"
        case nil:
            owner = actor.memberID
            column = "member_id"
        }
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "tasks",
                                filters: [column, owner])
        return try await read { connection in
            let after = paging.after ?? ["", ""]
            let rows = try connection.query(
                """
                SELECT \(Self.taskColumns) FROM tasks WHERE \(column) = ? AND (due_date, id) > (?, ?)
                ORDER BY due_date, id LIMIT ?
                """,
                [owner, after.first ?? "", after.last ?? "", Int64(paging.pageSize + 1)])
            var list = MemberTaskList()
            list.tasks = try rows.prefix(paging.pageSize).map(Self.task)
            list.nextPageToken = paging.token(list: "tasks", after: [list.tasks.last?.dueDate ?? "", list.tasks.last?.id ?? ""],
                                              hasMore: rows.count > paging.pageSize)
            return list
        }
    }

    static let taskColumns = "id, cell_id, meeting_id, member_id, title, due_date, status, assigned_by, created_at_ms"

    static func task(_ row: Row) throws -> MemberTask {
        var task = MemberTask()
        task.id = try row.get(0)
        task.cellID = try row.get(1)
        task.meetingID = try row.get(2)
        task.memberID = try row.get(3)
        task.title = try row.get(4)
        task.dueDate = try row.get(5)
        task.status = TaskStatus(rawValue: Int32(try row.get(6, as: Int64.self)))
        task.assignedBy = try row.get(7)
        task.createdAtMS = try row.get(8)
        return task
    }
}
