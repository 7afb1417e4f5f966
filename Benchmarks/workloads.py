#!/usr/bin/env python3
"""Generate the benchmark workloads of Benchmarks/run, deterministically.

    workloads.py startup  DIR LAB_YML   Taskfile.yml + justfile: one task per exercise of LAB_YML
    workloads.py check    DIR           200 exercises of one `run: "true"` step, and the anchors
    workloads.py uptodate DIR           the same 200 with `sources` over 1,000 files
    workloads.py globgrid DIR E F [--task]
                                        E exercises all with `sources: ["src/**"]` over the same F
                                        files (20 a folder, 3 levels deep); --task adds go-task's
                                        Taskfile of E tasks with the same sources
    workloads.py validate DIR           a 10,000-exercise lab.yml
    workloads.py scaffold DIR           a 500-file template set for lab, copier and cookiecutter,
                                        the rendered tree, and version 2 of one template
    workloads.py memory   DIR           two labs of one step printing 1 MiB and 1 GiB
    workloads.py http     DIR PORT      two labs of 100 exercises asking a local server for
                                        /health: an `http` step, and `run: curl -fsS …`
    workloads.py edit     FILE          the learner's edit of the regeneration benchmark

Everything is a pure function of the constants below: two runs give byte-identical trees.
Only the standard library is used, except `startup`, which reads LAB_YML with PyYAML
(a dependency of copier, so present in the benchmark environment).
"""

import json
import os
import re
import stat
import sys

EXERCISES = 200            # the check and up-to-date workloads
FILES_PER_EXERCISE = 5     # 200 x 5 = 1,000 source files
VALIDATE_PHASES = 10
VALIDATE_PER_PHASE = 1000  # 10 x 1,000 = 10,000 exercises
TEMPLATE_FILES = 500

VARS = {  # the scaffold's variables, the same for lab, copier and cookiecutter
    "project": "atlas",
    "provider": "aws",
    "region": "eu-west-1",
    "owner": "platform-team",
    "version": "1.4.2",
}


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def ex_id(i):
    return "e%03d" % i


def phase_document(title, items):
    lines = ["# Phase 1 — %s" % title, "", "## Progress checklist", ""]
    lines += ["- [ ] %s <!-- lab:%s -->" % (t, i) for i, t in items]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# startup: the repository's own exercises as go-task and just files


def startup(out, lab_yml):
    import yaml

    with open(lab_yml, encoding="utf-8") as f:
        lab = yaml.safe_load(f)
    exercises = [(e["id"], " ".join(str(e["title"]).split()))
                 for p in lab.get("phases") or [] for e in p.get("exercises") or []]
    task = ["version: '3'", "", "tasks:"]
    just = []
    for eid, title in exercises:
        task += ["  %s:" % eid, "    desc: %s" % q(title), "    cmds:", "      - echo %s" % eid]
        just += ["# %s" % title, "%s:" % eid, "    echo %s" % eid, ""]
    write(os.path.join(out, "Taskfile.yml"), "\n".join(task) + "\n")
    write(os.path.join(out, "justfile"), "\n".join(just))
    print("startup: %d exercises" % len(exercises))


# ---------------------------------------------------------------------------------------------
# check: 200 exercises of one `run: "true"` step; uptodate: the same with sources


def check_lab(out, with_sources, exercises=EXERCISES, phase_title="Two hundred checks"):
    """A lab of EXERCISES exercises of one `run: "true"` step. with_sources: False (none), True
    (each its own `src/eNNN/*`), or a string: the one `sources` line every exercise has."""
    lab = ["lab: Benchmark lab", "version: 1", "", "defaults:", "  shell: /bin/sh", "",
           "phases:", "  - id: 1", "    title: %s" % phase_title, "    status: in-progress",
           "    exercises:"]
    items = []
    for i in range(1, exercises + 1):
        eid, title = ex_id(i), "Exercise %d passes" % i
        items.append((eid, title))
        lab += ["      - id: %s" % eid, "        title: %s" % title]
        if isinstance(with_sources, str):
            lab.append("        sources: %s" % with_sources)
        elif with_sources:
            lab.append("        sources: [src/%s/*]" % eid)
        lab += ["        verify:", '          - run: "true"']
    write(os.path.join(out, "lab.yml"), "\n".join(lab) + "\n")
    write(os.path.join(out, "docs/phases/phase-01.md"), phase_document(phase_title, items))
    write(os.path.join(out, ".gitignore"), ".lab/state.json\n.lab/lock\n")


