"""Pages are decoded as browsers decode them (WHATWG Encoding Standard, HTML Standard's sniffing):
a charset declaration a browser ignores changes nothing in the report, only the standard's labels
count, and ``Detector.score`` never raises, whatever the input."""

import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector import EmptyInputError, extract_page
from detector.page.decoding import PRESCAN_BYTES, decode, prescan_encoding, sniff_encoding
from detector.service import Settings, create_app

with warnings.catch_warnings():  # starlette asks for httpx2, which is not released everywhere yet
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from .conftest import ROOT, SEEDS, seed_page_files

CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS_NAMES = ("news-pages", "extraction-pages")
#: Every page of every corpus in the declaration tests (several minutes); by default every 5th.
FULL = os.environ.get("DETECTOR_CHARSET_FULL") == "1"

#: Labels that are not the Encoding Standard's: browsers ignore them wherever they are declared.
UNKNOWN_LABELS = (
    "cp037",
    "utf-7",
    "punycode",
    "rot13",
    "idna",
    "utf-32",
    "base64",
    "unicode-escape",
    "x-no-such-charset",
    "utf-8-sig",
)
#: The standard's UTF-16 labels: in a <meta> they mean UTF-8 (the meta was read as ASCII).
UTF16_LABELS = ("utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2")
#: Declaration forms: the HTML Standard's prescan honours both.
FORMS = ('<meta charset="{}">', '<meta http-equiv="Content-Type" content="text/html; charset={}">')

SPAM = (
    "<html><head><title>Miracle cure</title></head><body>"
    "<p>Click here to buy the miracle cure now! Limited offer, 90% off, order today!</p>"
    "<p>Doctors hate this one weird trick. Buy now and save big, free shipping worldwide!</p>"
    "</body></html>"
)


def _pages() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt")) + sorted(seed_page_files(SEEDS / "pages"))
    corpus = []
    for name in CORPUS_NAMES:
        corpus += sorted((CORPORA / name).glob("*.html"))
    return seeds + (corpus if FULL else corpus[::5])


PAGES = _pages()
PAGE_IDS = [f"{p.parent.name}/{p.name[:40]}" for p in PAGES]
ALL_PAGES = (
    _pages()
    if FULL
    else (
        sorted(SEEDS.glob("*.txt"))
        + sorted(seed_page_files(SEEDS / "pages"))
        + [p for name in CORPUS_NAMES for p in sorted((CORPORA / name).glob("*.html"))]
    )
)


def _corpora_present() -> None:
    missing = [name for name in CORPUS_NAMES if not (CORPORA / name).is_dir()]
    if missing:
        warnings.warn(
            f"../shared/corpora/{', '.join(missing)} not available: only the seed pages are checked",
            stacklevel=2,
        )


def _insert(data: bytes, tag: bytes) -> bytes:
    """``data`` with ``tag`` right after its ``<head>`` start tag, or at the start when it has none."""
    head = data[: PRESCAN_BYTES * 64].lower().find(b"<head")
    if head >= 0 and data[head + 5 : head + 6] in (b">", b" ", b"\t", b"\n", b"\r"):
        end = data.find(b">", head)
        return data[: end + 1] + tag + data[end + 1 :]
    return tag + data


def _ignored_declarations(data: bytes) -> list[str]:
    """The labels a browser ignores in a <meta> of this page: unknown ones always; a UTF-16 label on a
    page that is UTF-8 (it means UTF-8); x-user-defined (it means windows-1252) on an ASCII page."""
    labels = list(UNKNOWN_LABELS)
    if sniff_encoding(data)[0] == "utf-8":
        labels += UTF16_LABELS
    if data.isascii():
        labels.append("x-user-defined")
    return labels


def _view(report) -> tuple:
    """What a reader of the report sees of a page: its paragraphs, title and verdict."""
    return report.verdict, report.credibility, report.title, [p.model_dump() for p in report.paragraphs]


# --- declarations a browser ignores change nothing ------------------------------------------------


def test_every_ignored_declaration_leaves_the_decoded_text_unchanged():
    """All seed and corpus pages x every ignored label x both forms, at the text level (fast)."""
    _corpora_present()
    failures = []
    for path in ALL_PAGES:
        data = path.read_bytes()
        expected = decode(data)
        for i, label in enumerate(_ignored_declarations(data)):
            tag = FORMS[i % 2].format(label)
            text = decode(_insert(data, tag.encode()))
            if text.replace(tag, "", 1) != expected:
                failures.append(f"{path.name}: {tag}")
    assert not failures, f"{len(failures)} declarations changed the text, e.g. {failures[:5]}"


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_ignored_declarations_leave_the_report_unchanged(detector, path):
    """The full report, for every seed and every 5th corpus page (all with DETECTOR_CHARSET_FULL=1).

    Each page gets cp037 (which Python decodes any page with, so the old decoding read EBCDIC
    garbage) and one of the other ignored labels in turn, a third of them UTF-16 ones (all labels
    with DETECTOR_CHARSET_FULL=1). A .txt page is compared with itself under a declaration of its
    own encoding: the <meta> makes it HTML either way.
    """
    data = path.read_bytes()
    encoding = sniff_encoding(data)[0]
    own = _insert(data, FORMS[0].format(encoding).encode())
    expected = _view(detector.score(own if path.suffix == ".txt" else data))
    if path.suffix != ".txt":  # a <meta> is invisible: declaring the page's own encoding changes nothing
        assert _view(detector.score(own)) == expected
    labels = _ignored_declarations(data)
    if not FULL:
        turn = PAGES.index(path)
        others = [label for label in labels if label != "cp037"]
        labels = ["cp037", others[turn % len(others)]]
    for i, label in enumerate(labels):
        declared = _insert(data, FORMS[i % 2].format(label).encode())
        assert _view(detector.score(declared)) == expected, label


