"""The rumour register of a page: weasel and gossip cues per sentence, from lexicons written for this project.

Three kinds of cue, from the linguistics of hedging and of "weasel wording":

* **weasel** cues credit a claim to an unnamed crowd or authority, or assert it in the passive with
  no agent: "some critics argue", "many believe", "it is thought that", "is widely regarded as",
  "reportedly", "allegedly", "a source close to". The claim is presented as held by somebody who
  is never named.
* **quantifier** cues make an unnamed group the subject of a claim ("..., but many say").
* **rumour** cues are the register of gossip pages: anonymous insiders and friends as sources,
  "exclusive", "shocking", "secret", "feud", "meltdown", break-ups and pregnancies.

The page verdict (:mod:`detector.scoring`) discounts a page's credibility by its register.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from ._prefilter import StartIndex, fold_case, leading_literals


def _after(words: str) -> str:
    """Look-behinds: what follows comes after one of ``words`` and a space. A match then starts at a
    rare word instead of a frequent one ("is", "very"), which :class:`~detector.signals._prefilter.StartIndex`
    tries far less often."""
    return "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in words.split()) + ")"


# -- weasel: vague attribution ---------------------------------------------------------------------

_CROWD = (
    r"(?:some|many|most|several|various|numerous|certain|other|few)\s+(?:\w+\s+)?"
    r"(?:people|critics|scholars|historians|experts|observers|analysts|commentators|researchers|"
    r"scientists|economists|writers|authors|sources|reports|accounts|theorists|fans|viewers|"
    r"readers|users|insiders|commentaries|sceptics|skeptics|supporters|opponents|believers|"
    r"academics|reviewers|musicologists|linguists|theologians|biographers|members|residents|"
    r"locals|officials|observers|speculators|doctors|physicians|parents|christians|muslims|"
    r"jews|buddhists|catholics|protestants|americans|europeans)"
)
_SAY = (
    r"(?:say|says|said|believe|believes|believed|think|thinks|thought|argue|argues|argued|claim|claims|"
    r"claimed|consider|considers|considered|suggest|suggests|suggested|maintain|maintains|contend|"
    r"contends|speculate|speculated|assert|asserts|feel|feels|hold|holds|allege|alleges|alleged|"
    r"regard|regards|see|sees|view|views|describe|describes|point out|insist|insists|suspect|suspects|"
    r"fear|fears|worry|worries|criticise|criticize|criticised|criticized|note|noted|question|questioned|"
    r"dispute|disputed|doubt|doubted|have (?:argued|suggested|claimed|said|noted|speculated|pointed out|"
    r"criticized|criticised|questioned|called|described|compared|seen|considered))"
)
_PASSIVE_VERB = (
    r"(?:believed|thought|said|claimed|argued|suggested|considered|rumou?red|reported|alleged|"
    r"speculated|assumed|presumed|estimated|held|accepted|supposed|understood|known|"
    r"felt|feared|expected|hoped|hypothesi[sz]ed|theori[sz]ed|proposed|postulated|"
    r"conjectured|suspected|acknowledged|recognized|recognised|agreed|noted|regarded|"
    r"seen|viewed|described|credited|attributed|cited|reputed|purported|deemed)"
)

WEASEL = re.compile(
    r"\b(?:"
    + _CROWD
    + r"\s+(?:\w+\s+){0,2}?"
    + _SAY
    + r"\b"
    + r"|(?:some|many|others|critics|experts|scholars|historians|observers|commentators|skeptics|sceptics)"
    r"\s+(?:have\s+|had\s+|would\s+|might\s+|may\s+)?"
    + _SAY
    + r"\b"
    + r"|according\s+to\s+(?:some|many|most|several|various|certain|critics|experts|scholars|legend|"
    r"tradition|rumou?rs?|reports|sources|insiders|fans|folklore|popular belief|one (?:account|theory|"
    r"version|story|report|source)|some accounts|local (?:legend|lore|tradition))"
    + r"|it\s+(?:is|was|has\s+been|had\s+been|may\s+be|might\s+be|could\s+be|can\s+be|would\s+be|"
    r"is\s+(?:widely|generally|commonly|often|sometimes|usually|frequently|now|also|still)|"
    r"was\s+(?:widely|generally|commonly|often|sometimes|once|long|later|also)|"
    r"has\s+(?:widely|generally|often|sometimes|long|also)\s+been)\s+"
    + _PASSIVE_VERB
    + r"\b"
    + r"|(?:widely|generally|commonly|often|sometimes|frequently|popularly|largely|traditionally|"
    r"universally|broadly|occasionally|usually|mostly)\s+(?:been\s+)?(?:regarded|considered|believed|"
    r"thought|accepted|seen|viewed|held|acknowledged|recognized|recognised|cited|described|known|"
    r"credited|attributed|praised|criticized|criticised|referred\s+to\s+as|hailed|touted|"
    r"perceived|assumed|reported|claimed|said|debated|disputed)"
    + r"|(?:is|are|was|were|be|been|being)\s+(?:also\s+|still\s+|now\s+)?(?:regarded|considered|believed|"
    r"thought|said|rumou?red|reputed|alleged|claimed|supposed|presumed|assumed|reported|"
    r"suspected|speculated|understood|expected|estimated|deemed)\s+(?:by\s+(?:some|many|most|"
    r"others|critics|scholars|historians|experts|fans|observers)\b|to\s+(?:be|have|be\s+one)|as\s+)"
    + r"|(?:reportedly|allegedly|supposedly|purportedly|arguably|reputedly|ostensibly|rumou?redly|"
    r"admittedly|undoubtedly|unquestionably|debatably|controversially|famously|notoriously)"
    + r"|there\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:some|much|considerable|widespread|"
    r"growing|little|no|a|an|ongoing|also)?\s*(?:\w+\s+)?(?:speculation|debate|controversy|"
    r"disagreement|dispute|doubt|perception|belief|consensus|suggestions?|claims?|rumou?rs?|"
    r"evidence|indications?|theor(?:y|ies)|concerns?|criticism|questions?|uncertainty|"
    r"discussion|allegations?|reports?|signs?|speculations?)"
    + r"|(?:some|many|most|others)\s+(?:have|had)\s+(?:\w+\s+)?(?:argued|suggested|claimed|said|"
    r"speculated|noted|questioned|criticized|criticised|called|described|compared|considered)"
    + r"|(?:one of the|among the)\s+(?:best|greatest|finest|most|leading|foremost|worst|"
    r"premier|pre-eminent|preeminent)"
    + r"|(?:widespread|wide|considerable|critical|universal|great|much|international|popular)\s+"
    r"(?:acclaim|praise|criticism|controversy|debate|recognition|attention|interest|popularity)"
    + r"|(?:sources?|insiders?|a\s+friend|friends|pals?|an?\s+(?:insider|source|tipster|spy|onlooker|"
    r"eyewitness|witness|acquaintance|confidant|confidante|associate|family\s+friend|pal|"
    r"relative))\s+(?:close\s+to|familiar\s+with|near|inside|within|say|says|said|claim|claims|"
    r"tell|tells|told|reveal|reveals|revealed|dish|dishes|dished|spill|spills|spilled|confirm|"
    r"confirms|confirmed|insist|insists|insisted|add|adds|added|explain|explains|explained)" + r")\b",
    re.IGNORECASE,
)

# -- weasel quantifiers: an unnamed group as the subject of a claim ---------------------------------

#: Run on text whose white space is single (blocks' text, joined by newlines), where the look-behinds
#: see the whole clause boundary before the quantifier.
QUANTIFIER = re.compile(
    r"\b(?:\A|(?<=[.;:,]\s)|" + _after("and but while although though whereas that as since") + ")"
    r"(?:some|many|most|several|various|numerous|certain|others|critics|skeptics|sceptics)"
    r"(?:\s+(?:of\s+(?:the|its|his|her|their|these|those|them)\s+)?[a-z-]+){0,2}?\s+"
    r"(?:(?:have|has|had|would|may|might)\s+(?:long\s+|also\s+|even\s+)?(?:said|believed|thought|argued|claimed|"
    r"suggested|considered|speculated|questioned|criticised|criticized|disputed|doubted|described|"
    r"called|compared|noted|suspected|attributed|credited|regarded|seen|viewed)|"
    r"say|says|said|believe|believed|think|thought|argue|argued|claim|claimed|consider|considered|"
    r"suggest|suggested|feel|felt|hold|held|regard|regarded|see|saw|view|viewed|describe|described|"
    r"prefer|preferred|object|objected|criticise|criticize|criticised|criticized|maintain|maintained|"
    r"contend|contended|dispute|disputed|question|questioned|doubt|doubted|speculate|speculated|"
    r"attribute|attributed|credit|credited|call|called|compare|compared|note|noted|suspect|suspected)\b",
    re.IGNORECASE,
)

# -- rumour register: gossip-page markers ----------------------------------------------------------

RUMOUR = re.compile(
    r"\b(?:"
    r"(?:an?|one|the)\s+(?:\w+\s+)?(?:insider|source|tipster|spy|snitch|mole|confidant|confidante|"
    r"pal|onlooker|eyewitness|friend|acquaintance|associate|relative|family\s+member)"
    r"(?:\s+(?:close\s+to|familiar\s+with|near|inside|tells|told|says|said|reveals|revealed|dishes|"
    r"dished|spills|spilled|claims|claimed|explains|explained|adds|added|confirms|confirmed|"
    r"shares|shared|insists|insisted|exclusively|who|reportedly|previously|also))|"
    r"(?:sources?|insiders?|friends|pals|spies|tipsters)\s+(?:close\s+to|familiar\s+with|say|said|"
    r"claim|claimed|tell|told|reveal|revealed|dish|dished|insist|insisted|confirm|confirmed|"
    r"report|reported|add|added|explain|explained|believe|suggest)|"
    r"exclusive(?:ly)?|shocking|shocked|bombshell|stunning|stunned|scandal\w*|secret(?:ly|s)?|"
    r"feud\w*|meltdown|furious|fuming|heartbroken|devastated|distraught|desperate\w*|jealous\w*|"
    r"rage|raging|enraged|livid|bitter|betray\w*|cheat\w*|affair|fling|hook(?:ed|ing)?\s+up|"
    r"split|splitting|breakup|break-up|divorce\w*|pregnan\w+|baby\s+bump|engaged|engagement|"
    r"rehab|relapse|marriage\s+(?:trouble|woes|crisis|on\s+the\s+rocks)|on\s+the\s+rocks|"
    r"(?:rumou?r|rumou?rs|rumou?red|rumou?r\s+mill|gossip|whispers?|buzz|speculation)|"
    r"(?:sparks?|sparked|fuel(?:s|ed|led)?|stoke[sd]?)\s+(?:\w+\s+)?(?:rumou?rs?|speculation)|"
    r"reportedly|allegedly|supposedly|apparently|claims?|claimed|"
    r"(?:can|could)\s+(?:\w+\s+)?(?:be|have)\s+(?:ready|back|over|pregnant|dating|engaged)|"
    r"reveals?|revealed|dish(?:es|ed)?|spill(?:s|ed)?|"
    r"can\W?t\s+(?:stand|get\s+enough|keep)|won\W?t\s+(?:be|stop)|"
    r"totally|completely|absolutely|seriously|literally|super|so\s+(?:much|happy|in\s+love)|"
    r"madly|head\s+over\s+heels|smitten|can't\s+wait|cozy|cosy|steamy|sizzling|sexy|hottest|"
    r"romance|romantic|lovebirds?|love\s+triangle|rekindl\w+|reunit\w+|"
    r"insiders?|sources?"
    r")\b",
    re.IGNORECASE,
)


# -- weasel words: the vocabulary of claims that lean on nobody in particular ----------------------

# a vague quantity of time or of a unit ("many years", "several times", "some 300 people") is no claim
_MEASURE = (
    r"\d|(?:other\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|times?|decades?|centuries|generations?|"
    r"seasons?|miles?|kilometres?|kilometers?|metres?|meters?|feet|inches|pounds?|dollars?|episodes?|"
    r"issues?|editions?|versions?|occasions?|hundred|thousand|million)\b"
)
_VAGUE_QUANTIFIERS = r"(?:some|many|several|numerous|countless)(?!\s+(?:" + _MEASURE + r"))"
_EPISTEMIC_ADVERBS = (
    r"probably|possibly|perhaps|maybe|presumably|supposedly|seemingly|arguably|allegedly|"
    r"reportedly|reputedly|purportedly|apparently|conceivably|likely|probable"
)
_OPEN_QUESTIONS = r"(?<=\bit\sis\s)possible|unclear|uncertain|unknown|debatable|questionable|controversial|disputed|debated|doubtful|speculative"


_EPISTEMIC_VERBS = (
    r"seems?|seemed|appears?\s+to|appeared\s+to|suggests?|suggested|suggesting|might|"
    r"may\s+(?:have|well)|believed|thought\s+to|speculat\w+|rumou?r\w*|"
    + _after(
        "is are was were be been being often widely generally commonly sometimes also then now "
        "still once long"
    )
    + r"(?:(?:believed|thought|said|claimed|rumou?red|alleged|purported|presumed|assumed|suspected|"
    r"reported|seen|viewed|perceived)\s+(?:to|as|by|that)|known\s+(?:to|by|that)|considered|regarded|deemed|"
    r"reputed)"
)
_GENERALISERS = r"generally|widely|largely"
_PEACOCK = (
    r"famous|famously|notable|well[- ]known|best[- ]known|renowned|prominent|acclaimed|legendary|iconic|"
    r"greatest|finest|one\s+of\s+the\s+(?:best|most|greatest|finest|largest|leading|foremost|first)|"
    + _after("highly heavily widely much massively hugely very")
    + r"(?:popular|criticized|criticised|regarded|respected|acclaimed|influential|praised|successful)"
)
_UNNAMED_AUTHORITIES = (
    r"critics|experts|scholars|historians|observers|analysts|commentators|sources\s+say|some\s+say|"
    r"others\s+(?:have\s+|had\s+)?(?:say|said|believe|believed|argue|argued|claim|claimed|suggest|"
    r"suggested|think|thought|consider|considered|contend|contended|maintain|maintained|feel|felt|"
    r"see|saw|view|viewed|describe|described|call|called|speculate|speculated)"
)

#: Weasel words (in Wikipedia's sense) and epistemic hedges: vague quantifiers standing in for a source
#: ("some argue", "many consider"), epistemic adverbs and verbs ("probably", "is believed to", "seems"),
#: open questions ("disputed", "unclear"), generalisers ("widely", "generally"), peacock terms ("one of
#: the greatest", "renowned") and unnamed authorities ("critics", "experts"). One of them in a sentence
#: makes the sentence lean on nobody in particular. A judgement in the passive counts ("is considered his
#: best work", "is known to cause"), a name does not ("is known as"). Frequency adverbs ("often",
#: "usually"), root modals ("may be", "could"), bare "most" (mostly a superlative), "others" ending a
#: list (only "others argue" and the like count), the emphasis "notably" and "indicate" are left out: in
#: encyclopaedic and news prose they state facts more often than they hedge.
WEASEL_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        [
            _VAGUE_QUANTIFIERS,
            _EPISTEMIC_ADVERBS,
            _OPEN_QUESTIONS,
            _EPISTEMIC_VERBS,
            _GENERALISERS,
            _PEACOCK,
            _UNNAMED_AUTHORITIES,
        ]
    )
    + r")\b",
    re.IGNORECASE,
)


def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without IGNORECASE, to run on :func:`~detector.signals._prefilter.fold_case`-ed text: the same matches
    (its literals are lower-case ASCII), and several times faster, because ``re`` can then reject most
    alternatives by their first character. A pattern that starts at a word boundary also gets a
    look-ahead for the letters its matches can start with (:func:`~detector.signals._prefilter.leading_literals`),
    so that the engine leaves the other word boundaries (word ends among them) at once."""
    source = pattern.pattern
    leading = leading_literals(pattern)
    if leading and source.startswith(r"\b"):
        source = r"\b(?=[" + re.escape("".join(sorted({s[0] for s in leading}))) + "])" + source[2:]
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


