#!/usr/bin/python3
"""A real SMTP server on loopback for the email tests (Debian's python3-aiosmtpd).

Usage: smtp-sink.py PORT FOLDER [DELAY_SECONDS]

Each message it accepts is written to FOLDER as one file (the envelope recipients on a first
`X-Envelope-To:` line, then the message as received) before it answers 250. With a delay it waits
that long after the message's data arrived and before it writes and answers, so a test can kill
it in the middle of a delivery: a message it never answered is never written. Prints "ready" once
it listens.
"""
import asyncio
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        name = os.path.join(self.folder, f"{time.time_ns()}.eml")
        with open(name + ".part", "wb") as out:
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content)
        os.rename(name + ".part", name)
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
