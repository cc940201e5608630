#!/usr/bin/env python3
"""Paragraph extractor for the blind batch (stdlib only).

Rules (from the brief):
  * .txt page: every non-empty line is a paragraph.
  * HTML page: p, h1-h6, li, td, th, dt, dd, summary, figcaption, pre,
    blockquote and button are paragraphs; so is any run of text standing
    directly in a container (div, section, nav, header, footer, aside, any
    unknown/custom element ...).  Inline elements (a, span, strong, em, br,
    time ...) do not break a paragraph; <br> keeps its lines together.
  * Text inside script, style, template, noscript (and head, svg, iframe)
    or inside hidden elements is not a paragraph.

Every paragraph is returned with two renderings of its text:
  a = tags removed with nothing, b = tags replaced by a space,
both with whitespace collapsed.  When the source is annotated (data-l="..."
attributes, inherited by children) the label set of the paragraph's text is
returned too.
"""
import re
from html.parser import HTMLParser

PARA = {'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd',
        'summary', 'figcaption', 'pre', 'blockquote', 'button'}
INLINE = {'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn',
          'em', 'i', 'img', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span',
          'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'label', 'input',
          'del', 'ins', 'font', 'picture', 'source', 'meter', 'output'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'param', 'source', 'track', 'wbr', 'keygen'}
SKIP = {'script', 'style', 'template', 'noscript', 'head', 'title', 'svg',
        'iframe', 'textarea', 'select', 'canvas', 'object'}

WS = re.compile(r'\s+')


def norm(s):
    return WS.sub(' ', s).strip()


def is_hidden(attrs):
    d = dict(attrs)
    if 'hidden' in d:
        return True
    if (d.get('aria-hidden') or '').lower() == 'true':
        return True
    st = (d.get('style') or '').replace(' ', '').lower()
    if 'display:none' in st or 'visibility:hidden' in st:
        return True
    if d.get('type', '').lower() == 'hidden':
        return True
    return False


class _P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # stack entries: (tag, label, hidden, skip)
        self.stack = [('#root', None, False, False)]
        self.buf = []
        self.paras = []
        self.hidden_text = []

    # -- buffer handling
    def _boundary(self):
        self.buf.append(None)

    def _flush(self):
        if not self.buf:
            return
        a = ''.join(x[0] for x in self.buf if x is not None)
        b = ''.join(' ' if x is None else x[0] for x in self.buf)
        labels = sorted({x[1] for x in self.buf if x is not None and x[0].strip()},
                        key=lambda v: (v is None, v or ''))
        self.buf = []
        a, b = norm(a), norm(b)
        if b:
            self.paras.append({'a': a, 'b': b, 'labels': labels})

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        top = self.stack[-1]
        if tag in VOID:
            if tag in INLINE:
                self._boundary()
            else:
                self._flush()
            return
        d = dict(attrs)
        label = d.get('data-l', top[1])
        hidden = top[2] or is_hidden(attrs)
        skip = top[3] or tag in SKIP
        self.stack.append((tag, label, hidden, skip))
        if tag in INLINE:
            self._boundary()
        else:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        names = [e[0] for e in self.stack]
        if tag not in names[1:]:
            return
        while len(self.stack) > 1:
            e = self.stack.pop()
            if e[0] in INLINE:
                self._boundary()
            else:
                self._flush()
            if e[0] == tag:
                break

    def handle_data(self, data):
        top = self.stack[-1]
        if top[3]:
            return
        if top[2]:
            if data.strip():
                self.hidden_text.append(norm(data))
            return
        self.buf.append((data, top[1]))

    def close(self):
        super().close()
        self._flush()


def extract_html(text):
    p = _P()
    p.feed(text)
    p.close()
    return p.paras, p.hidden_text


LABELS = {'credible', 'boilerplate', 'promotional', 'scraped_faq', 'off_topic',
          'unsourced_rumour', 'fabricated_author_bio'}


def extract_txt(text, annotated=False):
    paras = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if annotated:
            if '| ' not in line:
                raise ValueError('line %d has no label: %r' % (n, line))
            lab, body = line.split('| ', 1)
            lab = lab.strip()
            t = norm(body)
            if not t:
                raise ValueError('line %d is empty after its label' % n)
            paras.append({'a': t, 'b': t, 'labels': [lab]})
        else:
            t = norm(line)
            paras.append({'a': t, 'b': t, 'labels': [None]})
    return paras, []


def extract_file(path, annotated=False):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.txt'):
        return extract_txt(text, annotated)
    return extract_html(text)


if __name__ == '__main__':
    import sys
    for path in sys.argv[1:]:
        paras, hid = extract_file(path, annotated='/_src/' in path)
        for i, p in enumerate(paras, 1):
            print('%3d [%s] %s' % (i, ','.join(str(x) for x in p['labels']), p['b']))
        for h in hid:
            print('HIDDEN:', h)
