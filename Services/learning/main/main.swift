// sotay-learning: the learning service's process (Services/learning/README.md).
import LearningService
import ServiceKit

await ServiceMain.run(LearningServiceDefinition.definition)
