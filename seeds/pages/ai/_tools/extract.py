#!/usr/bin/env python3
"""Paragraph extractor for the blind batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is one paragraph.
  * HTML page: a paragraph is a block element (p, h1-h6, li, td/th, dt/dd,
    summary, figcaption, pre, blockquote, button) or a run of text standing
    directly in a container (div, section, nav, ... with inline children such
    as span/a/strong). Any non-inline tag boundary ends the current run.
  * <br> keeps its lines in the same paragraph.
  * Text inside script, style, template, noscript, head, or hidden elements
    (hidden attribute, aria-hidden="true", inline display:none /
    visibility:hidden) is ignored.

Each paragraph is returned in two renderings:
  sp: tags replaced by a space, whitespace collapsed
  no: tags removed with nothing, whitespace collapsed
and, when reading annotated sources, with the set of data-l labels that
cover its text.
"""
import re
import sys
from html.parser import HTMLParser

INLINE = {
    'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i',
    'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup',
    'time', 'u', 'var', 'label', 'img', 'font', 'del', 'ins', 'amp-img',
    'picture', 'source', 'meter', 'output', 'input', 'link', 'meta', 'wbr',
}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'svg', 'iframe',
        'select', 'textarea', 'object', 'title'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'param', 'source', 'track', 'wbr'}
HIDDEN_STYLE = re.compile(r'display\s*:\s*none|visibility\s*:\s*hidden', re.I)
WS = re.compile(r'\s+')


def norm(s):
    return WS.sub(' ', s).strip()


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # entries: [tag, skip(bool), label or None]
        self.sp = []
        self.no = []
        self.labels = set()
        self.paras = []

    # -- helpers ---------------------------------------------------------
    def _skipping(self):
        return any(e[1] for e in self.stack)

    def _label(self):
        for e in reversed(self.stack):
            if e[2] is not None:
                return e[2]
        return None

    def _flush(self):
        sp, no = norm(''.join(self.sp)), norm(''.join(self.no))
        if sp:
            self.paras.append({'sp': sp, 'no': no, 'labels': set(self.labels)})
        self.sp, self.no, self.labels = [], [], set()

    # -- parser callbacks -----------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'br':
            if not self._skipping():
                self.sp.append('\n')
            return
        inline = tag in INLINE
        if not inline and not self._skipping():
            self._flush()
        elif inline and not self._skipping():
            self.sp.append(' ')
        if tag in VOID:
            return
        hidden = (tag in SKIP or 'hidden' in a
                  or (a.get('aria-hidden') or '').lower() == 'true'
                  or bool(HIDDEN_STYLE.search(a.get('style') or '')))
        self.stack.append([tag, hidden, a.get('data-l')])

    def handle_startendtag(self, tag, attrs):
        if tag == 'br':
            if not self._skipping():
                self.sp.append('\n')
            return
        if tag not in INLINE and not self._skipping():
            self._flush()
        elif not self._skipping():
            self.sp.append(' ')

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        idx = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                idx = i
                break
        if idx is None:
            return
        was_skipping = self._skipping()
        del self.stack[idx:]
        if was_skipping and self._skipping():
            return
        if was_skipping:
            return
        if tag in INLINE:
            self.sp.append(' ')
        else:
            self._flush()

    def handle_data(self, data):
        if self._skipping():
            return
        self.sp.append(data)
        self.no.append(data)
        if data.strip():
            self.labels.add(self._label())

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = _Parser()
    p.feed(text)
    p.close()
    return p.paras


LABEL_LINE = re.compile(r'^([a-z_]+\??)\|\s?(.*)$')


def extract_txt(text, annotated=False):
    paras = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label = None
        if annotated:
            m = LABEL_LINE.match(line)
            if not m:
                raise ValueError('unannotated line: %r' % line)
            label, line = m.group(1), m.group(2)
            if not line.strip():
                continue
        t = norm(line)
        paras.append({'sp': t, 'no': t, 'labels': {label}})
    return paras


def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == '__main__':
    for path in sys.argv[1:]:
        for p in extract_file(path, annotated='/_src/' in path):
            lab = ','.join(sorted(str(x) for x in p['labels']))
            print('%-22s %s' % (lab, p['sp']))
