"""URL family: links in a draft (URL001-URL005).

Skeleton: the rules are registered so that the city policies can load; their checks are
being written (see the project issue "URL family").
"""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.registry import register
from snslint.rule import Rule, RuleContext


@register
class UrlShortener(Rule):
    """URL001 url-shortener: a link through a URL shortening service."""

    code = "URL001"
    name = "url-shortener"
    default_severity = Severity.WARNING
    summary = "短縮URL（bit.ly 等）へのリンク"
    summary_en = "A link through a URL shortening service"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


@register
class InsecureLink(Rule):
    """URL002 insecure-link: an ``http://`` link where ``https://`` is expected."""

    code = "URL002"
    name = "insecure-link"
    default_severity = Severity.WARNING
    summary = "https で開けるはずのサイトへの http:// リンク"
    summary_en = "An http:// link to a site that serves https"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


@register
class ExternalLink(Rule):
    """URL003 external-link: a link outside the city's official domains."""

    code = "URL003"
    name = "external-link"
    default_severity = Severity.INFO
    summary = "市の公式ドメイン以外へのリンク"
    summary_en = "A link outside the city's official domains"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


@register
class LookalikeDomain(Rule):
    """URL004 lookalike-domain: a domain that imitates an official one."""

    code = "URL004"
    name = "lookalike-domain"
    default_severity = Severity.WARNING
    summary = "市の公式ドメインに似せたドメイン"
    summary_en = "A domain that imitates one of the city's official domains"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


@register
class ExecutableLink(Rule):
    """URL005 executable-link: a link to a program or archive."""

    code = "URL005"
    name = "executable-link"
    default_severity = Severity.WARNING
    summary = "プログラムや圧縮ファイル（.exe .apk .zip 等）へのリンク"
    summary_en = "A link to a program or archive (.exe, .apk, .zip ...)"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())