def check(out):
    check_lab(out, with_sources=False)
    # lab's fixed cost on this workload: the same lab with one exercise.
    check_lab(os.path.join(out, "one"), with_sources=False, exercises=1)
    # The shell loop: 200 processes of `sh -c true`, one after the other.
    write(os.path.join(out, "loop.sh"),
          'i=0\nwhile [ "$i" -lt %d ]; do sh -c true; i=$((i + 1)); done\n' % EXERCISES)
    # just runs each recipe line as `sh -cu LINE`: a body of `true` is one `sh -c true` each.
    just = ["all: " + " ".join(ex_id(i) for i in range(1, EXERCISES + 1)), ""]
    for i in range(1, EXERCISES + 1):
        just += ["%s:" % ex_id(i), "    true", ""]
    write(os.path.join(out, "justfile"), "\n".join(just))
    # go-task runs commands in its own interpreter, so `sh -c true` starts the one process;
    # `task:` calls in cmds run one after the other (deps would run concurrently).
    task = ["version: '3'", "", "tasks:", "  default:", "    cmds:"]
    task += ["      - task: %s" % ex_id(i) for i in range(1, EXERCISES + 1)]
    for i in range(1, EXERCISES + 1):
        task += ["  %s:" % ex_id(i), "    cmds:", "      - sh -c true"]
    write(os.path.join(out, "Taskfile.yml"), "\n".join(task) + "\n")
    print("check: %d exercises" % EXERCISES)


def uptodate(out):
    check_lab(out, with_sources=True)
    for i in range(1, EXERCISES + 1):
        for k in range(1, FILES_PER_EXERCISE + 1):
            body = "".join("exercise %d, file %d, line %d: some notes to fingerprint\n" % (i, k, n)
                           for n in range(1 + (i * 7 + k * 13) % 40))
            write(os.path.join(out, "src", ex_id(i), "note-%d.md" % k), body)
    task = ["version: '3'", "", "tasks:", "  default:", "    cmds:"]
    task += ["      - task: %s" % ex_id(i) for i in range(1, EXERCISES + 1)]
    for i in range(1, EXERCISES + 1):
        task += ["  %s:" % ex_id(i), "    sources: ['src/%s/*']" % ex_id(i),
                 "    cmds:", "      - sh -c true"]
    write(os.path.join(out, "Taskfile.yml"), "\n".join(task) + "\n")
    print("uptodate: %d exercises, %d source files" % (EXERCISES, EXERCISES * FILES_PER_EXERCISE))


# ---------------------------------------------------------------------------------------------
# globgrid: E exercises sharing one `sources: ["src/**"]` over the same F files
#
# The files lie 20 to a folder in leaf folders three levels under src/ (src/pNN/qN/rN/), so the
# glob walks a real tree: F=400 is 20 leaf folders, F=4,000 is 200. The run script sets every
# mtime an hour back (outside the two-second racy window) and primes the fingerprints.

GRID_PER_FOLDER = 20


