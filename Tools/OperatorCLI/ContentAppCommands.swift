import ContentContracts
import Foundation
import RPC

/// `sotay app feed | read ID | search QUERY | ask QUESTION | bookmark [ID] | note ID TEXT`:
/// the member's reading side of the content service, with the `sotay app` session's token.
struct ContentAppCommands {
    static let commands: Set<String> = ["feed", "read", "search", "ask", "bookmark", "note"]

    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    func run() async throws -> Int32 {
        let content = ContentServiceClient(channel: try environment.channel(to: .content))
        guard let metadata = session.accessMetadata() else {
            throw CLIError(description: "log in first: sotay app login PHONE")
        }
        let options = CallOptions(metadata: metadata)
        let rest = arguments.dropFirst().joined(separator: " ")
        switch (arguments.first, arguments.count) {
        case ("feed", 1):
            let feed = try await cliCall { try await content.listFeed(ListFeedRequest(), options: options) }
            for item in feed.items { print(line(item)) }
            if feed.items.isEmpty { print("nothing published for you yet") }
        case ("read", 2):
            var get = GetItemRequest()
            get.itemID = arguments[1]
            let item = try await cliCall { try await content.getItem(get, options: options) }
            var mark = ItemRequest()
            mark.itemID = item.id
            _ = try await cliCall { try await content.markRead(mark, options: options) }
            print(line(item))
            print("")
            print(item.content?.body ?? "")
            if !item.note.isEmpty { print("\nyour note: \(item.note)") }
        case ("search", 2...):
            var request = SearchRequest()
            request.query = rest
            request.pageSize = 10
            let found = try await cliCall { try await content.search(request, options: options) }
            for hit in found.hits { print(line(hit.item ?? Item()) + "\n    " + hit.snippet) }
            if found.hits.isEmpty { print("nothing found") }
        case ("ask", 2...):
            var request = AskRequest()
            request.question = rest
            let answer = try await cliCall { try await content.ask(request, options: options) }
            guard answer.answered else {
                print("no answer found in the documents you may read")
                return 0
            }
            for passage in answer.passages {
                print("[\(passage.number.isEmpty ? passage.title : passage.number + " " + passage.title)] \(passage.section)")
                print("    " + passage.text.replacingOccurrences(of: "\n", with: "\n    "))
            }
        case ("bookmark", 1):
            let list = try await cliCall { try await content.listBookmarks(ListBookmarksRequest(), options: options) }
            for item in list.items { print(line(item)) }
            if list.items.isEmpty { print("no bookmarks") }
        case ("bookmark", 2):
            var request = SetBookmarkRequest()
            request.itemID = arguments[1]
            request.bookmarked = true
            print(line(try await cliCall { try await content.setBookmark(request, options: options) }))
        case ("note", 3...):
            var request = SetNoteRequest()
            request.itemID = arguments[1]
            request.text = arguments.dropFirst(2).joined(separator: " ")
            print(line(try await cliCall { try await content.setNote(request, options: options) }))
        default:
            throw CLIError.usage("cannot read 'app \(arguments.joined(separator: " "))'")
        }
        return 0
    }

    /// One item on one line: id, read mark, bookmark, number and title.
    private func line(_ item: Item) -> String {
        let marks = (item.read ? " " : "•") + (item.bookmarked ? "★" : " ")
        let content = item.content ?? ItemContent()
        let number = content.number.isEmpty ? "" : content.number + "  "
        return "\(marks) \(item.id)  \(number)\(content.title)"
    }
}
