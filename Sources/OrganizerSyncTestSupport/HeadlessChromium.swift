public import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Debian's `chromium`, headless, driven over the DevTools protocol through `--remote-debugging-pipe`: opens a
/// local HTML file, records every console error, uncaught exception and network request the page makes, runs
/// script in it, clicks and types like a user, and takes PNG screenshots.
///
/// ```
/// let browser = try HeadlessChromium()
/// defer { browser.close() }
/// try browser.open(file)
/// try browser.requireClean()          // no console error, no request but the page itself
/// let count = try browser.evaluate("document.querySelectorAll('tr').length")
/// try browser.screenshot(named: "plan-review")
/// ```
///
/// Every wait has a deadline (`timeout`): a browser that does not answer is killed with its process group and
/// the call throws. The browser is a ``ChildProcess`` of ours (swift-subprocess) with
/// stdin from /dev/null and stdout/stderr in files; the DevTools messages travel over a socket pair the child
/// sees as descriptors 3 and 4. Host names resolve to nothing (`--host-resolver-rules`), so a page that tries
/// the network reaches nothing either way.
///
/// Not `Sendable`: one test uses one browser from one task. Waits (up to `timeout`) are `async` and poll the
/// DevTools socket without blocking, so a test driving a browser never holds a thread of Swift's shared task
/// pool that in-process simulators and other tests need.
public final class HeadlessChromium {
    /// How long one step (a load, one command) may take; starting the browser may take up to two minutes more
    /// (a loaded two-core machine).
    public private(set) var timeout: TimeInterval
    /// Console errors, uncaught exceptions and error log entries (a Content-Security-Policy violation, a
    /// failed load) since the last ``open(_:)``.
    public internal(set) var consoleErrors: [String] = []
    /// The URLs the page requested besides itself since the last ``open(_:)``.
    public internal(set) var requests: [String] = []

    /// The browser's process (leader of its own process group), killed with its group by ``close()`` when it
    /// does not end when asked.
    let browser: ChildProcess
    /// Our end of the DevTools socket pair; owned by this object and closed by ``close()``.
    ///
    /// The child's end
    /// is closed in `init` once the child holds it as descriptors 3 and 4.
    let socket: Int32
    let scratch: TemporaryDirectory
    var buffer: [UInt8] = []
    var answers: [Int: [String: Any]] = [:]
    var nextID = 1
    var sessionID: String?
    var pageURL: String?
    var loaded = false
    private var isClosed = false

    /// Starts the browser with an empty page `width` × `height` CSS pixels large.
    /// - Throws: ``HeadlessChromiumError`` when `chromium` is missing (run `Scripts/setup.sh`) or does not
    ///   answer within `timeout`.
    public init(timeout: TimeInterval = 30, width: Int = 1280, height: Int = 900) async throws {
        let executable = try Self.executable()
        // One browser at a time in a test process: each is half a dozen processes, and two cores shared with
        // the rest of the suite start several of them too slowly. Waiting here is async, not a blocked thread.
        await ConcurrencyGate.browser.acquire()
        self.timeout = max(timeout, 120)
        do {
            scratch = try TemporaryDirectory(prefix: "chromium")
        } catch {
            await ConcurrencyGate.browser.release()
            throw error
        }
        var pair: [Int32] = [0, 0]
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, socketType, 0, &pair) == 0 else {
            scratch.remove()
            await ConcurrencyGate.browser.release()
            throw HeadlessChromiumError("socketpair failed: \(String(cString: strerror(errno)))")
        }
        socket = pair[0]
        let profile = scratch.url.appendingPathComponent("profile").path
        var arguments = [
            "--headless", "--remote-debugging-pipe", "--user-data-dir=\(profile)", "--no-first-run",
            "--no-default-browser-check", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--mute-audio", "--hide-scrollbars", "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=\(width),\(height)", "about:blank",
        ]
        // Chromium refuses to run as root with its sandbox on (CI and these machines run tests as root).
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        // swift-subprocess hands a child only stdin, stdout and stderr, and the DevTools pipe is descriptors 3
        // and 4: the child's end of the pair goes in as stdin and stdout, and a shell moves it to 3 and 4, puts
        // /dev/null and the stdout file back and execs the browser (same pid, so the process group is the
        // browser's).
        let relay = #"out=$1; shift; exec "$@" 3<&0 4>&1 </dev/null >"$out""#
        var opened = [FileDescriptor(rawValue: pair[1])]
        do {
            let childEnd = opened[0]
            let error = try ChildProcess.createOutput(scratch.url.appendingPathComponent("stderr").path)
            opened.append(error)
            let second = try childEnd.duplicate()
            opened = []  // from here ChildProcess.start owns all three
            browser = try await ChildProcess.start(
                "/bin/sh",
                ["-c", relay, "sh", scratch.url.appendingPathComponent("stdout").path, executable] + arguments,
                input: childEnd,
                output: second,
                error: error,
                newProcessGroup: true
            )
        } catch {
            for descriptor in opened { try? descriptor.close() }
            closeDescriptor(pair[0])
            scratch.remove()
            await ConcurrencyGate.browser.release()
            throw error
        }
        do {
            try await startPage(width: width, height: height)
            self.timeout = timeout
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// The browser to run: `$ORGANIZER_SYNC_CHROMIUM`, else `chromium` (Debian) or `chromium-browser` in PATH.
    /// - Throws: ``HeadlessChromiumError`` naming what to install when there is none: the tests that need a
    ///   browser fail, they never skip.
    public static func executable() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["ORGANIZER_SYNC_CHROMIUM"], !given.isEmpty {
            guard let path = resolveExecutable(given) else {
                throw HeadlessChromiumError("ORGANIZER_SYNC_CHROMIUM=\(given) is not an executable")
            }
            return path
        }
        for name in ["chromium", "chromium-browser"] {
            if let path = resolveExecutable(name) { return path }
        }
        throw HeadlessChromiumError(
            "chromium is not installed (looked for chromium and chromium-browser in PATH): run Scripts/setup.sh, "
                + "which installs Debian's chromium package, or set ORGANIZER_SYNC_CHROMIUM"
        )
    }

