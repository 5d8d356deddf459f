import Foundation

/// Where a team's PostgreSQL database is and how to reach it, from a
/// `postgresql://USER@HOST:PORT/DB?sslmode=MODE` URL. The password is never part of it: it
/// comes from `PGPASSWORD` or the password file (`PGPASSFILE`, else `~/.pgpass`), as libpq reads them.
struct PostgresLocation: Equatable, Sendable {
    /// How the connection is encrypted (libpq's `sslmode`).
    enum SSLMode: String, Sendable, CaseIterable {
        /// Plain text (loopback, or a trusted network).
        case disable
        /// TLS when the server offers it, plain text otherwise (libpq's default).
        case prefer
        /// TLS always; the server's certificate is not checked (it may be self-signed).
        case require
        /// TLS always, with the certificate checked against `sslrootcert` or the system's roots.
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    var user: String
    var host: String
    var port: Int
    var database: String
    var sslMode: SSLMode
    /// A CA certificate file for `verify-ca`/`verify-full` (the URL's `sslrootcert`).
    var rootCertificate: String?

    /// The URL as messages show it (it never holds a password).
    var display: String {
        "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// Parses `url`, filling what it leaves out as libpq does: user from `PGUSER` or the login
    /// name, host from `PGHOST` or localhost, port from `PGPORT` or 5432, database from
    /// `PGDATABASE` or the user's name.
    static func parse(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> PostgresLocation {
        func refuse(_ reason: String) -> StoreError { .cannotOpen(path: url, reason: reason) }
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            throw refuse("not a postgresql://USER@HOST:PORT/DB URL")
        }
        if components.password != nil {
            throw .cannotOpen(path: "postgresql://…", reason: "a password in the URL is visible to every user of this machine (ps, shell history); "
                + "remove it and put it in ~/.pgpass or PGPASSWORD")
        }
        let login = environment["USER"] ?? ProcessInfo.processInfo.userName
        let user = components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? login
        var host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? user
        var location = PostgresLocation(user: user, host: host, port: port, database: database, sslMode: .prefer)
        if let mode = environment["PGSSLMODE"], let m = SSLMode(rawValue: mode) { location.sslMode = m }
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let m = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw refuse("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                location.sslMode = m
            case "sslrootcert":
                location.rootCertificate = item.value
            case "password":
                throw .cannotOpen(path: "postgresql://…", reason: "a password in the URL is visible to every user of this machine; "
                    + "remove it and put it in ~/.pgpass or PGPASSWORD")
            default:
                throw refuse("unknown parameter \(item.name) (petdesk reads sslmode and sslrootcert)")
            }
        }
        return location
    }

    /// The password for this location: `PGPASSWORD`, else the first matching line of the
    /// password file (`host:port:database:user:password`, `*` matching anything, `\` escaping
    /// `:` and `\`). Like libpq, a password file that others may read is ignored.
    func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let p = environment["PGPASSWORD"] { return p }
        let file = environment["PGPASSFILE"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pgpass").path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.passFields(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }) {
                return fields[4]
            }
        }
        return nil
    }

    /// Splits one password-file line at unescaped colons.
    static func passFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
