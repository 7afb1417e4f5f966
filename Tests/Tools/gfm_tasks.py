#!/usr/bin/env python3
"""Print the GFM task list items that cmark-gfm finds in Markdown files.

Usage: gfm_tasks.py PATH...   one JSON object per line and file:
           {"file": FILE, "tasks": [[LINE, CHECKED], ...]}
                              a PATH that is a folder stands for its *.md files, in name order
       gfm_tasks.py --check   exit 0 when the cmarkgfm package can be imported

Each file is fed to cmark-gfm as raw bytes (invalid UTF-8 included) with GitHub's extensions
(table, strikethrough, autolink, tagfilter, tasklist) and source positions; a task is an <li>
rendered with a checkbox, LINE is the line of its list marker.
"""

import json
import os
import re
import sys

TASK = re.compile(
    rb'<li data-sourcepos="(\d+):\d+-\d+:\d+"><input type="checkbox" (checked="" )?disabled="" />')
EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]


def load():
    try:
        from cmarkgfm import _cmark, cmark
    except ImportError:
        return None
    return _cmark, cmark


def render(modules, data):
    _cmark, cmark = modules
    lib, ffi = _cmark.lib, _cmark.ffi
    options = cmark.Options.CMARK_OPT_SOURCEPOS
    cmark.core_extensions_ensure_registered()
    parser = lib.cmark_parser_new(options)
    try:
        for name in EXTENSIONS:
            extension = lib.cmark_find_syntax_extension(name.encode())
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)
        html = lib.cmark_render_html(root, options, lib.cmark_parser_get_syntax_extensions(parser))
        return ffi.string(html)
    finally:
        lib.cmark_parser_free(parser)


def markdown_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".md"):
                    yield os.path.join(path, name)
        else:
            yield path


def main(arguments):
    modules = load()
    if arguments == ["--check"]:
        return 0 if modules else 1
    if modules is None:
        print("gfm_tasks.py: the cmarkgfm package is not installed", file=sys.stderr)
        return 1
    for path in markdown_files(arguments):
        with open(path, "rb") as file:
            data = file.read()
        tasks = [[int(match.group(1)), match.group(2) is not None]
                 for match in TASK.finditer(render(modules, data))]
        print(json.dumps({"file": path, "tasks": tasks}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
