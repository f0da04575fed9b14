import ServiceKit

enum Usage {
    static let text = """
    usage: sotay <command> [arguments]

      up [--data DIR]            start every service built next to this program, each on its
                                 default port with data under DIR (default ./data); wait until
                                 all are healthy; Ctrl-C stops them all
      health [SERVICE...]        Health/Check each service (by default every one built here)
      metrics SERVICE            print a service's metrics (Prometheus text)
      backup SERVICE FILE        online backup of a service's database to FILE (on its machine)
      check SERVICE              integrity check of a service's database
      import units|members FILE.csv [--dry-run | --apply] [--details N]
                                 reconcile a national-registry export with the org service:
                                 every problem by line and column, then what would be added,
                                 changed, moved, missing and in conflict (N of each, default
                                 50); --apply applies a clean file in one transaction;
                                 --dry-run only validates (docs/import.md)
      seed --preset province|national [--seed N] [--out DIR] [--no-import]
                                 write synthetic units and members (province: 60,126 members
                                 in 2,910 cells; national: 6 million in 300,000) as CSV into
                                 DIR (default ./data/seed/PRESET) and import them with
                                 import --apply (docs/seed-and-bench.md)
      certs [--data DIR]         renew every service's TLS certificate from the suite's authority
                                 in DIR/tls (DIR default ./data) and have a running sotay up's
                                 services reload them (SIGHUP; open calls go on)
      outbox [--data DIR] [--last N]
                                 print the last N (default 20) text messages auth sent on this
                                 machine, codes included (DIR/auth/outbox.txt, DIR default ./data)
      appoint-admin MEMBER_ID|me UNIT_ID
                                 make a member (with an account) an administrator of a unit:
                                 how a province's first administrator is appointed ("me":
                                 the member logged in with `sotay app`)
      search members|units QUERY [--unit UNIT_ID] [--limit N] [--ids]
                                 members or units whose name has a word beginning with each
                                 word of QUERY (diacritics optional), in the subtree of
                                 UNIT_ID (default: the whole tree)
      member show MEMBER_ID      a member's record, as far as the caller may see it
      units list [UNIT_ID] [--limit N] [--ids]
                                 a unit and its subtree, indented by depth (default: the root)
      counts [UNIT_ID]           members and units of a subtree (default: the root)
      report --unit UNIT_ID --month YYYY-MM [--format text|csv|html] [--out FILE]
                                 the monthly report of a unit and the units below it, ranked:
                                 registration, reading, meetings, quizzes, feedback (needs the
                                 `sotay app` session of the unit's staff)
      app register CARD "FULL NAME" YYYY-MM-DD PHONE | confirm REGISTRATION_ID CODE |
          login PHONE | login-code PHONE CODE | me | home | id | refresh | sessions
                                 play a member's phone against the running suite: register
                                 with a party card, log in, read your profile from org with
                                 your token (tokens kept in ./data/app-session.txt); home: the
                                 app's home screen as the gateway gathers it
      app feedback send CATEGORY TITLE BODY | list | show ITEM_ID | reopen ITEM_ID REASON;
          app survey list | respond SURVEY_ID Q=V… | results SURVEY_ID; app inbox UNIT_ID [AGENCY] |
          answer ITEM_ID public|private TEXT | refer ITEM_ID WHERE REASON |
          reassign ITEM_ID UNIT_ID AGENCY REASON | agency staff UNIT_ID AGENCY |
          agency appoint|remove UNIT_ID AGENCY MEMBER_ID|me
                                 feedback as a member, and an agency's side as its staff
                                 (appointed by an administrator of the committee's subtree;
                                 AGENCY: office, organisation, propaganda, inspection,
                                 internal-affairs) (Services/feedback/README.md)
      app meetings [YYYY-MM] | checkin MEETING_ID [MEMBER_ID] | polls MEETING_ID |
          vote POLL_ID OPTION [MEMBER_ID] | minutes MEETING_ID [record TEXT CONCLUSIONS [REASON] |
          approve REVISION] | schedule CELL_ID YYYY-MM-DD HH:MM TITLE PLACE |
          schedule CELL_ID year YYYY-MM WEEKDAY ORDINAL HH:MM TITLE PLACE | open|close MEETING_ID |
          templates UNIT_ID | save-template UNIT_ID NAME TITLE PLACE [AGENDA_ITEM…] |
          delete-template UNIT_ID NAME | schedule-template NAME CELL_ID YYYY-MM-DD HH:MM |
          schedule-template NAME CELL_ID year YYYY-MM WEEKDAY ORDINAL HH:MM
                                 a member's meetings, check-in and votes; with a secretary's
                                 grant, check-in and votes for a member (MEMBER_ID), minutes,
                                 scheduling (one meeting, or a year: WEEKDAY 1-7, ORDINAL 1-4|-1),
                                 templates saved by name on a cell or a committee
      app study PROGRAM_ID [MATERIAL_ID SECONDS] [--done] |
          quiz start QUIZ_ID | quiz answer ATTEMPT_ID QUESTION_ID CHOICE[,CHOICE] |
          quiz submit ATTEMPT_ID | quiz result ATTEMPT_ID   [--for MEMBER_ID]
                                 study and take a quiz with your token; --for: a secretary
                                 acting for a member without a phone (a proxy attempt).
                                 `sotay up` seeds a quiz on first start: ./data/learning/demo.txt
      app feed | read ITEM_ID | search QUERY | ask QUESTION | bookmark [ITEM_ID] |
          note ITEM_ID TEXT      the logged-in member's news and library: the feed (• unread,
                                 ★ bookmarked), reading an item (marks it read), search
                                 (diacritics optional), the assistant's cited passages
      content import FOLDER [--dry-run]
                                 load a library of .txt/.md files with a header each into the
                                 content service: every bad file reported by line, nothing
                                 imported unless all are clean (docs/content-import.md)

    Addresses come from SOTAY_<SERVICE>_ADDR (default 127.0.0.1:<port>); admin calls are
    signed with SOTAY_TOKEN_KEY_FILE (default ./data/token.key). search, member, units and
    counts use the `sotay app` session's token (a staff member's grants) when there is one,
    else an operator token (the tree and counts, no member).
    Services: \(ServiceName.allCases.map { $0.rawValue }.joined(separator: ", ")).
    """
}
