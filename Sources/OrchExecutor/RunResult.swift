import Foundation
import OrchJSON
import OrchPlan

/// What happened to one step.
public struct StepResult: Sendable {
    public let id: String
    public let status: ExecutionState.StepStatus
    /// The output of a step that succeeded.
    public let output: JSONValue?
    /// Why a step failed or was cancelled.
    public let error: StepError?
    /// Why a step was skipped, as a sentence naming the step whose failure caused it.
    public let skipReason: String?
    public let attempts: Int
    /// When the first attempt started, in milliseconds since 1970 (UTC).
    public let startedAtMs: Int64?
    /// From the start of the first attempt to the end of the last, in milliseconds.
    public let durationMs: Double?

    /// `{"status", "output"?, "error"?: {"code", "message"}, "attempts", "started_at"?, "duration_ms"?}`.
    public var json: JSONValue {
        var object: JSONObject = ["status": .string(status.rawValue)]
        if let output { object["output"] = output }
        if let error { object["error"] = ["code": .string(error.code.rawValue), "message": .string(error.message)] }
        if let skipReason { object["reason"] = .string(skipReason) }
        object["attempts"] = .int(Int64(attempts))
        if let startedAtMs { object["started_at"] = .string(Timestamp.iso8601(milliseconds: startedAtMs)) }
        if let durationMs { object["duration_ms"] = .double((durationMs * 1000).rounded() / 1000) }
        return .object(object)
    }
}

/// The outcome of a run.
public struct RunResult: Sendable {
    public let runID: String
    public let requestID: String?
    public let status: ExecutionState.RunStatus
    /// In plan order.
    public let steps: [StepResult]
    /// The rendered `final_synthesis.prompt_template`, when the plan has one.
    public let final: String?

    /// `{"run_id", "request_id"?, "status", "steps": {ID: …}, "final"}`.
    public var json: JSONValue {
        var object: JSONObject = ["run_id": .string(runID)]
        if let requestID { object["request_id"] = .string(requestID) }
        object["status"] = .string(status.rawValue)
        var steps = JSONObject(minimumCapacity: self.steps.count)
        for step in self.steps { steps.append(step.id, step.json) }
        object["steps"] = .object(steps)
        object["final"] = final.map(JSONValue.string) ?? .null
        return .object(object)
    }

    public func step(_ id: String) -> StepResult? { steps.first { $0.id == id } }
}

/// ISO 8601 UTC times with milliseconds, written without a formatter (it is on every step).
enum Timestamp {
    static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// `2026-11-21T10:05:00.123Z`.
    static func iso8601(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds % 1000), 3))Z"
    }
}
