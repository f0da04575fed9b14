// sotay-feedback: the feedback service's process (Services/feedback/README.md).
import FeedbackService
import ServiceKit

await ServiceMain.run(FeedbackServiceDefinition.definition)
