import EngineServer

extension EngineService {
    /// The service with the staff dashboard's pages added to its routes.
    /// - Throws: when a dashboard template is missing or does not parse (a packaging bug).
    public func withDashboard() throws -> EngineService {
        var service = self
        service.extensions.append(try DashboardRoutes(self))
        return service
    }
}
