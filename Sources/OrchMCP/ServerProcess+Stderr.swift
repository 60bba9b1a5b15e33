import Glibc
import Synchronization

extension ServerProcess {
    /// The read end of a child's stderr, drained by its own thread into a 64 KiB ring and,
    /// when a handler is set, split into lines.
    ///
    /// The reader thread polls the pipe and an eventfd; the eventfd asks it to stop (after
    /// teardown, when a descendant we could not find may still hold the pipe open). It owns
    /// both fds and closes them when it ends. Reads happen under `io`, so the waiter thread
    /// can drain what the child wrote before its exit is announced, in order.
    /// Lock order: `io` before `shared`.
    final class StderrPipe: Sendable {
        static let tailCapacity = 64 << 10
        private static let chunk = 64 << 10
        private static let drainLimit = 64  // reads of `chunk` bytes: 4 MiB
        private static let longestLine = 64 << 10

        private struct IO {
            var fd: Int32
            var buffer: [UInt8] = []
            var partialLine: [UInt8] = []
        }

        private struct Shared {
            var tail = ByteRing(capacity: StderrPipe.tailCapacity)
            var lineHandler: (@Sendable (String) -> Void)?
            var wakeFD: Int32
            var stopRequested = false
            var finished = false
            var finishWaiters: [CheckedContinuation<Void, Never>] = []
        }

        private let fd: Int32
        private let wakeFD: Int32
        private let io: Mutex<IO>
        private let shared: Mutex<Shared>

        /// Takes ownership of `fd` (non-blocking is set here) and `wakeFD`.
        init(fd: Int32, wakeFD: Int32) {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            self.fd = fd
            self.wakeFD = wakeFD
            self.io = Mutex(IO(fd: fd))
            self.shared = Mutex(Shared(wakeFD: wakeFD))
        }

        /// The reader thread's body: reads until end of file or a stop request.
        func run() {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            while true {
                fds[0].revents = 0
                fds[1].revents = 0
                if poll(&fds, 2, -1) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 {
                    var counter: UInt64 = 0
                    _ = read(wakeFD, &counter, 8)
                    if shared.withLock({ $0.stopRequested }) {
                        _ = readPipe(maxReads: Self.drainLimit)
                        break
                    }
                }
                if fds[0].revents != 0, readPipe(maxReads: 1) { break }
            }
            finish()
        }

        /// Reads whatever the pipe holds now (up to 4 MiB). The waiter thread calls this after
        /// the child exited, so everything it wrote is in the tail before anyone hears of the exit.
        func drain() {
            _ = readPipe(maxReads: Self.drainLimit)
        }

        /// Asks the reader thread to read what is left and end. Safe to call more than once.
        func requestStop() {
            shared.withLock { shared in
                guard !shared.finished, !shared.stopRequested else { return }
                shared.stopRequested = true
                var one: UInt64 = 1
                _ = write(shared.wakeFD, &one, 8)
            }
        }

        /// Returns once the reader thread has ended and closed the pipe.
        func awaitFinished() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = shared.withLock { shared in
                    if shared.finished { return true }
                    shared.finishWaiters.append(continuation)
                    return false
                }
                if done { continuation.resume() }
            }
        }

        func setLineHandler(_ body: @escaping @Sendable (String) -> Void) {
            shared.withLock { $0.lineHandler = body }
        }

        /// The kept bytes as text, starting at a character boundary.
        func tail() -> String {
            let bytes = shared.withLock { $0.tail.contents }
            let start = bytes.prefix(3).prefix { $0 & 0xC0 == 0x80 }.count
            return String(decoding: bytes[start...], as: UTF8.self)
        }

        /// Up to `maxReads` non-blocking reads; true at end of file (or a read error).
        private func readPipe(maxReads: Int) -> Bool {
            io.withLock { io in
                let fd = io.fd
                guard fd >= 0 else { return true }
                if io.buffer.isEmpty { io.buffer = [UInt8](repeating: 0, count: Self.chunk) }
                for _ in 0..<maxReads {
                    let count = io.buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        consume(count, &io)
                    } else if count == 0 {
                        return true
                    } else if errno == EAGAIN {
                        return false
                    } else if errno != EINTR {
                        return true
                    }
                }
                return false
            }
        }

        private func consume(_ count: Int, _ io: inout IO) {
            let handler = io.buffer.withUnsafeBufferPointer { bytes in
                shared.withLock { shared in
                    shared.tail.append(UnsafeBufferPointer(rebasing: bytes[..<count]))
                    return shared.lineHandler
                }
            }
            guard let handler else {
                io.partialLine.removeAll()
                return
            }
            var start = 0
            for index in 0..<count where io.buffer[index] == 0x0A {
                io.partialLine.append(contentsOf: io.buffer[start..<index])
                emit(&io.partialLine, handler)
                start = index + 1
            }
            io.partialLine.append(contentsOf: io.buffer[start..<count])
            if io.partialLine.count > Self.longestLine { emit(&io.partialLine, handler) }
        }

        private func emit(_ line: inout [UInt8], _ handler: @Sendable (String) -> Void) {
            if line.last == 0x0D { line.removeLast() }
            handler(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
        }

        private func finish() {
            io.withLock { io in
                if !io.partialLine.isEmpty, let handler = shared.withLock({ $0.lineHandler }) {
                    emit(&io.partialLine, handler)
                }
                close(io.fd)
                io.fd = -1
                io.buffer = []
            }
            let waiters = shared.withLock { shared in
                shared.finished = true
                close(shared.wakeFD)
                shared.wakeFD = -1
                defer { shared.finishWaiters = [] }
                return shared.finishWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// The last `capacity` bytes appended.
    struct ByteRing: Sendable {
        let capacity: Int
        private var storage: [UInt8] = []
        private var head = 0  // the oldest byte, once full

        init(capacity: Int) { self.capacity = capacity }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            var rest = bytes[...]
            if rest.count >= capacity {
                storage = Array(rest.suffix(capacity))
                head = 0
                return
            }
            if storage.count < capacity {
                let taken = min(capacity - storage.count, rest.count)
                storage.append(contentsOf: rest.prefix(taken))
                rest = rest.dropFirst(taken)
            }
            while !rest.isEmpty {
                let taken = min(capacity - head, rest.count)
                storage.replaceSubrange(head..<head + taken, with: rest.prefix(taken))
                head = (head + taken) % capacity
                rest = rest.dropFirst(taken)
            }
        }

        var contents: [UInt8] {
            head == 0 ? storage : Array(storage[head...] + storage[..<head])
        }
    }
}
