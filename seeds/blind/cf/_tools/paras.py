"""Paragraph extractor for the blind batch (stdlib only).

A paragraph is
  * one non-empty line of a .txt page;
  * an HTML block element (p, h1-h6, li, td/th, dt/dd, summary, figcaption,
    pre, blockquote, button);
  * a run of text standing directly in any other container (div, section,
    nav, header, footer, aside, span chains inside a div ...).

Inline elements (a, span, strong, em, b, i, time, label, ...) do not break a
run; <br> keeps its lines in the same paragraph.  Text inside script, style,
template, noscript, svg, the document <head>, and hidden elements (the
`hidden` attribute, aria-hidden="true", or style display:none) is ignored.

For every paragraph two texts are kept: tags removed with nothing, and tags
removed with a space (both whitespace-normalised).  When the source carries
data-l="label" annotations the label of each paragraph is reported too.
"""
import re
from html.parser import HTMLParser

INLINE = {
    'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'em',
    'font', 'i', 'img', 'ins', 'del', 'kbd', 'label', 'mark', 'q', 's',
    'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
    'wbr', 'picture', 'source', 'input',
}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'param', 'source', 'track', 'wbr'}
SKIP = {'script', 'style', 'template', 'noscript', 'svg', 'head', 'title'}
LABELS = ('credible', 'boilerplate', 'promotional', 'scraped_faq',
          'off_topic', 'unsourced_rumour', 'fabricated_author_bio')
MARK = '\x00'  # stands for a removed tag inside a paragraph buffer


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


class Para:
    __slots__ = ('text', 'text_nothing', 'label', 'tag')

    def __init__(self, text, text_nothing, label, tag):
        self.text, self.text_nothing, self.label, self.tag = text, text_nothing, label, tag

    def __repr__(self):
        return 'Para(%r, %r, %s)' % (self.tag, self.text[:60], self.label)


class _Frame:
    __slots__ = ('tag', 'block', 'label', 'hidden', 'buf', 'labels')

    def __init__(self, tag, block, label, hidden):
        self.tag, self.block, self.label, self.hidden = tag, block, label, hidden
        self.buf = []
        self.labels = set()


class Extractor(HTMLParser):
    def __init__(self, strict=False):
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.stack = [_Frame('#root', True, None, False)]
        self.paras = []
        self.errors = []

    # -- helpers -------------------------------------------------------
    def _block(self):
        for f in reversed(self.stack):
            if f.block:
                return f
        return self.stack[0]

    def _hidden(self):
        return any(f.hidden for f in self.stack)

    def _label(self):
        for f in reversed(self.stack):
            if f.label is not None:
                return f.label
        return None

    def _flush(self, frame):
        raw = ''.join(frame.buf)
        space = norm(raw.replace(MARK, ' '))
        nothing = norm(raw.replace(MARK, ''))
        if space:
            labels = frame.labels
            if len(labels) > 1:
                self.errors.append('mixed labels %s in paragraph %r' % (sorted(labels), space[:80]))
            label = next(iter(labels)) if labels else None
            self.paras.append(Para(space, nothing, label, frame.tag))
        frame.buf = []
        frame.labels = set()

    # -- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        style = (a.get('style') or '').replace(' ', '').lower()
        hidden = ('hidden' in a or (a.get('aria-hidden') or '').lower() == 'true'
                  or 'display:none' in style or tag in SKIP)
        label = a.get('data-l')
        block = tag not in INLINE
        if tag in VOID:
            # a void element never holds text; it only separates tokens
            blk = self._block()
            if block:
                self._flush(blk)
            else:
                blk.buf.append(MARK)
            return
        if block:
            self._flush(self._block())
        else:
            self._block().buf.append(MARK)
        self.stack.append(_Frame(tag, block, label, hidden))

    def handle_startendtag(self, tag, attrs):
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                idx = i
                break
        if idx is None:
            if self.strict:
                self.errors.append('stray end tag </%s>' % tag)
            return
        if self.strict and idx != len(self.stack) - 1:
            self.errors.append('mis-nested </%s> (open: %s)' % (
                tag, '>'.join(f.tag for f in self.stack[idx:])))
        while len(self.stack) > idx:
            f = self.stack.pop()
            if f.block:
                self._flush(f)
            else:
                self._block().buf.append(MARK)

    def handle_data(self, data):
        if self._hidden():
            return
        blk = self._block()
        blk.buf.append(data)
        if data.strip():
            lab = self._label()
            if lab is not None:
                blk.labels.add(lab)
            elif self.strict:
                blk.labels.add('UNLABELLED')

    def close(self):
        super().close()
        while len(self.stack) > 1:
            f = self.stack.pop()
            if self.strict:
                self.errors.append('unclosed <%s>' % f.tag)
            if f.block:
                self._flush(f)
        self._flush(self.stack[0])


def extract_html(text, strict=False):
    p = Extractor(strict=strict)
    p.feed(text)
    p.close()
    return p.paras, p.errors


def extract_txt(text, annotated=False):
    paras, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = None
        if annotated:
            m = re.match(r'^([a-z_]+\??)\| (.*)$', line)
            if not m:
                errors.append('line %d has no label: %r' % (n, line[:60]))
                continue
            label, line = m.group(1), m.group(2)
        t = norm(line)
        paras.append(Para(t, t, label, 'line'))
    return paras, errors


def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text, strict=annotated)
