"""URL family: the links in a draft (URL001-URL005).

Links are found by :func:`snslint.text.links.find_links`, the way X links them (twitter-text),
plus URLs typed in full-width characters. Every finding's span covers the whole URL exactly
as written, and its ``text`` is that URL.

- URL001 url-shortener: a link through a shortening service (``rules/url_shorteners.txt``).
- URL002 insecure-link: ``http://`` to the city's own site or any ``lg.jp`` / ``go.jp`` site.
- URL003 external-link: a link outside the city's official domains, trusted domains, public
  bodies (``lg.jp`` / ``go.jp``) and the city's own accounts.
- URL004 lookalike-domain: a host made to look like an official domain.
- URL005 executable-link: a link to a program or archive (``rules/executable_extensions.txt``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterator, NamedTuple
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.text.links import (
    PUBLIC_BODY_SUFFIXES,
    Link,
    host_in,
    normalize_host,
    public_suffix,
    registrable_domain,
)
from snslint.rules.registry import register
from snslint.resources import data_file
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings

# --------------------------------------------------------------------------- shared helpers


def links_of(ctx: RuleContext) -> tuple[Link, ...]:
    """The links in the draft's body (:attr:`snslint.rules.context.CheckContext.links`: found
    once per draft for every rule that reads them)."""
    return ctx.check.links


def _read_list(name: str) -> list[list[str]]:
    """The non-comment lines of ``rules/NAME``, split on whitespace."""
    rows = []
    with open(data_file("rules", name), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                rows.append(line.split())
    return rows


@lru_cache(maxsize=1)
def shortener_domains() -> frozenset[str]:
    """Domains of URL shortening services, from ``rules/url_shorteners.txt``.

    Source: PeterDaveHello/url-shorteners ``list`` at commit 69dd70bd (2025-09-10),
    CC-BY-SA-4.0; the project's ``inactive`` list is not included.
    """
    return frozenset(normalize_host(row[0]) for row in _read_list("url_shorteners.txt"))


@lru_cache(maxsize=1)
def executable_extensions() -> dict[str, str]:
    """Extension (lowercase, no dot) -> kind (``program``, ``macro``, ``archive``).

    From ``rules/executable_extensions.txt`` (its header gives the sources).
    """
    return {row[0].lower(): row[1] for row in _read_list("executable_extensions.txt")}


def shortener_of(host: str, extra: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> str | None:
    """The shortening service ``host`` belongs to (itself or a parent domain), or None.

    ``allow`` (domains a city accepts, e.g. ``lin.ee``) wins over the list and ``extra``.
    """
    h = normalize_host(host)
    if allow and host_in(h, allow):
        return None
    labels = h.split(".")
    domains = shortener_domains()
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in domains:
            return candidate
    return host_in(h, extra) if extra else None


def is_public_body(host: str, suffixes: tuple[str, ...] | list[str] = PUBLIC_BODY_SUFFIXES) -> bool:
    """True for a host under ``lg.jp`` or ``go.jp`` (only public bodies can register them)."""
    return host_in(host, suffixes) is not None


def _official(ctx: RuleContext, host: str) -> str | None:
    return host_in(host, ctx.policy.official_domains)


def _enabled(ctx: RuleContext, code: str) -> bool:
    cfg = ctx.policy.rule(code)
    return cfg is not None and cfg.enabled


def _cite_ja(ctx: RuleContext) -> str:
    clause = ctx.clause
    if clause is None:
        return ""
    users = "（利用者向けの禁止事項を市の投稿に準用）" if clause.users_list else ""
    return f"{ctx.policy.name}の方針 {clause.ref}{users}"


class _Model(RuleSettings):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- URL001


class ShortenerSettings(_Model):
    """``settings:`` of URL001.

    Attributes:
        allow: shortener domains the city accepts (e.g. ``lin.ee`` for its own LINE account's
            friend links); a link through one of them is not reported.
        extra: further shortener domains to report, besides ``rules/url_shorteners.txt``.
    """

    allow: list[str] = Field(default_factory=list, max_length=1000)
    extra: list[str] = Field(default_factory=list, max_length=5000)


@register
class UrlShortener(Rule):
    """URL001 url-shortener: a link through a URL shortening service.

    A link whose host, or a parent domain of it, is in ``rules/url_shorteners.txt``
    (PeterDaveHello/url-shorteners, CC-BY-SA-4.0; 1,479 active services incl. bit.ly, t.co,
    tinyurl.com, forms.gle, lin.ee, youtu.be). kagoshima's guideline 5(7) forbids them (原則);
    the other four documents say nothing, so their policies give a warning whose message says
    the city's document does not forbid it.
    """

    code = "URL001"
    name = "url-shortener"
    default_severity = Severity.WARNING
    summary = "短縮URL（bit.ly 等）へのリンク"
    summary_en = "A link through a URL shortening service"
    what_it_does = (
        "短縮URL（bit.ly、tinyurl.com、t.co など）へのリンクを見つけます。短縮サービスの一覧は "
        "PeterDaveHello/url-shorteners（CC-BY-SA-4.0）で、市はポリシーの settings "
        "で特定のサービスを認めることができます。"
    )
    what_it_does_en = (
        "Finds links through URL shortening services (bit.ly, tinyurl.com, t.co ...). The list is "
        "PeterDaveHello/url-shorteners (CC-BY-SA-4.0); a city can allow a service in settings."
    )
    why_it_matters = (
        "短縮URLは本来のリンク先を隠すため、住民は市の公式ページかどうかを確かめられず、"
        "サービスの終了や乗っ取りでリンク先が変わるおそれもあります。"
        "鹿児島市のガイドライン5(7)は「本来のＵＲＬをわからなくする、ＵＲＬ短縮サービスは、"
        "原則使用しない」と定めています。"
    )
    why_it_matters_en = (
        "A short link hides where it goes: residents cannot tell whether it is the city's page, and "
        "the target can change if the service closes or is taken over. Kagoshima's guideline 5(7) "
        "says not to use them as a rule."
    )
    failing = (
        Example(
            "年末年始のごみ収集日程はこちら https://bit.ly/3abcDEF をご覧ください。", city="kagoshima",
            finds="https://bit.ly/3abcDEF",
            message=(
                "短縮URL（bit.ly）が使われています。短縮URLは本来のリンク先をわからなくするため、"
                "市の方針で原則使わないこととされています（鹿児島市の方針 5(7)）。"
            ),
            message_en=(
                "A shortened URL (bit.ly). The city's policy 5(7) says not to use URL shorteners as "
                "a rule."
            ),
        ),
        Example("イベントの申込みフォーム：tinyurl.com/kisarazu-event2026\nぜひご参加ください。", city="kisarazu"),
    )
    instead = Example("年末年始のごみ収集日程はこちら https://www.city.kagoshima.lg.jp/kankyo/gomi-nenmatsu.html をご覧ください。", city="kagoshima")
    passing = (
        Example("年末年始のごみ収集日程は https://www.city.kagoshima.lg.jp/kankyo/gomi.html をご覧ください。", city="kagoshima"),
        Example("イベントの申込みは市ホームページ（https://www.city.kisarazu.lg.jp/）から。", city="kisarazu"),
        Example("県の特設サイト https://www.pref.kagoshima.jp/ もご覧ください。", city="kagoshima"),
    )
    Settings = ShortenerSettings

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        settings: ShortenerSettings = ctx.settings
        allow, extra = tuple(settings.allow), tuple(settings.extra)
        for link in links_of(ctx):
            service = shortener_of(link.hostname, extra, allow)
            if service is None:
                continue
            if ctx.clause is not None:
                ja = (
                    f"短縮URL（{service}）が使われています。短縮URLは本来のリンク先をわからなくするため、"
                    f"市の方針で原則使わないこととされています（{_cite_ja(ctx)}）。"
                )
                en = f"A shortened URL ({service}). The city's policy {ctx.clause.ref} says not to use URL shorteners as a rule."
            else:
                ja = (
                    f"短縮URL（{service}）が使われています。この市の方針は短縮URLを禁止していませんが、"
                    "リンク先が見えないため、住民が市の公式ページか確かめられません。"
                )
                en = (
                    f"A shortened URL ({service}). The city's policy does not forbid shorteners, but a "
                    "short link hides its target, so residents cannot check it is the city's page."
                )
            yield ctx.finding(
                link.start,
                link.end,
                ja,
                en,
                hint="リンク先の本来のURL（市のページなら https://www.city.…lg.jp/…）をそのまま書いてください。",
                hint_en="Write the full target URL instead.",
                service=service,
                host=link.hostname,
            )


# --------------------------------------------------------------------------- URL002


class InsecureSettings(_Model):
    """``settings:`` of URL002.

    Attributes:
        https_domains: further domains known to serve https (subdomains included), besides
            the official domains and ``lg.jp`` / ``go.jp``.
    """

    https_domains: list[str] = Field(default_factory=list, max_length=1000)


@register
class InsecureLink(Rule):
    """URL002 insecure-link: ``http://`` to a site that serves https.

    Reported for the city's official domains and any ``lg.jp`` / ``go.jp`` host (local and
    national government sites, which serve https), plus ``settings.https_domains``. Other
    ``http://`` links are left alone: snslint never goes on the network to find out.
    """

    code = "URL002"
    name = "insecure-link"
    default_severity = Severity.WARNING
    summary = "https で開けるはずのサイトへの http:// リンク"
    summary_en = "An http:// link to a site that serves https"
    what_it_does = (
        "市の公式サイトや lg.jp・go.jp（自治体・国の機関）のサイト、ポリシーの "
        "settings.https_domains へのリンクが http:// で書かれているものを見つけます。そのほかの "
        "http:// のリンクは、snslint がネットワークに接続して確かめることはしないため対象外です。"
    )
    what_it_does_en = (
        "Finds http:// links to the city's own site, to lg.jp / go.jp (local and national "
        "government) sites and to the policy's settings.https_domains. Other http:// links are left "
        "alone: snslint never goes on the network to find out."
    )
    why_it_matters = (
        "これらのサイトは https で提供されており、http:// のリンクは、"
        "暗号化されない通信を経由したり（途中で読まれたり書き換えられたりするおそれがあります）、"
        "古いURLとして転送に頼ったりします。"
    )
    why_it_matters_en = (
        "These sites serve https: the plain-http link goes through an unencrypted request, which "
        "can be read or altered on the way, or relies on a redirect that may go away."
    )
    failing = (
        Example(
            "ワクチン接種の予約は http://www.city.zushi.lg.jp/kenko/ から。", city="zushi",
            finds="http://www.city.zushi.lg.jp/kenko/",
            message=(
                "市の公式サイトへのリンクが http:// で書かれています。このサイトは https "
                "で開けるので、暗号化された https:// のURLを書いてください。"
            ),
            message_en="An http:// link to the city's own site, which serves https.",
        ),
        Example("国の制度について http://www.mhlw.go.jp/stf/index.html をご確認ください。", city="mine"),
    )
    instead = Example("ワクチン接種の予約は https://www.city.zushi.lg.jp/kenko/yoyaku.html から。", city="zushi")
    passing = (
        Example("ワクチン接種の予約は https://www.city.zushi.lg.jp/kenko/ から。", city="zushi"),
        Example("国の制度について https://www.mhlw.go.jp/stf/index.html をご確認ください。", city="mine"),
        Example("市内のイベント情報 http://example-kankou.jp/event をご覧ください。", city="mine"),
    )
    Settings = InsecureSettings

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        settings: InsecureSettings = ctx.settings
        for link in links_of(ctx):
            if link.scheme != "http":
                continue
            own = _official(ctx, link.hostname)
            if own:
                kind_ja, kind_en = "市の公式サイト", "the city's own site"
            elif is_public_body(link.hostname):
                kind_ja, kind_en = "公的機関（lg.jp・go.jp）のサイト", "a public body's site (lg.jp / go.jp)"
            elif host_in(link.hostname, settings.https_domains):
                kind_ja, kind_en = "https で提供されているサイト", "a site that serves https"
            else:
                continue
            yield ctx.finding(
                link.start,
                link.end,
                f"{kind_ja}へのリンクが http:// で書かれています。このサイトは https で開けるので、"
                "暗号化された https:// のURLを書いてください。",
                f"An http:// link to {kind_en}, which serves https.",
                hint="先頭の http:// を https:// に書き換えてください。",
                hint_en="Change http:// to https://.",
                host=link.hostname,
            )


# --------------------------------------------------------------------------- URL003


class ExternalSettings(_Model):
    """``settings:`` of URL003.

    Attributes:
        trusted_suffixes: domains treated as public bodies, never external (default
            ``lg.jp`` and ``go.jp``: only local governments and national agencies can
            register under them). An empty list reports them too.
    """

    trusted_suffixes: list[str] = Field(default_factory=lambda: list(PUBLIC_BODY_SUFFIXES), max_length=100)


_PLATFORM_ALIASES = {"twitter.com": "x.com", "fb.com": "facebook.com"}
_PLATFORM_PREFIXES = ("www.", "m.", "mobile.")


def _platform_host(host: str) -> str:
    h = normalize_host(host)
    for prefix in _PLATFORM_PREFIXES:
        if h.startswith(prefix) and h.count(".") >= 2:
            h = h[len(prefix):]
            break
    return _PLATFORM_ALIASES.get(h, h)


class _AccountPage(NamedTuple):
    host: str
    path: str  # lowercase, no trailing slash; "" for the whole host


def _account_pages(ctx: RuleContext) -> list[_AccountPage]:
    pages = []
    for acc in ctx.policy.accounts:
        if not acc.url:
            continue
        url = acc.url if "://" in acc.url else "https://" + acc.url
        parts = urlsplit(url)
        if parts.hostname:
            pages.append(_AccountPage(_platform_host(parts.hostname), parts.path.rstrip("/").lower()))
    return pages


def is_own_account(ctx: RuleContext, link: Link) -> bool:
    """True if ``link`` points at one of the city's accounts (``policy.accounts[].url``).

    The host matches the account's, ``www.`` / ``m.`` / ``mobile.`` and twitter.com = x.com
    aside, and the path is the account's path or below it (``x.com/kisarazu_city/status/1``).
    Another account on the same platform (``x.com/someone``) is not the city's.
    """
    host = _platform_host(link.hostname)
    path = unicodedata.normalize("NFKC", link.path).split("#")[0].rstrip("/").lower()
    for page in _account_pages(ctx):
        if host != page.host:
            continue
        if not page.path or path == page.path or path.startswith(page.path + "/"):
            return True
    return False


@register
class ExternalLink(Rule):
    """URL003 external-link: a link outside the city's own sites and accounts.

    Not external: the policy's ``official_domains`` and ``trusted_domains`` (subdomains
    included), ``lg.jp`` / ``go.jp`` hosts (public bodies, ``settings.trusted_suffixes``),
    and the city's own accounts (``policy.accounts[].url``). Links that URL001 (shortener) or
    URL004 (lookalike) reports are left to them when the policy enables those rules.
    """

    code = "URL003"
    name = "external-link"
    default_severity = Severity.INFO
    summary = "市の公式ドメイン以外へのリンク"
    summary_en = "A link outside the city's official domains"
    what_it_does = (
        "市の公式ドメイン・信頼できるドメイン（県など）・lg.jp/go.jp（自治体・国の機関）・市の公式アカウント以外へのリンクを見つけます。"
        "短縮URLや公式ドメインに似せたドメインは、URL001・URL004 が有効ならそちらが知らせます。"
    )
    what_it_does_en = (
        "Finds links outside the city's official and trusted domains, public bodies (lg.jp, go.jp) "
        "and the city's own accounts. Shortened links and lookalike domains are left to URL001 and "
        "URL004 when those rules are on."
    )
    why_it_matters = (
        "市以外の者が運用するページへのリンクは、"
        "市がその内容を信頼できるものと認めたと受け取られるおそれがあり、鹿児島市5(8)、逗子市3-4(6)、"
        "五所川原市第8条(3)は慎重に行うよう定めています。掲載する前に、"
        "リンク先の運営者と内容を確認してください。"
    )
    why_it_matters_en = (
        "Linking a third party's page reads as the city vouching for it; Kagoshima 5(8), Zushi "
        "3-4(6) and Goshogawara 第8条(3) ask staff to do so with care. Check who runs the page and "
        "what it says before posting."
    )
    failing = (
        Example(
            "週末のマルシェの詳細は https://marche-example.jp/2026winter をご覧ください。", city="kagoshima",
            finds="https://marche-example.jp/2026winter",
            message=(
                "市以外のサイト（marche-example.jp）へのリンクです。"
                "市以外の者が運用するページへのリンクは、"
                "市がその内容を信頼できるものと認めたと受け取られるおそれがあります（鹿児島市の方針 "
                "5(8)）。"
            ),
            message_en=(
                "A link to a site outside the city (marche-example.jp); it may read as the city "
                "vouching for the page (policy 5(8))."
            ),
        ),
        Example("参加者募集中！詳しくは主催者のページ example-npo.org/event へ", city="zushi"),
    )
    instead = Example("週末のマルシェの詳細は、市の観光ページ https://www.city.kagoshima.lg.jp/kanko/event/marche.html をご覧ください。", city="kagoshima")
    passing = (
        Example("週末のマルシェの詳細は https://www.city.kagoshima.lg.jp/kanko/marche.html をご覧ください。", city="kagoshima"),
        Example("県の発表はこちら https://www.pref.kanagawa.jp/docs/press.html", city="zushi"),
        Example("国の支援制度 https://www.chusho.meti.go.jp/ もご確認ください。", city="goshogawara"),
    )
    Settings = ExternalSettings

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        settings: ExternalSettings = ctx.settings
        shortener_rule = _enabled(ctx, "URL001")
        lookalike_rule = _enabled(ctx, "URL004")
        for link in links_of(ctx):
            host = link.hostname
            if _official(ctx, host) or host_in(host, ctx.policy.trusted_domains):
                continue
            if host_in(host, settings.trusted_suffixes) or is_own_account(ctx, link):
                continue
            if shortener_rule and shortener_of(host):
                continue
            if lookalike_rule and lookalike_of(ctx, host):
                continue
            if ctx.clause is not None:
                ja = (
                    f"市以外のサイト（{host}）へのリンクです。市以外の者が運用するページへのリンクは、市が"
                    f"その内容を信頼できるものと認めたと受け取られるおそれがあります（{_cite_ja(ctx)}）。"
                )
                en = (
                    f"A link to a site outside the city ({host}); it may read as the city vouching for "
                    f"the page (policy {ctx.clause.ref})."
                )
            else:
                ja = (
                    f"市以外のサイト（{host}）へのリンクです。この市の方針に外部リンクの定めはありませんが、"
                    "市が内容を保証していると受け取られることがあります。"
                )
                en = (
                    f"A link to a site outside the city ({host}). The city's policy has no rule on "
                    "external links, but a link may read as the city vouching for the page."
                )
            yield ctx.finding(
                link.start,
                link.end,
                ja,
                en,
                hint="リンク先の運営者と内容を確認してください。公的機関や市の公式ページで代えられる場合はそちらを。",
                hint_en="Check who runs the page and what it says; link an official page instead if one exists.",
                host=host,
            )


# --------------------------------------------------------------------------- URL004

_ASCII_FOLD = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "3": "e", "4": "a", "5": "s", "7": "t", "_": "-"})
_MULTI_FOLD = (("rn", "m"), ("vv", "w"))


@lru_cache(maxsize=1)
def _confusables() -> dict:
    """char -> homoglyph entries (Unicode UTS #39 confusables.txt via confusable_homoglyphs)."""
    from confusable_homoglyphs import confusables

    return confusables.confusables_data


@lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """A visual skeleton of a host or label: what it looks like, not what it is.

    NFKC and lowercase; each non-ASCII character that Unicode's confusables table (UTS #39
    ``confusables.txt``, as shipped by the ``confusable_homoglyphs`` package, MIT) maps to
    one ASCII letter or digit becomes it (Cyrillic ``с`` -> ``c``); then look-alike ASCII is
    folded: ``0``->``o``, ``1``/``i``/``|``->``l``, ``3``->``e``, ``4``->``a``, ``5``->``s``,
    ``7``->``t``, ``rn``->``m``, ``vv``->``w``. Two strings with the same skeleton look alike.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.isascii():
        table = _confusables()
        out = []
        for ch in text:
            if not ch.isascii():
                for entry in table.get(ch, ()):
                    c = entry["c"].strip("\u200e\u200f")
                    if len(c) == 1 and c.isascii() and c.isalnum():
                        ch = c.lower()
                        break
            out.append(ch)
        text = "".join(out)
    text = text.translate(_ASCII_FOLD)
    for a, b in _MULTI_FOLD:
        text = text.replace(a, b)
    return text


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance between ``a`` and ``b`` (characters), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


class _Official(NamedTuple):
    domain: str  # city.kagoshima.lg.jp
    core: tuple[str, ...]  # ("city", "kagoshima"): labels before the public suffix, no www
    name: str  # "kagoshima": the registrable label


@lru_cache(maxsize=64)
def _officials(domains: tuple[str, ...]) -> tuple[_Official, ...]:
    out = []
    for domain in domains:
        d = normalize_host(domain.lstrip("*."))
        suffix = public_suffix(d) or d.rsplit(".", 1)[-1]
        head = d[: -len(suffix)].rstrip(".") if d.endswith(suffix) and d != suffix else ""
        core = tuple(lbl for lbl in head.split(".") if lbl and lbl != "www")
        if core:
            out.append(_Official(d, core, core[-1]))
    return tuple(out)


def _typo_limit(length: int) -> int:
    """How many edits still make a lookalike of a name ``length`` characters long."""
    if length >= 13:
        return 2
    if length >= 7:
        return 1
    return 0


def lookalike_of(ctx: RuleContext, host: str) -> tuple[str, str] | None:
    """``(official domain, how)`` if ``host`` imitates one of the policy's official domains.

    ``how`` is one of ``homograph`` (looks the same: confusable or mixed-script characters,
    ``сity.kagoshima.lg.jp`` with Cyrillic с), ``embedded`` (the official domain used as a
    subdomain of another: ``city.kagoshima.lg.jp.example.net``), ``joined`` (its labels
    run together: ``city-kagoshima-lg.jp``, ``www.citykagoshima.com``), ``substituted``
    (digits or look-alike letters: ``kag0shima.com``) or ``typo`` (one edit for names of 7 to
    12 letters, two from 13: ``kagosima.jp``, ``city-kagosima.com``; a name with something
    added at an end, ``kagoshima-u.ac.jp``, is another name, not a typo).

    Never for the official domains themselves or their subdomains, nor for trusted domains,
    nor for ASCII hosts under ``lg.jp`` / ``go.jp`` (only public bodies can register them).
    """
    h = normalize_host(host)
    policy = ctx.policy
    if host_in(h, policy.official_domains) or host_in(h, policy.trusted_domains):
        return None
    h_skel = skeleton(h)
    officials = _officials(tuple(policy.official_domains))
    for off in officials:
        d_skel = skeleton(off.domain)
        if h_skel == d_skel or h_skel.endswith("." + d_skel):
            return off.domain, "homograph"
        if f".{off.domain}." in f".{h}." or f".{d_skel}." in f".{h_skel}.":
            return off.domain, "embedded"
    if h.isascii() and is_public_body(h):
        return None
    suffix = public_suffix(h) or ""
    head = h[: -len(suffix)].rstrip(".") if suffix and h.endswith(suffix) and h != suffix else h
    labels = [lbl for lbl in head.split(".") if lbl and lbl != "www"]
    if not labels:
        return None
    flat = skeleton("".join(labels).replace("-", ""))
    reg_label = registrable_domain(h)[: -len(suffix)].rstrip(".") if suffix else labels[-1]
    reg_label = reg_label.rsplit(".", 1)[-1] if reg_label else labels[-1]
    for off in officials:
        core_flat = skeleton("".join(off.core).replace("-", ""))
        if len(off.core) >= 2 and core_flat in flat:
            return off.domain, "joined"
        name_skel = skeleton(off.name)
        label_skel = skeleton(reg_label.replace("-", ""))
        if label_skel == name_skel and reg_label != off.name:
            return off.domain, "substituted"
        # A name with something added at an end (kagoshima-u.ac.jp, a university) is another
        # name, not a typo: only edits that leave no copy of the official name count.
        limit = _typo_limit(len(off.name))
        if limit and name_skel not in label_skel and 0 < edit_distance(label_skel, name_skel, limit) <= limit:
            return off.domain, "typo"
        limit = _typo_limit(len(core_flat)) if len(off.core) >= 2 else 0
        if limit and 0 < edit_distance(flat, core_flat, limit) <= limit:
            return off.domain, "typo"
    return None


_HOW_JA = {
    "homograph": "見た目の似た別の文字（キリル文字など）で公式ドメインをまねています",
    "embedded": "公式ドメインを別のドメインの一部（サブドメイン）に使っています",
    "joined": "公式ドメインの文字列をつなげて別のドメインにしています",
    "substituted": "公式ドメインの文字を数字や似た文字に置き換えています",
    "typo": "公式ドメインと1〜2文字だけ違います",
}
_HOW_EN = {
    "homograph": "imitates it with look-alike characters (e.g. Cyrillic)",
    "embedded": "uses it as a subdomain of another domain",
    "joined": "runs its labels together into another domain",
    "substituted": "swaps its letters for digits or look-alike letters",
    "typo": "differs from it by one or two characters",
}


@register
class LookalikeDomain(Rule):
    """URL004 lookalike-domain: a host that imitates one of the city's official domains.

    See :func:`lookalike_of` for what counts. Confusable characters come from Unicode's
    UTS #39 confusables table as shipped by ``confusable_homoglyphs`` (loaded only when a
    host has non-ASCII characters).
    """

    code = "URL004"
    name = "lookalike-domain"
    default_severity = Severity.WARNING
    summary = "市の公式ドメインに似せたドメイン"
    summary_en = "A domain that imitates one of the city's official domains"
    what_it_does = (
        "市の公式ドメインに似せたドメインへのリンクを見つけます。1〜2文字違い（kagoshlma）、"
        "数字への置き換え（kag0shima）、見た目の同じ別の文字（キリル文字の с、Unicode UTS #39 の "
        "confusables 表による）、"
        "公式ドメインを別ドメインのサブドメインにしたもの（city.kagoshima.lg.jp.example.net）、"
        "ドメインをつなげたもの（city-kagoshima-lg.jp）が対象です。"
    )
    what_it_does_en = (
        "Finds links to hosts that imitate an official domain: a typo (kagoshlma), digits for "
        "letters (kag0shima), look-alike characters (Cyrillic с, by Unicode's UTS #39 confusables), "
        "the official domain as a subdomain of another (city.kagoshima.lg.jp.example.net) or run "
        "together (city-kagoshima-lg.jp)."
    )
    why_it_matters = (
        "これらはフィッシングやなりすましの典型的な手口です。住民は市のページだと信じて開くので、"
        "誤って掲載すると被害につながります。逗子市 3-1(2)ア(オ) "
        "は市のセキュリティを脅かすおそれのある情報を禁じ、鹿児島市 3(3) "
        "はなりすまし防止の措置を求めています。リンク先を確認し、公式のURLに直してください。"
    )
    why_it_matters_en = (
        "These are phishing and impersonation patterns: residents trust such a link as the city's "
        "page, so posting one by mistake leads people to harm. Zushi 3-1(2)ア(オ) forbids "
        "information that threatens the city's security, and Kagoshima 3(3) asks for measures "
        "against impersonation. Check the link and write the official URL."
    )
    failing = (
        Example(
            "給付金の申請はこちら https://city.zushi.lg.jp.example.net/kyufu", city="zushi",
            finds="https://city.zushi.lg.jp.example.net/kyufu",
            message=(
                "リンク先（city.zushi.lg.jp.example.net）は市の公式ドメイン city.zushi.lg.jp "
                "ではありません。公式ドメインを別のドメインの一部（サブドメイン）に使っています。"
                "住民が市のページと誤解して開くおそれがあるため、掲載しないでください（逗子市の方針 "
                "3-1(2)ア(オ)）。"
            ),
            message_en=(
                "The link's host (city.zushi.lg.jp.example.net) is not the official domain "
                "city.zushi.lg.jp: it uses it as a subdomain of another domain. Residents may open "
                "it as the city's page."
            ),
        ),
        Example("給付金の申請はこちら https://www.city-zushi-lg.jp/kyufu", city="zushi"),
        Example("マイナンバーカードの申請 https://www.city.kag0shima.com/mynumber", city="kagoshima"),
    )
    instead = Example("給付金の申請は市のページ https://www.city.zushi.lg.jp/kyufu/shinsei.html から。", city="zushi")
    passing = (
        Example("給付金の申請はこちら https://www.city.zushi.lg.jp/kyufu/index.html", city="zushi"),
        Example("県の案内 https://www.pref.kanagawa.jp/ と市の案内 https://city.zushi.lg.jp/", city="zushi"),
        Example("マイナンバーカードの申請 https://www.city.kagoshima.lg.jp/shimin/mynumber.html", city="kagoshima"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for link in links_of(ctx):
            found = lookalike_of(ctx, link.hostname)
            if found is None:
                continue
            domain, how = found
            cite = f"（{_cite_ja(ctx)}）" if ctx.clause is not None else ""
            yield ctx.finding(
                link.start,
                link.end,
                f"リンク先（{link.hostname}）は市の公式ドメイン {domain} ではありません。{_HOW_JA[how]}。"
                f"住民が市のページと誤解して開くおそれがあるため、掲載しないでください{cite}。",
                f"The link's host ({link.hostname}) is not the official domain {domain}: it {_HOW_EN[how]}. "
                "Residents may open it as the city's page.",
                hint=f"リンク先を確認し、市の公式ドメイン（{domain}）のURLに直してください。",
                hint_en=f"Check the link and use the official domain ({domain}).",
                domain=domain,
                how=how,
                host=link.hostname,
            )


# --------------------------------------------------------------------------- URL005

_KIND_JA = {"program": "プログラム", "macro": "マクロ付きのOffice文書", "archive": "圧縮ファイル"}
_KIND_EN = {"program": "a program", "macro": "a macro-enabled Office document", "archive": "an archive"}


def executable_extension(link: Link) -> tuple[str, str] | None:
    """``(extension, kind)`` when the link's path ends in a program or archive, else None.

    The last path segment's extension (``/files/setup.EXE`` -> ``exe``), fragment ignored;
    the query string is not looked at.
    """
    path = link.path_only
    if not path:
        return None
    last = path.rstrip("/").rsplit("/", 1)[-1] if not path.endswith("/") else ""
    if "." not in last:
        return None
    ext = last.rsplit(".", 1)[-1].lower()
    kind = executable_extensions().get(ext)
    return (ext, kind) if kind else None


@register
class ExecutableLink(Rule):
    """URL005 executable-link: a link to a program, macro document or archive.

    Extensions from ``rules/executable_extensions.txt``. An archive or macro document on the
    city's own or a trusted domain (forms distributed as ``.zip``) is at most info.
    """

    code = "URL005"
    name = "executable-link"
    default_severity = Severity.WARNING
    summary = "プログラムや圧縮ファイル（.exe .apk .zip 等）へのリンク"
    summary_en = "A link to a program or archive (.exe, .apk, .zip ...)"
    what_it_does = (
        "リンク先がプログラム（.exe .msi .apk .bat .js など）、マクロ付き文書（.docm .xlsm）、"
        "圧縮ファイル（.zip .lzh など）であるものを見つけます（拡張子は "
        "rules/executable_extensions.txt）。市や信頼できるドメインの様式（.zip "
        "など）は情報（info）として知らせます。"
    )
    what_it_does_en = (
        "Finds links to programs (.exe .msi .apk .bat .js ...), macro-enabled documents and "
        "archives (.zip .lzh ...), by the extensions in rules/executable_extensions.txt. An archive "
        "or macro document on the city's own or a trusted domain (forms as .zip) is info."
    )
    why_it_matters = (
        "こうしたファイルはウイルスなど有害なプログラムの入り口になりやすく、"
        "多くの市の方針が有害なプログラムを含む情報を禁じています（五所川原市 第9条(10)、逗子市 "
        "3-1(2)ア(エ) など）。公式ストアのページや、"
        "ファイルの内容を説明した市のページにリンクしてください。"
    )
    why_it_matters_en = (
        "Such files are a common way in for malware, and most policies forbid posting harmful "
        "programs (Goshogawara 第9条(10), Zushi 3-1(2)ア(エ) and others). Link the app store page "
        "or a city page that explains the file."
    )
    failing = (
        Example(
            "防災アプリはこちらからダウンロード https://bousai-app.example.com/download/bousai.apk", city="zushi",
            finds="https://bousai-app.example.com/download/bousai.apk",
            message=(
                "リンク先はプログラム（.apk）です。開くとプログラムが動き、"
                "ウイルスなど有害なプログラムの入り口になるおそれがあります（逗子市の方針 "
                "3-1(2)ア(エ)）。"
            ),
            message_en="The link points at a program (.apk), a common way in for malware.",
        ),
        Example("申請ツール：http://example.net/tools/shinsei_setup.exe", city="kisarazu"),
    )
    instead = Example("防災アプリは、市のページ https://www.city.zushi.lg.jp/bousai/app.html にある公式ストアのリンクからダウンロードしてください。", city="zushi")
    passing = (
        Example("防災アプリは公式ストアから https://play.google.com/store/apps/details?id=jp.example.bousai", city="zushi"),
        Example("申請書（PDF）https://www.city.kisarazu.lg.jp/files/shinsei.pdf", city="kisarazu"),
        Example("詳しくは https://www.city.kisarazu.lg.jp/soshiki/index.html をご覧ください。", city="kisarazu"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for link in links_of(ctx):
            found = executable_extension(link)
            if found is None:
                continue
            ext, kind = found
            own = _official(ctx, link.hostname) or host_in(link.hostname, ctx.policy.trusted_domains) or is_public_body(link.hostname)
            severity = Severity.INFO if own and kind != "program" else None
            cite = f"（{_cite_ja(ctx)}）" if ctx.clause is not None else ""
            if own and kind != "program":
                ja = (
                    f"リンク先は市や公的機関のサイトにある{_KIND_JA[kind]}（.{ext}）です。スマートフォンでは"
                    "開けないことがあるので、中身（様式の名前など）を本文で説明してください。"
                )
                en = f"The link points at {_KIND_EN[kind]} (.{ext}) on an official site; say what it contains."
            else:
                ja = (
                    f"リンク先は{_KIND_JA[kind]}（.{ext}）です。開くとプログラムが動き、ウイルスなど有害な"
                    f"プログラムの入り口になるおそれがあります{cite}。"
                )
                en = f"The link points at {_KIND_EN[kind]} (.{ext}), a common way in for malware."
            yield ctx.finding(
                link.start,
                link.end,
                ja,
                en,
                hint="ファイルを直接リンクせず、内容と入手方法を説明したページ（公式ストア、市のページ）にリンクしてください。",
                hint_en="Link a page that explains the file (official app store, the city's page) instead.",
                severity=severity,
                extension=ext,
                kind=kind,
            )
