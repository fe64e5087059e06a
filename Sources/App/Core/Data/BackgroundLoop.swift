import Vapor

/// A loop `serve` runs beside the server (the import queue, the statistics refresher, the replica's lag check),
/// cancelled when the application shuts down. Vapor's serve returns once the server is up, so the loops are stopped
/// by the app's shutdown, not by the command. The shutdown waits for the step in hand to finish: the databases
/// close after the lifecycle handlers, and a step that reached for `app.db` once they had closed would stop the
/// process with a trap instead of an orderly exit. Each loop checks for cancellation between its steps.
struct BackgroundLoop: LifecycleHandler {
    let task: Task<Void, Never>

    func shutdownAsync(_ application: Application) async {
        task.cancel()
        await task.value
    }

    static func start(_ app: Application, _ body: @escaping @Sendable () async -> Void) {
        app.lifecycle.use(BackgroundLoop(task: Task { await body() }))
    }
}
