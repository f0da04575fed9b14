// sotay-content: the content service's process (Services/content/README.md).
import ContentService
import ServiceKit

await ServiceMain.run(ContentServiceDefinition.definition)
