#!/usr/bin/env python3
"""Paragraph extractor for the blind batch (stdlib only).

Rules (from the brief):
  * .txt page: one non-empty line = one paragraph.
  * HTML: block elements p, h1-h6, li, td/th, dt/dd, summary, figcaption, pre,
    blockquote, button are paragraphs; a run of text standing directly in any
    other non-inline element (div, section, nav, custom elements ...) is a
    paragraph too.  Inline elements (a, span, strong, em, br ...) never split a
    paragraph, so <br> keeps its lines together.
  * Text inside script, style, template, noscript, the document <head>, and
    elements that are hidden (hidden attribute, aria-hidden="true",
    style display:none / visibility:hidden) is ignored.

Every paragraph is returned twice-normalised: `nospace` (tags removed with
nothing) and `space` (tags replaced by a space); both have whitespace collapsed.
When `labelled=True` the data-l annotation of the nearest ancestor is returned.
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {
    'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'del',
    'em', 'font', 'i', 'img', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp',
    'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'svg'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'param', 'source', 'track', 'wbr'}
LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}

_ws = re.compile(r'\s+')


def norm(s):
    return _ws.sub(' ', s).strip()


def _is_hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d:
        return True
    if (d.get('aria-hidden') or '').strip().lower() == 'true':
        return True
    style = (d.get('style') or '').replace(' ', '').lower()
    if 'display:none' in style or 'visibility:hidden' in style:
        return True
    return False


class Para:
    __slots__ = ('nospace', 'space', 'label', 'clear', 'index')

    def __init__(self, nospace, space, label, clear, index):
        self.nospace, self.space = nospace, space
        self.label, self.clear, self.index = label, clear, index

    def __repr__(self):
        return 'Para(%r, %r)' % (self.label, self.space[:60])


class Extractor(HTMLParser):
    def __init__(self, labelled=False):
        super().__init__(convert_charrefs=True)
        self.labelled = labelled
        self.stack = []          # (tag, label_or_None, suppressed)
        self.run = []            # list of (text_nospace, text_space, label)
        self.paras = []
        self.errors = []

    # --- helpers -------------------------------------------------------
    def _suppressed(self):
        return bool(self.stack) and self.stack[-1][2]

    def _label(self):
        for tag, lab, _ in reversed(self.stack):
            if lab is not None:
                return lab
        return None

    def flush(self):
        if not self.run:
            return
        nospace = norm(''.join(c[0] for c in self.run))
        space = norm(''.join(c[1] for c in self.run))
        labs = {c[2] for c in self.run if c[0].strip()}
        self.run = []
        if not space:
            return
        label, clear = None, True
        if self.labelled:
            if len(labs) != 1:
                self.errors.append('paragraph with labels %r: %r' % (sorted(map(str, labs)), space[:80]))
            lab = sorted(map(str, labs))[0] if labs else 'None'
            clear = not lab.endswith('?')
            label = lab.rstrip('?')
            if label not in LABELS:
                self.errors.append('bad/missing label %r: %r' % (lab, space[:80]))
        self.paras.append(Para(nospace, space, label, clear, len(self.paras)))

    # --- parser callbacks ---------------------------------------------
    def handle_starttag(self, tag, attrs):
        suppressed = self._suppressed()
        if tag in VOID:
            if tag == 'br' and not suppressed:
                self.run.append(('', ' ', self._label()))
            elif tag not in INLINE and not suppressed:
                self.flush()
            return
        if tag not in INLINE and not suppressed:
            self.flush()
        elif tag in INLINE and not suppressed:
            self.run.append(('', ' ', self._label()))
        lab = dict(attrs).get('data-l')
        hide = suppressed or tag in SKIP or _is_hidden(attrs)
        self.stack.append((tag, lab, hide))

    def handle_startendtag(self, tag, attrs):
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            self.errors.append('stray end tag </%s>' % tag)
            return
        while self.stack:
            t, lab, hide = self.stack.pop()
            if t != tag:
                self.errors.append('unclosed <%s> before </%s>' % (t, tag))
            if t == tag:
                break
        if not self._suppressed():
            if tag in INLINE:
                self.run.append(('', ' ', self._label()))
            else:
                self.flush()

    def handle_data(self, data):
        if self._suppressed():
            return
        self.run.append((data, data, self._label()))

    def close(self):
        super().close()
        self.flush()
        for t, _, _ in self.stack:
            self.errors.append('unclosed <%s> at end of document' % t)


TXT_LINE = re.compile(r'^([a-z_]+\??)\|\s?(.*)$')


def extract_txt(text, labelled=False):
    paras, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        label, clear = None, True
        if labelled:
            m = TXT_LINE.match(line)
            if not m:
                errors.append('unlabelled txt line: %r' % line[:80])
                continue
            lab, line = m.group(1), m.group(2)
            clear = not lab.endswith('?')
            label = lab.rstrip('?')
            if label not in LABELS:
                errors.append('bad label %r' % lab)
        t = norm(line)
        if t:
            paras.append(Para(t, t, label, clear, len(paras)))
    return paras, errors


def extract_html(text, labelled=False):
    p = Extractor(labelled=labelled)
    p.feed(text)
    p.close()
    return p.paras, p.errors


def extract_file(path, labelled=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, labelled)
    return extract_html(text, labelled)


if __name__ == '__main__':
    lab = '--labelled' in sys.argv
    for path in [a for a in sys.argv[1:] if not a.startswith('--')]:
        paras, errs = extract_file(path, labelled=lab)
        for e in errs:
            print('ERROR', e)
        for p in paras:
            print('%3d %-22s %s' % (p.index, (p.label or '') + ('' if p.clear else '?'), p.space))
