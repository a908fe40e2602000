"""The country a source publishes from, as an ISO 3166-1 alpha-2 code, from what it says of itself.

Three witnesses, best first: a record's own ``country`` / ``source_country`` field, the
country-code top-level domain of the page's address (``.de`` -> DE, ``.co.uk`` -> GB), and for a
feed entry the feed's region-tagged language (``pt-BR`` -> BR) or its own address. A generic
domain (.com, .org, .news) or a bare language (``de``) gives no country: never a guess (.gov
and .mil, which only the US government registers, give the US).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import pycountry

# Country-code domains registries sell to anyone, which Google treats as generic for that reason
# (Search Central, "Managing multi-regional and multilingual sites"): .io, .tv or .co say nothing
# of where a site is.
_GENERIC_CC = frozenset(
    {"ad", "as", "bz", "cc", "cd", "co", "dj", "fm", "io", "la"}
    | {"me", "ms", "nu", "sc", "sr", "su", "tk", "tv", "ws"}
)
_TLD_COUNTRY = {"uk": "GB"}  # the one ccTLD that is not its country's ISO code
# Generic domains their registry keeps to one country's government (.gov, .mil: the US).
_GOVERNMENT = {"gov": "US", "mil": "US"}
_NAMED = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB"}  # a record's own word
_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.+)$")
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.IGNORECASE)


def country_code(value: str | None) -> str | None:
    """A record's country as an alpha-2 code: "DE", "deu", "Germany" -> "DE"; unknown -> None."""
    if not value or not value.strip():
        return None
    name = value.strip()
    if name.lower() in _NAMED:
        return _NAMED[name.lower()]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def country_of_url(url: str | None) -> str | None:
    """The country of a web address's ccTLD (through web.archive.org); None for .com and friends."""
    if not url:
        return None
    archived = _ARCHIVE.match(url)
    if archived:
        url = archived[1] if "://" in archived[1] else "http://" + archived[1]
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    return country_of_host(host)


def country_of_host(host: str | None) -> str | None:
    """The country of a host name's ccTLD: "spiegel.de" -> "DE", "bbc.co.uk" -> "GB"."""
    if not host or "." not in host or _is_address(host):
        return None
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if tld in _GOVERNMENT:
        return _GOVERNMENT[tld]
    if len(tld) != 2 or tld in _GENERIC_CC:
        return None
    if tld in _TLD_COUNTRY:
        return _TLD_COUNTRY[tld]
    found = pycountry.countries.get(alpha_2=tld.upper())
    return str(found.alpha_2) if found else None  # .eu, .ac: no ISO country


def country_of_language_tag(tag: str | None) -> str | None:
    """The region of a language tag: "pt-BR" -> "BR", "en_GB" -> "GB"; a bare "de" -> None."""
    match = _REGION.match(tag.strip()) if tag else None
    if not match:
        return None
    region = match[1].upper()
    return region if pycountry.countries.get(alpha_2=region) else None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
