#!/usr/bin/env python3
"""A webhook receiver for the sandbox's delivery tests: serves HTTP on 127.0.0.1, writes each POST it receives as one
JSON line (path, headers, body) to --log, answers 500 to the first --fail posts and 200 to the rest, and prints
'READY <port>' once listening. Stops on SIGTERM."""
import argparse, json, os, signal, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument('--port', type=int, default=0)
ap.add_argument('--fail', type=int, default=0)
ap.add_argument('--log', required=True)
args = ap.parse_args()
lock = threading.Lock()
state = {'failures': args.fail}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = min(int(self.headers.get('Content-Length', '0') or 0), 1 << 20)
        body = self.rfile.read(length)
        with lock:
            fail = state['failures'] > 0
            state['failures'] -= 1 if fail else 0
            with open(args.log, 'a') as out:
                out.write(json.dumps({'path': self.path, 'headers': dict(self.headers), 'body': json.loads(body or b'null'),
                                      'answered': 500 if fail else 200}) + '\n')
        self.send_response(500 if fail else 200)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *_):
        pass


ThreadingHTTPServer.request_queue_size = 128  # the default 5 resets connections when many posts arrive at once
server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
# A process started by a test may inherit a blocked SIGTERM: unblock it; every post is already in the log.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
print(f'READY {server.server_address[1]}', flush=True)
server.serve_forever()
