import Foundation

/// A throwaway PostgreSQL cluster for the tests: started once per test process in a temporary
/// folder on loopback, with password authentication and a password file, and stopped when the
/// process exits. As root (CI) the server runs as the `postgres` system user Debian's package
/// creates, since `initdb` refuses root. A missing server is a failure, never a skip: `.ci/run`
/// installs it.
public enum TestPostgres {
    /// The running cluster.
    public struct Cluster: Sendable {
        /// The loopback port it listens on.
        public let port: Int
        /// The superuser, whose password is in `passwordFile`.
        public let superuser = "postgres"
        /// The password file (`PGPASSFILE`) holding every test role's password.
        public let passwordFile: String

        /// The environment a client (or the petdesk binary) needs to log in as any test role.
        public var environment: [String: String] { ["PGPASSFILE": passwordFile] }
    }

    /// Why the cluster could not start.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    nonisolated(unsafe) private static var stopFolder: String?
    nonisolated(unsafe) private static var stopBin: String?
    nonisolated(unsafe) private static var stopAsPostgres = false

    /// The cluster, started on first use.
    public static let shared: Result<Cluster, Failure> = Result { () throws(Failure) in try start() }

    /// The running cluster, or the reason it is not running.
    public static func cluster() throws -> Cluster { try shared.get() }

    private static func start() throws(Failure) -> Cluster {
        let roots = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = roots.compactMap(Int.init).max() else {
            throw Failure(description: "no PostgreSQL server under /usr/lib/postgresql: install Debian's postgresql (.ci/run does)")
        }
        let bin = "/usr/lib/postgresql/\(version)/bin"
        let asPostgres = getuid() == 0
        let folder = NSTemporaryDirectory() + "petdesk-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fm = FileManager.default
        do {
            for sub in ["", "/data", "/run"] {
                try fm.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
                try fm.setAttributes([.posixPermissions: sub == "/data" ? 0o700 : 0o755], ofItemAtPath: folder + sub)
            }
            try "postgres\n".write(toFile: folder + "/run/pw", atomically: true, encoding: .utf8)
            // A self-signed certificate: sslmode=require must work against a server's own one.
            try run("/usr/bin/openssl", ["req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=petdesk-test",
                                         "-keyout", folder + "/run/server.key", "-out", folder + "/run/server.crt"])
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder + "/run/server.key")
            if asPostgres {
                try run("/bin/chown", ["-R", "postgres", folder + "/data", folder + "/run"])
            }
        } catch {
            throw Failure(description: "cannot prepare \(folder): \(error)")
        }
        func server(_ tool: String, _ args: [String]) throws(Failure) {
            do {
                if asPostgres {
                    try run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(bin)/\(tool)"] + args)
                } else {
                    try run("\(bin)/\(tool)", args)
                }
            } catch let e as Failure {
                throw e
            } catch {
                throw Failure(description: "\(tool): \(error)")
            }
        }
        try server("initdb", ["-D", folder + "/data", "-A", "scram-sha-256", "-U", "postgres", "--pwfile=\(folder)/run/pw",
                              "-E", "UTF8", "--locale=C.UTF-8"])
        var port = 0
        for _ in 0..<8 {
            let candidate = Int.random(in: 20_000...60_000)
            do {
                try server("pg_ctl", ["-D", folder + "/data", "-l", folder + "/run/pg.log", "-w", "-t", "30", "start", "-o",
                                      "-p \(candidate) -k \(folder)/run -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 "
                                      + "-c ssl=on -c ssl_cert_file=\(folder)/run/server.crt -c ssl_key_file=\(folder)/run/server.key"])
                port = candidate
                break
            } catch {
                continue  // the port was taken: try another
            }
        }
        guard port != 0 else {
            let log = (try? String(contentsOfFile: folder + "/run/pg.log", encoding: .utf8)) ?? ""
            throw Failure(description: "the test server did not start: \(log.suffix(400))")
        }
        stopFolder = folder
        stopBin = bin
        stopAsPostgres = asPostgres
        atexit {
            guard let folder = TestPostgres.stopFolder, let bin = TestPostgres.stopBin else { return }
            let args = ["-D", folder + "/data", "-m", "immediate", "stop"]
            _ = try? TestPostgres.run(TestPostgres.stopAsPostgres ? "/usr/sbin/runuser" : "\(bin)/pg_ctl",
                                  TestPostgres.stopAsPostgres ? ["-u", "postgres", "--", "\(bin)/pg_ctl"] + args : args)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let passwords = folder + "/pgpass"
        do {
            try "127.0.0.1:\(port):*:postgres:postgres\n127.0.0.1:\(port):*:*:agent-password\n".write(toFile: passwords, atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwords)
            setenv("PGPASSFILE", passwords, 1)  // for clients in this process (the store reads it as libpq does)
        } catch {
            throw Failure(description: "cannot write the password file: \(error)")
        }
        return Cluster(port: port, passwordFile: passwords)
    }

    /// A new, empty database on the cluster; returns its URL (as the superuser, or `user`).
    public static func freshDatabase(user: String? = nil) throws -> String {
        let c = try cluster()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(c, "postgres", "CREATE DATABASE \(name)")
        return url(c, database: name, user: user ?? c.superuser)
    }

    /// The URL of `database` on the cluster, as `user`.
    public static func url(_ c: Cluster, database: String, user: String) -> String {
        "postgresql://\(user)@127.0.0.1:\(c.port)/\(database)?sslmode=disable"
    }

    /// Creates a login role whose password (`agent-password`) is in the password file.
    public static func createRole(_ role: String) throws {
        let c = try cluster()
        try psql(c, "postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN "
            + "CREATE ROLE \"\(role)\" LOGIN PASSWORD 'agent-password'; END IF; END $$")
    }

    /// Runs SQL as `user` on `database` through psql; returns what it printed (unaligned, tuples only).
    @discardableResult
    public static func psql(_ c: Cluster, _ database: String, _ sql: String, user: String = "postgres") throws -> String {
        try run("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(c.port), "-U", user,
                                  "-d", database, "-c", sql], environment: c.environment)
    }

    /// Runs a program to completion; throws with its output when it fails. posix_spawn and
    /// waitpid, not Foundation's Process: the server pg_ctl starts inherits the output, and a
    /// Process waiting for it there never returned.
    @discardableResult
    static func run(_ path: String, _ args: [String], environment: [String: String] = [:]) throws -> String {
        let log = NSTemporaryDirectory() + "petdesk-run-\(UUID().uuidString).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        // From /, which the `postgres` user can enter (our working folder it may not).
        let argv = (["/bin/sh", "-c", "cd / && exec \"$0\" \"$@\"", path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "\((path as NSString).lastPathComponent) \(args.prefix(3).joined(separator: " ")) failed: \(text.suffix(600))")
        }
        return text
    }
}
