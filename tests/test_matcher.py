"""The mention matcher's rules: whole words, case, plurals, longest match, Unicode."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.core.link.autolink import _relpath, link_html, relative_url
from hallway.core.link.matcher import Matcher, Target, _case_sensitive


def target(kind: str, key: str, name: str) -> Target:
    return Target(kind, key, name, f"{kind}s/{key}/", f"{kind}s/{key}.md", f"{kind}s/{key}.md")


VPN = target("topic", "vpn", "VPN")
CLA = target("topic", "cla", "Contributor licence agreements")
PROM = target("project", "prometheus", "Prometheus")
NODE = target("project", "node-exporter", "node_exporter")
CPP = target("project", "cpp", "C++")
N3N = target("project", "n3n", "n3n")
TUI = target("speaker", "tui-ngata", "Tūī Ngata")
WG = target("project", "wireguard", "WireGuard")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    m = Matcher()
    for form, t in [("VPN", VPN), ("VPNs", VPN), ("CLA", CLA), ("CLAs", CLA),
                    ("contributor licence agreement", CLA), ("Prometheus", PROM),
                    ("node_exporter", NODE), ("Prometheus node_exporter", NODE), ("C++", CPP),
                    ("n3n", N3N), ("Tūī Ngata", TUI), ("WireGuard", WG)]:
        m.add(form, t)
    return m.build()


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.target.key) for m in matcher.find(text)]


def test_whole_words_only(matcher: Matcher) -> None:
    assert found(matcher, "VPNish and aVPN but VPN.") == [("VPN", "vpn")]


def test_capitalised_aliases_are_case_sensitive(matcher: Matcher) -> None:
    assert found(matcher, "a cla, a Cla, a CLA") == [("CLA", "cla")]


def test_other_names_are_case_insensitive(matcher: Matcher) -> None:
    assert found(matcher, "wireguard and PROMETHEUS") == [("wireguard", "wireguard"),
                                                         ("PROMETHEUS", "prometheus")]


def test_plurals_when_an_alias_says_so(matcher: Matcher) -> None:
    assert found(matcher, "CLAs have problems; two VPNs") == [("CLAs", "cla"), ("VPNs", "vpn")]


def test_longest_match_wins(matcher: Matcher) -> None:
    assert found(matcher, "We run Prometheus node_exporter and Prometheus.") == [
        ("Prometheus node_exporter", "node-exporter"), ("Prometheus", "prometheus")]


def test_underscores_symbols_and_unicode(matcher: Matcher) -> None:
    assert found(matcher, "node_exporter_extra, node_exporter; C++ and Tūī Ngata") == [
        ("node_exporter", "node-exporter"), ("C++", "cpp"), ("Tūī Ngata", "tui-ngata")]


def test_hyphenated_compounds_are_different_names(matcher: Matcher) -> None:
    assert found(matcher, "n3n-edge talks to n3n - and (n3n)") == [("n3n", "n3n"), ("n3n", "n3n")]


def test_multiword_names_match_across_case(matcher: Matcher) -> None:
    assert found(matcher, "a Contributor Licence Agreement") == [("Contributor Licence Agreement", "cla")]


def test_links_first_mention_only_and_never_self(matcher: Matcher) -> None:
    html = "<p>VPN and VPN, WireGuard</p><ul><li>VPN again</li></ul>"
    out = link_html(html, matcher, "talks/eo/x/", own={WG.ident})
    assert out.count("hw-autolink") == 1
    assert '<a class="hw-autolink" href="../../../topics/vpn/" title="Topic: VPN">VPN</a> and VPN' in out
    assert link_html(html, matcher, "talks/eo/x/", own=set(), mode="all").count("hw-autolink") == 4
    assert link_html(html, matcher, "talks/eo/x/", own=set(), mode="off") == html


def test_never_inside_code_links_headings_attributes_or_urls(matcher: Matcher) -> None:
    html = ('<h2 id="vpn">VPN</h2><p><code>VPN</code> <a href="x">VPN</a> '
            '<img alt="VPN" src="vpn.png"> https://example.org/VPN/n3n</p><pre>n3n</pre>')
    assert link_html(html, matcher, "", own=set(), mode="all") == html


def test_escaped_text_stays_escaped(matcher: Matcher) -> None:
    out = link_html("<p>&lt;b&gt; VPN &amp; n3n</p>", matcher, "", own=set(), mode="all")
    assert out.startswith("<p>&lt;b&gt; <a ") and "&amp; <a " in out


def test_relative_url() -> None:
    assert relative_url("talks/eo/x/", "topics/vpn/") == "../../../topics/vpn/"
    assert relative_url("", "topics/vpn/") == "topics/vpn/"
    assert relative_url("topics/vpn/", "topics/vpn/") == "./"


_segments = st.lists(st.sampled_from(["talks", "eo-2025", "n3n", "topics", "vpn", "a", "index.html",
                                      "x.html", "v1.2", "..", ".", ""]), max_size=4).map("/".join)


@settings(max_examples=500, deadline=None)
@given(_segments, _segments, st.booleans(), st.booleans())
def test_relative_urls_agree_with_posixpath(to: str, start: str, to_dir: bool, start_dir: bool) -> None:
    """The hand-written fast path for page paths gives what posixpath.relpath gives."""
    to, start = (to + "/" if to_dir else to) or ".", (start + "/" if start_dir else start) or "."
    assert _relpath(to, start) == posixpath.relpath(to, start)


def test_a_name_of_two_kinds_is_ambiguous_and_one_kind_twice_is_an_error() -> None:
    """Issue 16: a speaker and a topic may share a name; prose naming it links neither."""
    speaker, topic = target("speaker", "mariatta", "Mariatta"), target("topic", "mariatta", "mariatta")
    cla_project = target("project", "cla-tool", "cla")
    m = Matcher()
    for form, t in [("Mariatta", speaker), ("mariatta", topic), ("CLA", CLA), ("cla", cla_project),
                    ("Prometheus", PROM), ("Prometheus mariatta", topic)]:
        m.add(form, t)
    m.build()
    assert m.problems == []
    assert found(m, "Mariatta and mariatta") == []
    assert [(a.start, a.target.ident, [o.ident for o in a.others]) for a in m.ambiguous("see Mariatta")] == [
        (4, ("speaker", "mariatta"), [("topic", "mariatta")])]
    # 'CLA' in capitals is case-sensitive: only the capitals name both; 'cla' names the project alone.
    assert found(m, "a cla") == [("cla", "cla-tool")]
    assert found(m, "a CLA") == [] and len(m.ambiguous("a CLA")) == 1
    # A longer unambiguous name still wins over an ambiguous one inside it.
    assert found(m, "Prometheus mariatta") == [("Prometheus mariatta", "mariatta")]
    same = Matcher()
    same.add("tunnel", VPN)
    same.add("tunnel", CLA)
    assert [p.message for p in same.problems] == [
        "the name 'tunnel' is claimed by topics/cla.md and by topics/vpn.md"]


def test_common_words_are_only_lowercase_single_words() -> None:
    from hallway.core.link.matcher import is_common_word

    assert is_common_word("forms") and is_common_word("extension") and is_common_word("panel")
    assert not is_common_word("Forms") and not is_common_word("web forms")
    assert not is_common_word("mypy") and not is_common_word("wireguard") and not is_common_word("pandas")
    assert not is_common_word("open-source") and not is_common_word("2024")


@settings(max_examples=3000)
@given(st.text(alphabet=st.sampled_from(list("aAbBzZ 09-_.+&'ÉéßẞǅΣσ中文ー１ⅠⅰⓐⒶ")), max_size=8)
       | st.text(max_size=8))
def test_case_sensitive_forms_are_those_whose_letters_are_all_capitals(form: str) -> None:
    """The ASCII shortcut of ``_case_sensitive`` agrees with its rule: two letters or more, each a
    capital (``VPN``, ``CLA`` match as written; ``Vpn``, ``中文``, ``ⅰVPN``'s letters decide)."""
    letters = [ch for ch in form if ch.isalpha()]
    assert _case_sensitive(form) == (len(letters) >= 2 and all(ch.isupper() for ch in letters))
