#!/usr/bin/env bash
# Commit hello.txt ("hello, plumbing") in REPO on the current branch using only
# plumbing commands, and print the new commit's hash.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 REPO" >&2
  exit 64
fi
cd "$1"

# 1. the content, as a blob object
blob="$(printf 'hello, plumbing\n' | git hash-object -w --stdin)"
# 2. an index entry naming it, then a tree object made from the index
git update-index --add --cacheinfo "100644,$blob,hello.txt"
tree="$(git write-tree)"
# 3. a commit pointing at the tree (and at the current commit, if any)
branch="$(git symbolic-ref HEAD)"
if parent="$(git rev-parse --verify --quiet HEAD)"; then
  commit="$(git commit-tree "$tree" -p "$parent" -m 'Add hello.txt with plumbing')"
else
  commit="$(git commit-tree "$tree" -m 'Add hello.txt with plumbing')"
fi
# 4. move the branch HEAD points at
git update-ref "$branch" "$commit"

echo "$commit"
