import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: SessionController())
    try app.register(collection: HomeController())
    try app.register(collection: OrganizationController())
    try app.register(collection: EmployerController())
    try app.register(collection: MemberController())
    try app.register(collection: ImportController())
    try app.register(collection: AuditController())
    try app.register(collection: ReliefController())
    try app.register(collection: ReliefFileController())
    try app.register(collection: ReliefApplicationController())
    try app.register(collection: PetitionController())
    try app.register(collection: MediationController())
    try app.register(collection: AlertController())
    try app.register(collection: OrganizationAPIController())
    try app.register(collection: EmployerAPIController())
    try app.register(collection: MemberAPIController())
    try app.register(collection: ImportAPIController())
    try app.register(collection: ReliefAPIController())
    try app.register(collection: PetitionAPIController())
    try app.register(collection: OpenAPIController())
}
