// sotay-meeting: the meeting service's process (Services/meeting/README.md).
import MeetingService
import ServiceKit

await ServiceMain.run(MeetingServiceDefinition.definition)
