// sotay-auth: the auth service's process (Services/auth/README.md).
import AuthService
import ServiceKit

await ServiceMain.run(AuthServiceDefinition.definition)
