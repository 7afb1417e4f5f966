#!/usr/bin/env python3
"""Render GitHub-flavoured Markdown from stdin to HTML on stdout, as cmark-gfm does for GitHub.

Usage: gfm_html.py < FILE.md   the HTML, with GitHub's extensions (table, strikethrough, autolink,
                               tagfilter, tasklist) and raw HTML kept (GitHub keeps it, then
                               sanitises it)
       gfm_html.py --check     exit 0 when the cmarkgfm package can be imported
"""

import sys

EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]


def main(arguments):
    try:
        from cmarkgfm import cmark
    except ImportError:
        if arguments != ["--check"]:
            print("gfm_html.py: the cmarkgfm package is not installed", file=sys.stderr)
        return 1
    if arguments == ["--check"]:
        return 0
    text = sys.stdin.buffer.read().decode("utf-8")
    html = cmark.markdown_to_html_with_extensions(text, options=cmark.Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS)
    sys.stdout.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
