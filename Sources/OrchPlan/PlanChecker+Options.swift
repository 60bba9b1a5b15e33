import OrchJSON

extension PlanChecker {
    /// `timeout_ms`, `retry`, `priority`, `on_error`, `idempotency_key`.
    mutating func readOptions(_ step: JSONObject, path: String, into draft: inout Draft) {
        if let value = step["timeout_ms"] {
            if let ms = value.intValue, ms > 0, ms <= 86_400_000 {
                draft.timeoutMs = Int(ms)
            } else {
                issue("\(path)/timeout_ms", "\"timeout_ms\" must be a whole number of milliseconds from 1 to 86400000 (a day), found \(value.shortDescription).")
            }
        }
        if let value = step["priority"] {
            if let priority = value.intValue, abs(priority) <= 1_000_000 {
                draft.priority = Int(priority)
            } else {
                issue("\(path)/priority", "\"priority\" must be a whole number from -1000000 to 1000000 (higher runs first), found \(value.shortDescription).")
            }
        }
        if let value = step["on_error"] {
            if let text = value.stringValue, let mode = OnError(rawValue: text) {
                draft.onError = mode
            } else {
                issue("\(path)/on_error", "\"on_error\" must be \"fail\" or \"continue\", found \(value.shortDescription).")
            }
        }
        if let value = step["idempotency_key"] {
            if let key = value.stringValue, !key.isEmpty {
                draft.idempotencyKey = key
            } else {
                issue("\(path)/idempotency_key", "\"idempotency_key\" must be a non-empty string, found \(value.shortDescription).")
            }
        }
        if let value = step["retry"] { readRetry(value, path: "\(path)/retry", into: &draft) }
    }

    private mutating func readRetry(_ value: JSONValue, path: String, into draft: inout Draft) {
        guard case .object(let retry) = value else {
            issue(path, "\"retry\" must be an object {\"strategy\", \"max_retries\", …}, found \(value.shortDescription).")
            return
        }
        for key in retry.keys where !retryMembers.contains(key) {
            let near = retryMembers.first { ToolCatalog.editDistance(key, $0) <= 2 }
            issue("\(path)/\(key)", "Unknown retry setting '\(key)'.\(near.map { " Did you mean '\($0)'?" } ?? " The settings are \(retryMembers.joined(separator: ", ")).")")
        }
        var policy = RetryPolicy(strategy: .exponential, maxRetries: 3)
        if let strategy = retry["strategy"] {
            if let text = strategy.stringValue, let parsed = RetryPolicy.Strategy(rawValue: text) {
                policy.strategy = parsed
            } else {
                issue("\(path)/strategy", "\"strategy\" must be none, immediate, linear or exponential, found \(strategy.shortDescription).")
            }
        }
        func count(_ key: String, max limit: Int, _ apply: (inout RetryPolicy, Int) -> Void) {
            guard let value = retry[key] else { return }
            if let n = value.intValue, n >= 0, n <= limit {
                apply(&policy, Int(n))
            } else {
                issue("\(path)/\(key)", "\"\(key)\" must be a whole number from 0 to \(limit), found \(value.shortDescription).")
            }
        }
        count("max_retries", max: 100) { $0.maxRetries = $1 }
        count("base_delay_ms", max: 3_600_000) { $0.baseDelayMs = $1 }
        count("max_delay_ms", max: 3_600_000) { $0.maxDelayMs = $1 }
        if retry["max_delay_ms"] != nil, retry["base_delay_ms"] != nil, policy.maxDelayMs < policy.baseDelayMs {
            issue("\(path)/max_delay_ms", "\"max_delay_ms\" (\(policy.maxDelayMs)) is less than \"base_delay_ms\" (\(policy.baseDelayMs)).")
        }
        if let jitter = retry["jitter"] {
            if let on = jitter.boolValue { policy.jitter = on } else {
                issue("\(path)/jitter", "\"jitter\" must be true or false, found \(jitter.shortDescription).")
            }
        }
        if let list = retry["retry_on"] {
            if case .array(let codes) = list {
                var set = Set<StepError.Code>()
                for (i, code) in codes.enumerated() {
                    if let text = code.stringValue, StepError.Code.known.contains(text) {
                        set.insert(StepError.Code(text))
                    } else {
                        issue("\(path)/retry_on/\(i)", "\(code.shortDescription) is not a step error code; the codes are \(StepError.Code.known.sorted().joined(separator: ", ")).")
                    }
                }
                policy.retryOn = set
            } else {
                issue("\(path)/retry_on", "\"retry_on\" must be an array of error codes, found \(list.shortDescription).")
            }
        }
        if policy.strategy == .none { policy.maxRetries = 0 }
        draft.retry = policy
    }
}