    /// Where tests keep screenshots and pages for people to look at: `$ORGANIZER_SYNC_TEST_ARTIFACTS`, else
    /// `.build/test-artifacts/` of the package the test binary was built in (created when missing).
    public static func artifactsDirectory() throws -> URL {
        let directory: URL
        if let given = ProcessInfo.processInfo.environment["ORGANIZER_SYNC_TEST_ARTIFACTS"], !given.isEmpty {
            directory = URL(fileURLWithPath: given, isDirectory: true)
        } else {
            var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            while candidate.path != "/" && candidate.lastPathComponent != ".build" {
                candidate = candidate.deletingLastPathComponent()
            }
            guard candidate.lastPathComponent == ".build" else {
                throw HeadlessChromiumError(
                    "the test binary is not under a .build directory: set ORGANIZER_SYNC_TEST_ARTIFACTS"
                )
            }
            directory = candidate.appendingPathComponent("test-artifacts", isDirectory: true)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Opens `file` and waits for its load event (scripts have run by then).
    ///
    /// Clears ``consoleErrors`` and ``requests`` first.
    public func open(_ file: URL) async throws {
        consoleErrors = []
        requests = []
        loaded = false
        let url = file.absoluteURL.absoluteString
        pageURL = url
        let result = try await command("Page.navigate", ["url": url])
        if let failure = result["errorText"] as? String {
            throw HeadlessChromiumError("chromium could not open \(file.path): \(failure)")
        }
        try await waitUntil("the load event of \(file.path)") { self.loaded }
    }

    /// Throws unless the page logged no console error and requested nothing but itself.
    public func requireClean() throws {
        var problems: [String] = []
        if !consoleErrors.isEmpty { problems.append("console errors: \(consoleErrors.joined(separator: " | "))") }
        if !requests.isEmpty { problems.append("network requests: \(requests.joined(separator: ", "))") }
        if !problems.isEmpty {
            throw HeadlessChromiumError("the page \(pageURL ?? "?") is not clean: \(problems.joined(separator: "; "))")
        }
    }

    /// Ends the browser: asks it to close, then kills its process group when it has not exited within 5 s.
    ///
    /// Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = try? post("Browser.close", [:], session: false)
        let deadline = Date().addingTimeInterval(5)
        while browser.status == nil && Date() < deadline { usleep(20_000) }
        if browser.status == nil { browser.signalGroup(SIGKILL) }
        closeDescriptor(socket)
        scratch.remove()
        Task { await ConcurrencyGate.browser.release() }
    }

    /// The last lines chromium wrote to stderr (for error messages).
    var stderrTail: String {
        let data = (try? Data(contentsOf: scratch.url.appendingPathComponent("stderr"))) ?? Data()
        return String(decoding: data.suffix(2_000), as: UTF8.self)
    }
}

/// `close(2)`, by a name the class's own ``HeadlessChromium/close()`` does not hide.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
