"""Reading a response body with a cap on what it *decodes* to, not only on what crosses the wire.

httpx decodes ``Content-Encoding`` chunk by chunk without a bound: one 64 KB chunk of a gzip bomb
inflates to ~64 MB, and ``gzip, gzip`` multiplies that again (a few KB on the wire, gigabytes in
memory). So bodies are read raw and inflated here, each layer asked for no more than the cap allows
(``zlib``'s ``max_length``), and the read stops as soon as the decoded body passes the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

# What citeguard asks servers for: the encodings inflated here, nothing it cannot bound.
ACCEPT_ENCODING = "gzip, deflate"
MAX_LAYERS = 2  # "gzip, gzip" is seen from misconfigured proxies; more is an attack or a bug
# Compressed data may be a little larger than its output (incompressible data, block headers):
# an inner layer's output (the next layer's input) is allowed this much over the cap.
_SLACK = 64 * 1024


class BodyTooLarge(Exception):
    """The body decodes to more than the cap (or uses an encoding that cannot be bounded)."""


class _Layer:
    """One Content-Encoding layer, inflating at most ``limit`` bytes per call."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._raw_deflate = False
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if name in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        """Inflate ``data``; more than ``limit`` bytes of output is BodyTooLarge."""
        if self.name == "deflate" and not self._started and data:
            self._started = True
            try:  # RFC 9110 deflate is zlib-wrapped; some servers send raw deflate (as browsers accept)
                return self._inflate(data, limit)
            except zlib.error:
                self._obj, self._raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), True
        self._started = True
        return self._inflate(data, limit)

    def _inflate(self, data: bytes, limit: int) -> bytes:
        out = self._obj.decompress(data, limit + 1)
        if len(out) > limit or self._obj.unconsumed_tail:
            raise BodyTooLarge(f"the {self.name}-encoded answer inflates past the limit")
        return out

    def flush(self, limit: int) -> bytes:
        out = self._obj.flush()
        if len(out) > limit:
            raise BodyTooLarge(f"the {self.name}-encoded answer inflates past the limit")
        return out


def _layers(content_encoding: str) -> list[_Layer]:
    """The decoders for a Content-Encoding header, outermost (last applied) first."""
    names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    if len(names) > MAX_LAYERS:
        raise BodyTooLarge(f"{len(names)} content encodings stacked")
    unknown = [n for n in names if n not in ("gzip", "x-gzip", "deflate")]
    if unknown:
        # br/zstd were not asked for (ACCEPT_ENCODING) and are not decoded here without a bound
        raise BodyTooLarge(f"content encoding {unknown[0][:20]!r} was not asked for")
    return [_Layer(n) for n in reversed(names)]


async def read_capped(raw: AsyncIterator[bytes], content_encoding: str, cap: int) -> bytes:
    """The decoded body of ``raw`` (a response's ``aiter_raw()``); BodyTooLarge past ``cap``
    decoded bytes, raised as soon as that is known (the rest is never read)."""
    layers = _layers(content_encoding)
    body = bytearray()

    def push(data: bytes, final: bool) -> None:
        for depth, layer in enumerate(layers):
            room = cap - len(body) if depth == len(layers) - 1 else cap + _SLACK
            data = layer.feed(data, room) if data else b""
            if final:
                data += layer.flush(room - len(data))
        body.extend(data)
        if len(body) > cap:
            raise BodyTooLarge("the answer is larger than the limit")

    async for chunk in raw:
        push(chunk, final=False)
    push(b"", final=True)
    return bytes(body)