def test_a_utf16_meta_no_longer_hides_a_spam_page(detector):
    page = SPAM.encode()
    spam = detector.score(page)
    assert spam.verdict != "credible"
    for label in UTF16_LABELS + ("cp037", "utf-7"):
        report = detector.score(_insert(page, f'<meta charset="{label}">'.encode()))
        assert (report.verdict, report.credibility) == (spam.verdict, spam.credibility), label


# --- the label table and the order ----------------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["latin1", "iso-8859-1", "ISO_8859-1", "ascii", "us-ascii", "windows-1252", "cp1252"]
)
def test_latin1_and_ascii_labels_mean_windows_1252(label):
    quoted = b"<p>He said \x93quoted\x94 \x85 and paid \x80 5.</p>"
    want = "<p>He said “quoted” … and paid € 5.</p>"
    assert decode(_insert(quoted, f'<meta charset="{label}">'.encode())).endswith(want)
    assert decode(quoted, charset=label) == want


def test_windows_1252_maps_every_byte_as_the_standard():
    # the five bytes Python's cp1252 leaves undefined are C1 controls in the standard, not U+FFFD
    assert decode(b"a\x81\x8d\x8f\x90\x9d\x80", charset="latin1") == "a\x81\x8d\x8f\x90\x9d€"


@pytest.mark.parametrize("label", UNKNOWN_LABELS)
def test_a_transport_charset_that_is_not_a_whatwg_label_is_ignored(label):
    data = "<p>Caf\u00e9 cr\u00e8me: +2AA- and +AGEAYgBj-.</p>".encode()
    assert decode(data, charset=label) == decode(data) == data.decode()


def test_the_transport_charset_comes_before_the_meta_and_sniffing():
    cyrillic = "<meta charset=windows-1252><p>Привет, мир: новости дня.</p>".encode("koi8-r")
    assert "Привет, мир" in decode(cyrillic, charset="koi8-r")
    assert sniff_encoding(cyrillic, charset="koi8-r") == ("koi8-r", "charset")


def test_the_byte_order_mark_wins_over_every_declaration():
    text = '<html><head><meta charset="windows-1251"></head><body><p>Crème brûlée, señor.</p></body></html>'
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16le"), (b"\xfe\xff", "utf-16be")):
        data = bom + text.encode(codec)
        assert decode(data) == text
        assert decode(data, charset="windows-1252") == text, codec
    # the standard has no UTF-32: FF FE 00 00 is a UTF-16LE BOM followed by U+0000
    assert decode(b"\xff\xfe" + "\x00<p>Crème brûlée</p>".encode("utf-16le")) == "<p>Crème brûlée</p>"


def test_utf16_pages_with_a_bom_or_a_transport_charset_decode():
    text = "<p>Le café était très animé ce soir-là.</p>"
    assert extract_page(text.encode("utf-16")).blocks[0].text == "Le café était très animé ce soir-là."
    assert decode(text.encode("utf-16be"), charset="utf-16be") == text
    assert decode(text.encode("utf-16le"), charset="UTF-16") == text


def test_the_prescan_follows_the_html_standard():
    assert prescan_encoding(b'<meta charset="utf-16be">') == "utf-8"
    assert prescan_encoding(b"<meta charset=x-user-defined>") == "windows-1252"
    assert prescan_encoding(b'<meta charset="utf-7"><meta charset="koi8-r">') == "koi8-r"  # unknown: skipped
    # a content="...charset=" counts only with http-equiv="content-type"
    assert prescan_encoding(b'<meta name="description" content="charset=koi8-r">') is None
    assert prescan_encoding(b'<meta content="text/html; charset=koi8-r" http-equiv=Content-Type>') == "koi8-r"
    # comments and attribute values are skipped, as the tokenizer would
    assert prescan_encoding(b"<!-- <meta charset=koi8-r> --><p>") is None
    assert prescan_encoding(b'<div title="<meta charset=koi8-r>"><meta charset=gbk>') == "gbk"
    assert prescan_encoding(b'<?xml version="1.0" encoding="windows-1250"?><html>') == "windows-1250"


def test_a_meta_past_the_first_1024_bytes_is_not_read():
    late = b"<html><head><title>" + b"t" * PRESCAN_BYTES + b"</title><meta charset=windows-1251></head>"
    body = "<body><p>Crème brûlée.</p></body></html>".encode()
    assert sniff_encoding(late + body) == ("utf-8", "utf-8")
    assert decode(late + body).endswith("Crème brûlée.</p></body></html>")


