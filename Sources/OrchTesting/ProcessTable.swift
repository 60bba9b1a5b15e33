import Foundation
import Glibc

/// Test support: views of /proc, written independently of the process code under test, for
/// checking that no child, zombie or descendant is left behind.
public enum ProcessTable {
    public struct Stat: Sendable {
        public let state: Character
        public let ppid: Int32
        public let pgrp: Int32
        /// Start time in clock ticks: with the pid, it tells a process from a later one that reused the pid.
        public let startTime: String
    }

    /// A /proc file's bytes (empty when it cannot be read).
    public static func read(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            result += buffer[..<count]
        }
        return result
    }

    public static func pids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    public static func stat(_ pid: Int32) -> Stat? {
        let text = String(decoding: read("/proc/\(pid)/stat"), as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ppid = Int32(fields[1]), let pgrp = Int32(fields[2]) else { return nil }
        return Stat(state: state, ppid: ppid, pgrp: pgrp, startTime: String(fields[19]))
    }

    /// Live processes whose environment carries `ORCH_TEST_MARKER=marker`, with their start times.
    public static func marked(_ marker: String) -> [Int32: String] {
        let needle = Array("ORCH_TEST_MARKER=\(marker)".utf8)
        var result: [Int32: String] = [:]
        for pid in pids() where read("/proc/\(pid)/environ").split(separator: 0).contains(where: { Array($0) == needle }) {
            if let stat = stat(pid) { result[pid] = stat.startTime }
        }
        return result
    }

    /// Processes of `found` still in /proc, zombies included (same pid and start time).
    public static func survivors(_ found: [Int32: String]) -> [Int32] {
        found.filter { stat($0.key)?.startTime == $0.value }.map(\.key).sorted()
    }

    public static func children(of parent: Int32) -> [Int32] {
        pids().filter { stat($0)?.ppid == parent }
    }

    /// How many entries a directory has (`/proc/self/fd`, `/proc/self/task`).
    public static func count(_ directory: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).count
    }

    /// Polls `condition` every 10 ms until it holds or `limit` passes.
    public static func eventually(within limit: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}
