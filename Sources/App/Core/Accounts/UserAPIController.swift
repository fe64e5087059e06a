import Domain
import Fluent
import Vapor

/// `/api/v1/users` for the administrator: the accounts with their ids, and a new account (its initial password is
/// shown once and must be changed at first sign-in), so a setup can be scripted through the API end to end.
struct UserAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .api(.users), .userAdmin, doc: APIDoc(summary: "用户列表（系统管理员）"), use: list)
        routes.endpoint(
            .POST, .api(.users), .userAdmin, doc: APIDoc(summary: "新建用户（返回一次性初始密码，首次登录须修改）", body: UserFields.inputFields),
            use: create)
    }

    struct UserDTO: Content {
        var id: Int
        var username: String
        var displayName: String
        var role: String
        var orgId: Int
        var disabled: Bool
        var mustChangePassword: Bool
        var awaySince: String?

        init(_ u: User) {
            id = u.id ?? 0
            username = u.username
            displayName = u.displayName
            role = u.role
            orgId = u.$org.id
            disabled = u.disabled
            mustChangePassword = u.mustChangePassword
            awaySince = u.awaySince
        }
    }

    struct CreatedDTO: Content {
        var user: UserDTO
        var initialPassword: String
    }

    func list(req: Request) async throws -> [UserDTO] {
        try await User.query(on: req.db).sort(\.$username).all().map(UserDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let f = try UserFields.validate(try req.decodeJSON(FormFields.self))
        let (user, password) = try await UserQuery.create(
            username: f.username, displayName: f.displayName, role: f.role, orgID: f.orgId, app: req.application, actor: req.actor,
            on: req.db)
        return try await CreatedDTO(user: UserDTO(user), initialPassword: password).encodeResponse(status: .created, for: req)
    }
}