_RUMOUR, _WEASEL, _QUANTIFIER = map(_case_sensitive, (RUMOUR, WEASEL, QUANTIFIER))
_WEASEL_WORDS = _case_sensitive(WEASEL_WORDS)
_WEASEL_INDEX = StartIndex([_WEASEL_WORDS])  # tried only where a weasel word can start
_CUES = StartIndex([_RUMOUR, _WEASEL, _QUANTIFIER])  # the first two are tried only where their words start
# a run of end marks is taken whole, from its first mark (finditer never starts inside one): a run that
# is no sentence end is then passed over in one step, not once per mark
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++(?=\s|[\"”’')\]]|$)")
#: Words after which a full stop ends no sentence (besides initials, single letters).
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "pg", "pp", "vol", "fig", "no"}
)


def _sentence_ends(text: str) -> Iterator[int]:
    """The offsets where the sentences of ``text`` end: after ``.``, ``!`` or ``?`` before white space, a
    closing quote or bracket, or the end; not after an initial ("J. R. Smith") or an abbreviation of
    :data:`_ABBREVIATIONS` ("Dr.", "St.", "pg.")."""
    for match in _SENTENCE_END.finditer(text):
        start = match.start()
        if match.end() - start == 1 and text[start] == ".":
            word = start
            while word > 0 and start - word <= 4 and text[word - 1].isalpha():
                word -= 1
            if (word == 0 or not (text[word - 1].isalnum() or text[word - 1] == "_")) and (
                start - word == 1 or text[word:start].lower() in _ABBREVIATIONS
            ):
                continue
        yield match.end()


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text``: from one :func:`_sentence_ends` to the next, and the
    rest of the text when it is not blank (a piece ending at a sentence end is never blank)."""
    spans, start = [], 0
    for end in _sentence_ends(text):
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """Rough sentences of ``text``, split where :func:`_sentence_ends` finds an end (initials and a few
    abbreviations are passed over; others are not)."""
    return [text[start:end].strip() for start, end in _sentence_spans(text)]


def register_cues(title: str | None, texts: list[str]) -> tuple[float, Counter[str]]:
    """The rumour register of a page (:func:`rumour_register`) and the cues that make it, counted
    (cue phrases lower-cased, exclamation marks as ``"!"``)."""
    body = "\n".join(texts)
    n = max(count_sentences(body), 1)
    folded = fold_case(body)
    found: Counter[str] = Counter()
    for matches in _CUES.finditer(folded):
        found.update(" ".join(match.group().split()).strip(" .;:,") for match in matches)
    exclamations = body.count("!") + (title or "").count("!")
    if exclamations:
        found["!"] = exclamations
    return sum(found.values()) / n, found


def rumour_register(title: str | None, texts: list[str]) -> float:
    """Rumour-register density of a page: weasel and gossip cues and exclamation marks per sentence.

    0 for sober, attributed prose; gossip pages built on anonymous insiders, "shocking" secrets and
    vague attribution score around 1 or more.
    """
    return register_cues(title, texts)[0]


def weasel_word(text: str) -> str | None:
    """The first weasel word of ``text`` (:data:`WEASEL_WORDS`, lower-cased), or None."""
    matches = _WEASEL_INDEX.finditer(fold_case(text))[0]
    return matches[0].group() if matches else None


def weasel_sentences(folded: str, starts: list[int]) -> tuple[int, int]:
    """How many of the sentences of the :func:`~detector.signals._prefilter.fold_case`-ed text hold a weasel word, and how many there are.

    ``starts``: where the text's weasel words start, ascending (:func:`weasel_starts`). A match never
    spans two sentences (it holds no sentence end), so a sentence holds a weasel word when a match
    starts inside it.
    """
    spans = _sentence_spans(folded)
    if not starts:
        return 0, len(spans)
    return sum(bisect.bisect_left(starts, a) < bisect.bisect_left(starts, b) for a, b in spans), len(spans)


def count_sentences(text: str) -> int:
    """``len(sentences(text))``, without building them."""
    return len(_sentence_spans(text))


def weasel_starts(folded: list[str]) -> list[list[int]]:
    """Where the weasel words of each of the :func:`~detector.signals._prefilter.fold_case`-ed texts start, found in one pass over the texts
    joined by NUL (which no match spans)."""
    starts: list[list[int]] = [[] for _ in folded]
    if not folded:
        return starts
    offsets = list(itertools.accumulate((len(text) + 1 for text in folded[:-1]), initial=0))
    for match in _WEASEL_INDEX.finditer("\0".join(folded))[0]:
        k = bisect.bisect_right(offsets, match.start()) - 1
        starts[k].append(match.start() - offsets[k])
    return starts


def weasel_share(texts: list[str]) -> float:
    """Share of the sentences of ``texts`` that hold a weasel word (0 without sentences)."""
    folded = [fold_case(text) for text in texts]
    found = n = 0
    for text, starts in zip(folded, weasel_starts(folded), strict=True):
        f, k = weasel_sentences(text, starts)
        found, n = found + f, n + k
    return found / n if n else 0.0
