#!/usr/bin/env bash
# Scaffold benchmarks (release build): rendering a 500-file template set against `cp -r` of the
# rendered tree, and regenerating after one template change with one edited file.
#
#   Benchmarks/scaffold.sh [PATH/TO/lab]      (default: .build/release/lab)
#
# Needs hyperfine and python3. Prints hyperfine's tables; the budgets are ≤ 2× cp -r for the
# render and ≤ 0.1× copier update (about 11 s here) for the regeneration.
set -euo pipefail

lab=$(realpath "${1:-.build/release/lab}")
work=$(mktemp -d "${TMPDIR:-/tmp}/lab-bench-scaffold.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A lab whose one scaffold renders 500 files: 250 Mustache templates, 250 verbatim files, in 50
# folders, a tenth of them named by a variable; 1–3 KB each.
python3 - "$work/lab" <<'PY'
import os, sys, random
root = sys.argv[1]
random.seed(500)
os.makedirs(f"{root}/tpl", exist_ok=True)
with open(f"{root}/lab.yml", "w") as f:
    f.write("lab: Bench\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    scaffold: [app]\n"
            "scaffolds:\n  app:\n    from: tpl\n    into: app\n"
            "    vars: { project: bench, region: eu-west-1, env: dev, owner: lab, tags: [a, b, c] }\n")
words = "resource variable output module provider locals data count for_each depends_on".split()
for index in range(500):
    folder = f"mod{index % 50:02d}" if index % 10 else "{{env}}"
    name = f"file{index:03d}"
    lines = []
    for line in range(random.randint(30, 90)):
        word = random.choice(words)
        lines.append(f'{word} "{name}_{line}" {{ value = "{{{{project}}}}-{{{{region}}}}" }}' if index % 2 == 0 and line % 5 == 0
                     else f'{word} "{name}_{line}" {{ value = {line} }}')
    suffix = ".tf.mustache" if index % 2 == 0 else ".tf"
    os.makedirs(f"{root}/tpl/{folder}", exist_ok=True)
    with open(f"{root}/tpl/{folder}/{name}{suffix}", "w") as f:
        f.write("\n".join(lines) + "\n")
PY

cd "$work/lab"
"$lab" scaffold -q >/dev/null
cp -r app "$work/rendered"
echo "rendered: $(find app -type f | wc -l) files, $(du -sh app | cut -f1)"

# Earlier outputs are moved aside, not deleted, between runs: creating files right after deleting
# as many makes ext4 skip the recently freed inodes, and that cost would swamp both sides.
mkdir -p "$work/trash"
aside="sh -c 'for f in $work/lab/app $work/lab/.lab $work/copy; do [ -e \$f ] && mv \$f $work/trash/\$(date +%s%N); done; true'"
echo
echo "== render 500 files: lab scaffold vs cp -r of the rendered tree"
hyperfine --warmup 3 --runs 30 -N \
  --prepare "$aside" \
  --command-name "lab scaffold" "$lab -C $work/lab scaffold -q" \
  --command-name "cp -r" "cp -r $work/rendered $work/copy"

# hyperfine runs each command in a block; on a machine whose file system speed drifts (other
# builds deleting and creating files) that skews the ratio, so also alternate the two, run by run.
echo
echo "== the same, alternating lab scaffold and cp -r run by run (paired)"
python3 - "$lab" "$work" <<'PY'
import os, subprocess, sys, time, statistics
lab, work = sys.argv[1], sys.argv[2]
def aside():
    for path in (f"{work}/lab/app", f"{work}/lab/.lab", f"{work}/copy"):
        if os.path.exists(path): os.rename(path, f"{work}/trash/{time.time_ns()}")
def timed(command):
    aside()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start
ratios, labs, copies = [], [], []
for _ in range(30):
    copy = timed(["cp", "-r", f"{work}/rendered", f"{work}/copy"])
    render = timed([lab, "-C", f"{work}/lab", "scaffold", "-q"])
    labs.append(render); copies.append(copy); ratios.append(render / copy)
print(f"lab scaffold {statistics.median(labs) * 1000:.0f} ms, cp -r {statistics.median(copies) * 1000:.0f} ms (medians); "
      f"median ratio {statistics.median(ratios):.2f}")
PY

"$lab" -C "$work/lab" scaffold -q >/dev/null   # the runs above left it moved aside

# The regeneration case: the template changes one file (and a variable-free line of another the
# learner edited), the learner edited one file; everything else is unchanged.
cp -a "$work/lab" "$work/pristine"
cd "$work/pristine"
sed -i 's/value = 1 }/value = 1 } # template change/' tpl/mod01/file001.tf
sed -i 's/value = 3 }/value = 3 } # template change/' tpl/mod02/file002.tf.mustache
sed -i 's/value = 7 }/value = 7 } # learner edit/' app/mod02/file002.tf
echo
echo "== regenerate after one template change with one edited file (copier update: ~11 s)"
hyperfine --warmup 2 --runs 20 -N \
  --prepare "sh -c 'rm -rf $work/regen && cp -a $work/pristine $work/regen'" \
  --command-name "lab scaffold (regenerate)" "$lab -C $work/regen scaffold -q"
echo
echo "the regeneration's plan:"
rm -rf "$work/regen" && cp -a "$work/pristine" "$work/regen"
"$lab" -C "$work/regen" scaffold
