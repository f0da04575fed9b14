// sotay-org: the org service's process (Services/org/README.md).
import OrgService
import ServiceKit

await ServiceMain.run(OrgServiceDefinition.definition)
