"""An HTTP server on 127.0.0.1 that misbehaves on purpose, for receipt-ocr's fetch tests.

  /big.png?bytes=N   200, image/png, an honest Content-Length of N and N bytes (a PNG signature, then zeros)
  /liar.png          200, image/png, Content-Length of 10 GiB, then 64 KiB and a stall
  /stall.png         reads the request and never answers
  /chunked.png?bytes=N  200, image/png, N bytes without Content-Length, 64 KiB every 20 ms

Prints "Serving on port N" when it listens (the tests read the port from it). Every handler
gives up after 60 s, so nothing outlives a test run for long even if its client vanished.
"""
import http.server
import socketserver
import sys
import time
import urllib.parse

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _size(self, default):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        return int(query.get("bytes", [default])[0])

    def _send_body(self, size, chunk=1 << 16, pause=0.0):
        self.wfile.write(PNG_SIGNATURE[:size])
        left = size - min(size, len(PNG_SIGNATURE))
        zeros = bytes(chunk)
        while left > 0:
            n = min(left, chunk)
            self.wfile.write(zeros[:n])
            left -= n
            if pause:
                self.wfile.flush()
                time.sleep(pause)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        try:
            if path == "/big.png":
                size = self._size(1 << 20)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(size))
                self.end_headers()
                self._send_body(size)
            elif path == "/liar.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(10 << 30))
                self.end_headers()
                self._send_body(1 << 16)
                self.wfile.flush()
                time.sleep(60)
            elif path == "/stall.png":
                time.sleep(60)
            elif path == "/chunked.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Connection", "close")
                self.end_headers()
                self._send_body(self._size(1 << 20), pause=0.02)
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(f"Serving on port {server.server_address[1]}", flush=True)
    server.serve_forever()