def grid_folder(k):
    return "src/p%02d/q%d/r%d" % (k // 50, (k // 5) % 10, k % 5)


def globgrid(out, exercises, files, with_task):
    assert files % GRID_PER_FOLDER == 0
    check_lab(out, with_sources='["src/**"]', exercises=exercises,
              phase_title="%d checks over %d shared files" % (exercises, files))
    for n in range(files):
        k, j = divmod(n, GRID_PER_FOLDER)
        body = "".join("file %d, line %d: some notes to fingerprint\n" % (n, line)
                       for line in range(1 + (n * 7) % 40))
        write(os.path.join(out, grid_folder(k), "note-%02d.md" % j), body)
    if with_task:
        task = ["version: '3'", "", "tasks:", "  default:", "    cmds:"]
        task += ["      - task: %s" % ex_id(i) for i in range(1, exercises + 1)]
        for i in range(1, exercises + 1):
            task += ["  %s:" % ex_id(i), "    sources: ['src/**']", "    cmds:", "      - sh -c true"]
        write(os.path.join(out, "Taskfile.yml"), "\n".join(task) + "\n")
    print("globgrid: %d exercises sharing src/** over %d files in %d folders%s"
          % (exercises, files, files // GRID_PER_FOLDER, ", and a Taskfile" if with_task else ""))


# ---------------------------------------------------------------------------------------------
# validate: a 10,000-exercise lab.yml in the style of a real one

TOPICS = ["processes", "signals", "dns", "tcp", "tls", "http", "git objects", "shell traps",
          "containers", "terraform state", "kubernetes probes", "metrics", "tracing", "queues",
          "load balancing", "caching", "inference servers", "GPU scheduling", "backups", "IAM"]


def validate(out):
    lab = [
        "# A generated lab of %d exercises: the size limit of the validate benchmark."
        % (VALIDATE_PHASES * VALIDATE_PER_PHASE),
        "lab: Large benchmark lab", "version: 1", "",
        "defaults:", "  timeout: 60s", "  shell: /bin/sh", "",
        "scaffolds:", "  cloud:", "    from: builtin:cloud", "    into: cloud",
        "    vars: { provider: aws, region: eu-west-1, project: big }", "",
        "phases:",
    ]
    doc_items = []
    n = 0
    for p in range(1, VALIDATE_PHASES + 1):
        lab += ["  # " + "-" * 60,
                "  - id: %d" % p,
                "    title: Phase %d of the large lab" % p,
                "    weeks: %d–%d" % (2 * p - 1, 2 * p),
                "    status: %s" % ("in-progress" if p == 1 else "pending"),
                "    objectives:",
                "      - Understand topic %d well enough to explain it" % p,
                "      - Build something small that uses it",
                "    scope: [\"reading\", \"hands-on\", \"notes\"]"]
        if p == 2:
            lab.append("    scaffold: [cloud]")
        lab.append("    exercises:")
        for k in range(1, VALIDATE_PER_PHASE + 1):
            n += 1
            topic = TOPICS[n % len(TOPICS)]
            eid = "p%02d-ex-%05d" % (p, n)
            title = "Explain %s, part %d" % (topic, n)
            note = "docs/notes/%s.md" % eid
            if p == 1:
                doc_items.append((eid, title))
            lab += ["      - id: %s" % eid,
                    "        title: %s" % title,
                    "        hint: >-",
                    "          Read about %s and write %s: what it is, how it" % (topic, note),
                    "          fails, and how you would notice. Keep it short.",
                    "        sources: [%s]" % note]
            if n % 3 == 0:
                lab.append("        requires: [sh, grep]")
            if n % 4 == 0:
                lab += ["        timeout: 30s", "        env: { TOPIC: %s, LEVEL: \"%d\" }" % (q(topic), n % 5)]
            if n % 10 == 7:
                continue  # a manual exercise: no verify
            lab += ["        verify:",
                    "          - file: %s" % note,
                    "            contains: [%s, \"why\"]" % q(topic.split()[0])]
            if n % 2 == 0:
                lab += ["          - run: grep -qi 'fail' %s" % note]
            if n % 5 == 0:
                lab += ["          - run: |",
                        "              f=%s" % note,
                        "              test \"$(wc -l < \"$f\")\" -gt 3 || { echo \"$f: too short\"; exit 1; }",
                        "            expect: { exit: 0 }",
                        "            retry: { attempts: 2, delay: 100ms }",
                        "            timeout: 5s"]
    write(os.path.join(out, "lab.yml"), "\n".join(lab) + "\n")
    write(os.path.join(out, "docs/phases/phase-01.md"),
          phase_document("Phase 1 of the large lab", doc_items))
    print("validate: %d exercises, lab.yml of %d bytes"
          % (n, os.path.getsize(os.path.join(out, "lab.yml"))))


# ---------------------------------------------------------------------------------------------
# scaffold: one 500-file template set, as lab, copier and cookiecutter templates
#
# Half the files are `.mustache` templates using the variables, half are copied verbatim
# (every fifth of those is an executable script). Folders nest three deep, and two top-level
# folders carry `{{project}}` in their names. Variables are only `{{name}}`, which Mustache and
# Jinja (copier, cookiecutter) read the same way.

TOP = ["docs", "infra", "{{project}}-service", "scripts", "{{project}}-config"]
SUB = ["alpha", "beta/one", "beta/two", "gamma"]
PER_DIR = TEMPLATE_FILES // (len(TOP) * len(SUB))  # 25


def template_files():
    """[(template path, rendered path, content as template, executable)]."""
    files = []
    n = 0
    for top in TOP:
        for sub in SUB:
            for k in range(PER_DIR):
                n += 1
                folder = "%s/%s" % (top, sub)
                lines = 8 + (n * 37) % 90   # 8..97 lines: files of 0.3 to 5 KB
                if n % 2 == 0:
                    name = "file-%03d.md" % n
                    body = ["# {{project}}: generated file %d" % n, ""]
                    for j in range(lines):
                        if j % 6 == 0:
                            body.append("- owner {{owner}}, provider {{provider}} in {{region}}, v{{version}}")
                        else:
                            body.append("Line %d of file %d describes part of the skeleton in prose." % (j, n))
                    files.append((folder + "/" + name + ".mustache", folder + "/" + name,
                                  "\n".join(body) + "\n", False))
                else:
                    script = n % 10 == 1
                    name = "tool-%03d.sh" % n if script else "data-%03d.txt" % n
                    body = ["#!/bin/sh", "set -eu"] if script else []
                    body += ["# verbatim line %d of file %d, copied byte for byte" % (j, n)
                             for j in range(lines)]
                    files.append((folder + "/" + name, folder + "/" + name,
                                  "\n".join(body) + "\n", script))
    return files


def render(text, values):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: values[m.group(1)], text)


# The template changed in version 2 (line 3 of its body) and the generated file a learner
# edited (a line appended at the end): the same file, edits far apart, so every tool merges
# cleanly.
CHANGED = "docs/alpha/file-002.md"


def version2(content):
    lines = content.split("\n")
    lines[3] = "Line 1 of file 2 was rewritten in version 2 of the template set."
    return "\n".join(lines)


def learner_edit(content):
    return content + "A line the learner added at the end.\n"


def scaffold(out):
    files = template_files()
    assert len(files) == TEMPLATE_FILES
    rendered_vars = dict(VARS)

    # lab: a template folder inside the lab, and a scaffold using it.
    lab_root = os.path.join(out, "lab")
    for tpath, _, content, exe in files:
        write(os.path.join(lab_root, "templates/big", tpath), content, 0o755 if exe else None)
    lab = ["lab: Scaffold benchmark", "version: 1", "", "scaffolds:", "  big:",
           "    from: templates/big", "    into: out", "    vars:"]
    lab += ["      %s: %s" % (k, q(v)) for k, v in VARS.items()]
    lab += ["", "phases:", "  - id: 1", "    title: Scaffolding", "    status: pending",
            "    scaffold: [big]", "    exercises:", "      - id: look",
            "        title: Look at the generated tree"]
    write(os.path.join(lab_root, "lab.yml"), "\n".join(lab) + "\n")

    # The rendered tree, for `cp -r`.
    for _, rpath, content, exe in files:
        write(os.path.join(out, "rendered", render(rpath, rendered_vars)),
              render(content, rendered_vars), 0o755 if exe else None)

    # copier: the same files, `.mustache` as the templates suffix, and the answers file that
    # `copier update` needs. Versions 1 and 2 as plain folders; the git repository is made by
    # the run script (tags v1, v2).
    copier_yml = ["_templates_suffix: .mustache", "_subdirectory: template", ""]
    for k, v in VARS.items():
        copier_yml += ["%s:" % k, "  type: str", "  default: %s" % q(v)]
    for version in (1, 2):
        root = os.path.join(out, "copier-v%d" % version)
        write(os.path.join(root, "copier.yml"), "\n".join(copier_yml) + "\n")
        write(os.path.join(root, "template", "{{_copier_conf.answers_file}}.mustache"),
              "# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml -}}\n")
        for tpath, rpath, content, exe in files:
            if version == 2 and rpath == CHANGED:
                content = version2(content)
            write(os.path.join(root, "template", tpath), content, 0o755 if exe else None)

    # version 2 for lab: the same one-file change.
    for tpath, rpath, content, exe in files:
        if rpath == CHANGED:
            write(os.path.join(out, "lab-v2", tpath), version2(content))
            print("scaffold: changed template %s" % tpath)

    # cookiecutter: the same files under `{{cookiecutter.project}}`, the same variables;
    # verbatim files are listed in _copy_without_render so they are copied, not rendered.
    cc_root = os.path.join(out, "cookiecutter")
    context = dict(VARS)
    context["_copy_without_render"] = ["*.txt", "*.sh"]
    write(os.path.join(cc_root, "cookiecutter.json"), json.dumps(context, indent=2) + "\n")
    for tpath, rpath, content, exe in files:
        cc_path = re.sub(r"\{\{(\w+)\}\}", r"{{cookiecutter.\1}}", rpath)
        cc_content = re.sub(r"\{\{(\w+)\}\}", r"{{cookiecutter.\1}}", content)
        write(os.path.join(cc_root, "{{cookiecutter.project}}", cc_path), cc_content,
              0o755 if exe else None)
    write(os.path.join(out, "cookiecutter-config.yaml"),
          "cookiecutters_dir: %s\nreplay_dir: %s\n"
          % (os.path.join(out, "cc-cache"), os.path.join(out, "cc-replay")))
    print("scaffold: %d template files (%d rendered, %d verbatim), edited file %s"
          % (len(files), sum(1 for f in files if f[0].endswith(".mustache")),
             sum(1 for f in files if not f[0].endswith(".mustache")), CHANGED))


# ---------------------------------------------------------------------------------------------
# memory: one step printing 1 MiB, and one printing 1 GiB (lines of 32 bytes)


def memory(out):
    for name, size in (("1mib", 1 << 20), ("1gib", 1 << 30)):
        root = os.path.join(out, name)
        lab = ["lab: Output benchmark", "version: 1", "", "phases:", "  - id: 1",
               "    title: Loud steps", "    status: in-progress", "    exercises:",
               "      - id: loud", "        title: A step printing %s" % name,
               "        timeout: 10m", "        verify:",
               "          - run: %s" % q("yes 'lab benchmark output line....' | head -c %d" % size)]
        write(os.path.join(root, "lab.yml"), "\n".join(lab) + "\n")
        write(os.path.join(root, "docs/phases/phase-01.md"),
              phase_document("Loud steps", [("loud", "A step printing %s" % name)]))
    print("memory: steps printing 1 MiB and 1 GiB")


# http: the same request as an `http` step and as `run: curl -fsS`, against a server on loopback

HTTP_EXERCISES = 100


def http(out, port):
    url = "http://127.0.0.1:%d/health" % port
    steps = {
        "http": ["          - http: %s" % url, "            expect: { status: 200, body: ok }"],
        "curl": ["          - run: %s" % q("curl -fsS %s" % url), "            expect: { stdout: ok }"],
    }
    for name, step in steps.items():
        root = os.path.join(out, name)
        lab = ["lab: HTTP benchmark", "version: 1", "", "phases:", "  - id: 1",
               "    title: Health checks", "    status: in-progress", "    exercises:"]
        items = []
        for i in range(1, HTTP_EXERCISES + 1):
            eid, title = ex_id(i), "Health %d" % i
            items.append((eid, title))
            lab += ["      - id: %s" % eid, "        title: %s" % title, "        verify:"] + step
        write(os.path.join(root, "lab.yml"), "\n".join(lab) + "\n")
        write(os.path.join(root, "docs/phases/phase-01.md"), phase_document("Health checks", items))
    write(os.path.join(out, "www/health"), "ok\n")
    print("http: %d exercises, an http step or curl each, against %s" % (HTTP_EXERCISES, url))


def edit(path):
    """Apply the learner's edit to a generated file (used by the run script)."""
    with open(path, encoding="utf-8") as f:
        content = f.read()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(learner_edit(content))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    kind, out = argv[1], argv[2]
    if kind == "startup":
        startup(out, argv[3])
    elif kind == "edit":
        edit(out)
    elif kind == "http":
        os.makedirs(out, exist_ok=True)
        http(out, int(argv[3]))
    elif kind == "globgrid":
        if len(argv) not in (5, 6) or (len(argv) == 6 and argv[5] != "--task"):
            sys.exit(__doc__)
        os.makedirs(out, exist_ok=True)
        globgrid(out, int(argv[3]), int(argv[4]), len(argv) == 6)
    elif kind in ("check", "uptodate", "validate", "scaffold", "memory"):
        os.makedirs(out, exist_ok=True)
        globals()[kind](out)
    else:
        sys.exit("unknown workload: %s" % kind)


if __name__ == "__main__":
    main(sys.argv)
