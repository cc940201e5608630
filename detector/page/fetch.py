"""Fetching a page by URL, safely: ``detector score https://...`` and ``detector audit --urls FILE``.

A URL is attacker-chosen as much as a page is, and fetching it is a request made from the moderator's
network: a link to ``http://169.254.169.254/`` (a cloud's metadata service), ``http://localhost:8080/admin``
or a name that resolves to ``10.0.0.5`` must not be fetched. So:

- only ``http`` and ``https`` URLs are fetched;
- every connection, the first and each one after a redirect, goes through :class:`_GuardedBackend`: the
  host name is resolved once, and if any address it resolves to is not a public one (private, loopback,
  link-local, shared, reserved, multicast, unspecified, or an IPv6 address embedding one of those), the
  connection is refused before it is made; otherwise it is made to the checked address itself, so a name
  that resolves differently a moment later (DNS rebinding) changes nothing;
- redirects are followed up to :attr:`FetchOptions.max_redirects`, each target checked like the first;
- the body is read as it streams and the fetch stops once it passes the same size limit as a page file
  (after its content encoding is undone, so a compressed bomb costs nothing), and the whole fetch has a
  deadline;
- requests say who makes them (:data:`USER_AGENT`).

Every failure is a :class:`~detector.exceptions.FetchError` (a refusal, before any connection, a
:class:`~detector.exceptions.RefusedURLError`): a row with ``error`` in an audit, like an unreadable file.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..exceptions import FetchError, InputTooLargeError, RefusedURLError
from .decoding import PAGE_MEDIA_TYPES, content_type_parts

#: What a fetched page's request says it is.
USER_AGENT = "detector/1 (misinformation and SEO-spam audit; +https://pypi.org/project/detector/)"
SCHEMES = ("http", "https")
#: Longest URL accepted (the same bound browsers and servers commonly keep).
MAX_URL_LENGTH = 8192
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How pages are fetched.

    ``max_bytes``: the largest body read (a page file's limit); ``timeout``: seconds for the whole fetch,
    redirects included; ``max_redirects``; ``allow_networks``: networks fetched although not public (an
    intranet crawl on purpose, a test server on ``127.0.0.1/32``); empty by default.
    """

    max_bytes: int = 5_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    allow_networks: tuple[str, ...] = ()
    _allowed: tuple = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        try:
            allowed = tuple(ipaddress.ip_network(net, strict=False) for net in self.allow_networks)
        except ValueError as exc:
            raise ValueError(f"allow_networks: {exc}") from None
        object.__setattr__(self, "_allowed", allowed)

    def allows(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        """Whether a connection to ``address`` may be made."""
        if any(address in net for net in self._allowed):
            return True
        return is_public(address)


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``address`` is a public unicast address, and so is any IPv4 address it embeds (IPv4-mapped,
    6to4, Teredo): not private, loopback, link-local (cloud metadata services), shared, reserved,
    multicast or unspecified."""
    if address.is_multicast or not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        return all(inner is None or is_public(inner) for inner in embedded)
    return True


def is_url(text: str) -> bool:
    """Whether ``text`` names a page by an http(s) URL (rather than a file)."""
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class WebPage:
    """A page of an audit given by its URL: fetched by whoever scores it (:func:`fetch`)."""

    url: str

    @property
    def source(self) -> str:
        """The page's ``source`` in its report: its URL as given."""
        return self.url


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: its final URL (after redirects), body, and its ``Content-Type``'s media type and
    charset."""

    url: str
    data: bytes
    media_type: str
    charset: str | None

    @property
    def kind(self) -> str | None:
        """How the body is scored: ``html``, ``text``, ``auto`` (no media type given: sniffed), or None
        when its media type is not a page's (an image, a PDF, JSON)."""
        return PAGE_MEDIA_TYPES.get(self.media_type, None if self.media_type else "auto")


def check_url(url: str) -> str:
    """``url`` if it may be fetched (http or https, with a host); else :class:`RefusedURLError`."""
    if len(url) > MAX_URL_LENGTH:
        raise RefusedURLError(f"the URL is longer than {MAX_URL_LENGTH:,} characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError on a port out of range)
    except ValueError as exc:
        raise RefusedURLError(f"not a valid URL: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise RefusedURLError(f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}")
    if not host:
        raise RefusedURLError("the URL has no host")
    return url


def resolve(host: str, port: int, options: FetchOptions) -> list[str]:
    """The addresses ``host`` resolves to, if every one of them may be connected to.

    Raises
    ------
    RefusedURLError
        The host resolves to an address that is not public (and not in ``allow_networks``).
    FetchError
        The host cannot be resolved.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not options.allows(ip):
            raise RefusedURLError(f"{host} resolves to {ip}, which is not a public address: not fetched")
    if not addresses:
        raise FetchError(f"{host} resolves to no address")
    return addresses


def _backend(options: FetchOptions):
    import httpcore

    class GuardedBackend(httpcore.SyncBackend):
        """Connections only to checked public addresses, made to the address that was checked."""

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            addresses = resolve(host, port, options)
            return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    return GuardedBackend()


def _client(options: FetchOptions):
    import httpcore
    import httpx

    pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=_backend(options), max_connections=4
    )

    class GuardedTransport(httpx.BaseTransport):
        """httpx's requests over a connection pool whose every connection is checked."""

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            core = httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
            response = pool.handle_request(core)
            return httpx.Response(
                status_code=response.status,
                headers=response.headers,
                stream=_Stream(response.stream),
                extensions=response.extensions,
            )

        def close(self) -> None:
            pool.close()

    class _Stream(httpx.SyncByteStream):
        def __init__(self, stream):
            self._stream = stream

        def __iter__(self):
            yield from self._stream

        def close(self) -> None:
            if hasattr(self._stream, "close"):
                self._stream.close()

    return httpx.Client(
        transport=GuardedTransport(),
        follow_redirects=False,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        },
    )


def fetch(url: str, options: FetchOptions | None = None) -> Fetched:
    """Fetch ``url`` (see the module's docstring for what is refused and what is bounded).

    Raises
    ------
    RefusedURLError
        The URL or a redirect's target is not http(s), or its host resolves to an address that is not
        public; no connection was made to it.
    FetchError
        The host cannot be resolved or reached, the fetch took longer than ``options.timeout``, there were
        more than ``options.max_redirects`` redirects, or the server answered with an error status.
    InputTooLargeError
        The body is larger than ``options.max_bytes``.
    """
    import httpx

    options = options or FetchOptions()
    deadline = time.monotonic() + options.timeout
    current = check_url(url)
    with _client(options) as client:
        for _ in range(options.max_redirects + 1):
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(f"fetching {url} took longer than {options.timeout:g} s")
            try:
                with client.stream("GET", current, timeout=left) as response:
                    if response.is_redirect:
                        location = response.headers.get("Location", "")
                        current = check_url(str(response.url.join(location)))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{current} answered HTTP {response.status_code}")
                    data = _read(response, options, deadline, current)
                    media_type, charset = content_type_parts(response.headers.get("Content-Type"))
                    return Fetched(url=str(response.url), data=data, media_type=media_type, charset=charset)
            except (FetchError, InputTooLargeError):
                raise
            except httpx.TimeoutException:
                raise FetchError(f"fetching {current} timed out") from None
            except (httpx.HTTPError, OSError) as exc:
                raise FetchError(f"cannot fetch {current}: {type(exc).__name__}: {exc}") from None
            except Exception as exc:  # httpcore's own errors (a connection refused, a broken TLS handshake)
                raise FetchError(f"cannot fetch {current}: {type(exc).__name__}: {exc}") from None
    raise FetchError(f"{url}: more than {options.max_redirects} redirects")


def fetch_page(url: str, options: FetchOptions | None = None) -> Fetched:
    """:func:`fetch` ``url``, and refuse what is not a page: a :class:`FetchError` when the server says the
    body is not HTML or text (its media type is then named in the message, cut to 100 characters)."""
    fetched = fetch(url, options)
    if fetched.kind is None:
        raise FetchError(f"{url} is not a page ({fetched.media_type[:100]})")
    return fetched


def _read(response, options: FetchOptions, deadline: float, url: str) -> bytes:
    """The decoded body, read in chunks: stopped past ``max_bytes`` (decoded) or the deadline."""
    parts, size = [], 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > options.max_bytes:
            raise InputTooLargeError(f"{url}: page is more than the limit of {options.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"fetching {url} took longer than {options.timeout:g} s")
        parts.append(chunk)
    return b"".join(parts)
