import Glibc
import Synchronization

/// Reads `\n`-terminated lines from a file descriptor, blocking the calling thread.
///
/// Lines are raw bytes (invalid UTF-8 reaches the JSON parser, which reports it). A trailing
/// `\r` is dropped. A line longer than `maxLineBytes` is skipped and reported as
/// ``Line/tooLong(_:)``, so a hostile peer cannot make the reader hold unbounded memory.
public struct FrameReader {
    public enum Line {
        case line(ArraySlice<UInt8>)
        /// A line of this many bytes (at least) was dropped.
        case tooLong(Int)
    }

    private let fd: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var eof = false
    private var skipping = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    public init(fd: Int32, maxLineBytes: Int = 64 << 20) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// The next line, or nil at end of input.
    public mutating func next() -> Line? {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                if skipping > 0 || line.count > maxLineBytes {
                    let dropped = skipping + line.count
                    skipping = 0
                    return .tooLong(dropped)
                }
                if line.last == 0x0D { line = line.dropLast() }
                return .line(line)
            }
            if eof {
                guard start < buffer.count || skipping > 0 else { return nil }
                let line = buffer[start...]
                start = buffer.count
                if skipping > 0 || line.count > maxLineBytes {
                    let dropped = skipping + line.count
                    skipping = 0
                    return .tooLong(dropped)
                }
                return .line(line)
            }
            scanned = buffer.count
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            if buffer.count > maxLineBytes {
                skipping += buffer.count
                buffer.removeAll(keepingCapacity: true)
                scanned = 0
            }
            let n = chunk.withUnsafeMutableBufferPointer { pointer in
                read(fd, pointer.baseAddress!, pointer.count)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                eof = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }
}

/// Writes whole lines to a file descriptor; safe from any thread (one line at a time, never
/// interleaved). After the reader of the pipe has gone (`EPIPE`), writes are dropped.
public final class FrameWriter: Sendable {
    private let fd: Int32
    private let state = Mutex(false)  // closed

    public init(fd: Int32) { self.fd = fd }

    /// Writes `bytes` fully; false when the other side has gone.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        state.withLock { closed in
            guard !closed else { return false }
            let ok = bytes.withUnsafeBufferPointer { pointer -> Bool in
                var offset = 0
                while offset < pointer.count {
                    let n = Glibc.write(fd, pointer.baseAddress! + offset, pointer.count - offset)
                    if n < 0 {
                        if errno == EINTR || errno == EAGAIN { continue }
                        return false
                    }
                    offset += n
                }
                return true
            }
            if !ok { closed = true }
            return ok
        }
    }

    public var isClosed: Bool { state.withLock { $0 } }
}

/// Runs blocking `body` (a recognition, a long computation in C) on a dedicated thread with a
/// `stackSize`-byte stack (8 MiB, a main thread's, by default) and awaits its result, so that it
/// never holds a thread of Swift's cooperative pool; runs it in place if no thread can be had.
public func onOwnThread<T: Sendable>(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> T) async -> T {
    await ServerProcess.Sys.onThread(stackSize: stackSize, body)
}

/// The directory of the running executable (`/proc/self/exe`), where orch-mcp looks first for
/// the programs it starts and for the files beside them; nil where there is no `/proc`.
public func executableDirectory() -> String? {
    ServerProcess.Sys.executableDirectory()
}

/// Runs `body` on a new detached thread (for blocking reads and waits, which must never
/// occupy a thread of Swift's cooperative pool).
public func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        let name: String
        init(_ body: @escaping @Sendable () -> Void, _ name: String) {
            self.body = body
            self.name = name
        }
    }
    let box = Unmanaged.passRetained(Box(body, name)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! Box
        box.body()
        return nil
    }, box)
    if result == 0 {
        pthread_detach(thread)
    } else {
        Unmanaged<AnyObject>.fromOpaque(box).release()
        preconditionFailure("pthread_create failed with \(result)")
    }
}
