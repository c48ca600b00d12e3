#!/usr/bin/env python3
"""A local RFC 3161 timestamp authority for the signing tests (issue 15).

python3 tests/sign/tsa.py PKI   (PKI: a folder made by tests/sign/pki.sh)

Listens on 127.0.0.1 at a free port, prints its URL ("http://127.0.0.1:
PORT/") on the first line of stdout, and serves until killed.  A POST to
/ is answered as a TSA answers over HTTP (RFC 3161 §3.4): the body is
the TimeStampReq, the reply "openssl ts -reply -config PKI/ts.cnf
-queryfile …" (a whole TimeStampResp), as application/timestamp-reply.
Other paths play a broken or wrong server, for the error tests:
  /404     HTTP 404 with an HTML page
  /html    HTTP 200 with an HTML page (a web page, not a TSA)
  /replay  the reply to the first request this server answered on /
           (a stale reply: its nonce and imprint are not the request's)
  /reject  a well-formed TimeStampResp with status "rejection"
  /empty   status "granted" and no token
  /nocert  a good reply to the request with certReq taken out (no
           certificate in the token)
  /badsig  a good reply with the last byte (of the token's signature
           value) changed
  /big     2 MiB of zeros as application/timestamp-reply
No network beyond 127.0.0.1; nothing kept after it ends but PKI/tsaserial.
"""
import http.server
import os
import subprocess
import sys
import tempfile

PKI = os.path.abspath(sys.argv[1])
FIRST = []
HTML = b"<html><body><h1>Not Found</h1></body></html>\n"


def der(tag, body):
    """A DER TLV (short lengths only: everything here is under 128 bytes)."""
    return bytes([tag, len(body)]) + body


# TimeStampResp { PKIStatusInfo { status 2 (rejection), statusString
# { "policy not accepted" }, failInfo unacceptedPolicy (bit 15) } }.
REJECT = der(0x30, der(0x30, der(0x02, b"\x02") +
                       der(0x30, der(0x0c, b"policy not accepted")) +
                       der(0x03, b"\x00\x00\x01")))
# TimeStampResp { PKIStatusInfo { status 0 (granted) } }, no token.
EMPTY = der(0x30, der(0x30, der(0x02, b"\x00")))


def tlvs(b):
    """The DER elements of b, each as bytes (lengths up to 3 bytes)."""
    out = []
    i = 0
    while i < len(b):
        n = b[i + 1]
        h = 2
        if n & 0x80:
            k = n & 0x7f
            n = int.from_bytes(b[i + 2:i + 2 + k], "big")
            h = 2 + k
        out.append(b[i:i + h + n])
        i += h + n
    return out


def seq(body):
    """A DER SEQUENCE of any length."""
    n = len(body)
    if n < 128:
        return bytes([0x30, n]) + body
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x30, 0x80 | len(ln)]) + ln + body


def no_cert_req(query):
    """The TimeStampReq without its certReq BOOLEAN."""
    inner = tlvs(query)[0]
    hl = 2 + (inner[1] & 0x7f if inner[1] & 0x80 else 0)
    return seq(b"".join(e for e in tlvs(inner[hl:]) if e[0] != 0x01))


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reply(self, query):
        with tempfile.TemporaryDirectory() as t:
            q = os.path.join(t, "q.tsq")
            r = os.path.join(t, "r.tsr")
            with open(q, "wb") as f:
                f.write(query)
            p = subprocess.run(["openssl", "ts", "-reply", "-config",
                                os.path.join(PKI, "ts.cnf"), "-queryfile", q,
                                "-out", r], capture_output=True,
                               env=dict(os.environ, OPENSSL_CONF="/dev/null"))
            if p.returncode != 0:
                return None
            with open(r, "rb") as f:
                return f.read()

    def do_GET(self):
        self.send(404, "text/html", HTML)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        query = self.rfile.read(n)
        if self.path == "/404":
            self.send(404, "text/html", HTML)
        elif self.path == "/html":
            self.send(200, "text/html", HTML)
        elif self.path == "/reject":
            self.send(200, "application/timestamp-reply", REJECT)
        elif self.path == "/empty":
            self.send(200, "application/timestamp-reply", EMPTY)
        elif self.path == "/nocert":
            self.send(200, "application/timestamp-reply",
                      self.reply(no_cert_req(query)) or b"")
        elif self.path == "/big":
            self.send(200, "application/timestamp-reply", bytes(2 << 20))
        elif self.path == "/badsig":
            r = bytearray(self.reply(query) or b"")
            r[-1] ^= 0x01
            self.send(200, "application/timestamp-reply", bytes(r))
        elif self.path == "/replay" and FIRST:
            self.send(200, "application/timestamp-reply", FIRST[0])
        elif self.path == "/":
            r = self.reply(query)
            if r is None:
                self.send(400, "text/plain", b"bad request\n")
                return
            if not FIRST:
                FIRST.append(r)
            self.send(200, "application/timestamp-reply", r)
        else:
            self.send(404, "text/html", HTML)


def main():
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print("http://127.0.0.1:%d/" % srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