def test_commented_or_pragma_less_declarations_are_ignored():
    text = "<p>Crème brûlée, déjà vu, naïve façade.</p>"
    for head in ("<!-- <meta charset=windows-1251> -->", '<meta name="keywords" content="charset=koi8-r">'):
        assert decode(head.encode() + text.encode()).endswith(text), head


def test_plain_text_is_not_prescanned():
    data = '<meta charset="windows-1251">\nПривет, мир: новости дня.'.encode()
    assert extract_page(data, content_type="text").blocks[-1].text == "Привет, мир: новости дня."


def test_a_replacement_label_gives_a_page_without_readable_text(detector):
    # browsers show a page declared ISO-2022-KR (and the like) as one U+FFFD: nothing to vouch for
    report = detector.score(_insert(SPAM.encode(), b'<meta charset="iso-2022-kr">'))
    assert report.error is not None and report.error.type == EmptyInputError.__name__
    assert report.verdict != "credible"
    with pytest.raises(EmptyInputError):
        decode(b"<p>text</p>", charset="csiso2022kr")


# --- never raise -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["\ud800 text", "\udfff", "a\ud83d\ude00b <p>x</p>", "<p>\udc80 quoted</p>"])
def test_score_takes_a_str_with_lone_surrogates(detector, data):
    report = detector.score(data, source="s")
    report.model_dump_json()  # serialisable: lone surrogates are gone
    assert report.sha256 == __import__("hashlib").sha256(data.encode("utf-8", "surrogatepass")).hexdigest()
    assert all(ch < "\ud800" or ch > "\udfff" for p in report.paragraphs for ch in p.text)


def test_a_surrogate_pair_in_a_str_is_read_as_its_character():
    # a str built from UTF-16 code units (a JavaScript string, say) holds pairs: a browser shows the emoji
    assert decode("a\ud83d\ude00b \ud800c") == "a\U0001f600b \ufffdc"


def test_the_sha256_of_ordinary_input_is_unchanged(detector):
    import hashlib

    text = "The council approved the budget on Tuesday."
    assert detector.score(text).sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert detector.score(text.encode(), charset="utf-7").sha256 == hashlib.sha256(text.encode()).hexdigest()


_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
_MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<meta charset=",
        "utf-16",
        "utf-7",
        "x-user-defined",
        "iso-2022-kr",
        "<head>",
        "<!--",
        "-->",
        '"',
        "'",
        " ",
        "\n",
        "+2AA-",
        "\x00",
        "\ufeff",
    ]
)
_TEXTS = st.lists(st.one_of(st.characters(), _SURROGATE, _MARKUP), max_size=200).map("".join)
_BYTES = st.one_of(
    st.binary(max_size=2000),
    _TEXTS.map(lambda s: s.encode("utf-8", "surrogatepass")),
    _TEXTS.map(lambda s: s.encode("utf-16", "surrogatepass")),
)
_CHARSETS = st.one_of(
    st.none(),
    st.sampled_from(
        UNKNOWN_LABELS + UTF16_LABELS + ("x-user-defined", "replacement", "latin1", "shift_jis", "gb18030")
    ),
    st.lists(st.one_of(st.characters(), _SURROGATE), max_size=12).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(_TEXTS, _BYTES), charset=_CHARSETS, content_type=st.sampled_from(["auto", "html", "text"])
)
def test_score_never_raises(detector, data, charset, content_type):
    report = detector.score(data, source="fuzz", content_type=content_type, charset=charset)
    report.model_dump_json()


# --- the HTTP service passes the header's charset through -----------------------------------------


@pytest.fixture(scope="module")
def client(detector):
    with TestClient(create_app(Settings(), detector=detector)) as c:
        yield c


@pytest.mark.parametrize("charset", ["utf-7", "punycode", "cp037", "cp500"])
def test_the_service_ignores_a_charset_browsers_do_not_know(client, charset):
    text = "The council approved the budget on Tuesday +2AA-.\nThe mayor's office said so in a statement."
    r = client.post(
        "/v1/score", content=text.encode(), headers={"Content-Type": f"text/plain; charset={charset}"}
    )
    assert r.status_code == 200
    assert [p["text"] for p in r.json()["paragraphs"]] == text.splitlines()


def test_the_service_reads_latin1_as_windows_1252_and_lets_the_bom_win(client):
    r = client.post(
        "/v1/score",
        content=b"He said \x93it is done\x94 on Tuesday, and the council agreed.",
        headers={"Content-Type": "text/plain; charset=iso-8859-1"},
    )
    assert r.json()["paragraphs"][0]["text"] == "He said “it is done” on Tuesday, and the council agreed."
    r = client.post(
        "/v1/score",
        content="\ufeffLe café était très animé.".encode(),
        headers={"Content-Type": "text/plain; charset=windows-1252"},
    )
    assert r.json()["paragraphs"][0]["text"] == "Le café était très animé."
