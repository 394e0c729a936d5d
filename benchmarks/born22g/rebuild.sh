#!/usr/bin/env bash
# Rebuild every file of this set (each manuscript's main file plus the .tex/.bib/.bst/.cls/.sty/... it needs)
# from public repository snapshots, byte for byte, into ./files/ (never commit them anywhere; measurement only).
# First bring each repository of SOURCES.tsv onto the machine with the `fetch` look-up (github:OWNER/NAME);
# this script (MIRROR=that folder ./rebuild.sh) then runs `git show COMMIT:PATH` for every row of FILES.tsv
# and reports the repositories still missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$here/files
# MIRROR: the folder where `fetch` puts its snapshots (the parent of OWNER+NAME/repo)
mirror=${MIRROR:?set MIRROR to the folder fetch writes its snapshots into}
missing=0; done_=0
while IFS=$'\t' read -r local repo commit path _rest; do
  [ "$local" = local_file ] && continue
  git_dir=$mirror/${repo/\//+}/repo
  [ -d "$git_dir/.git" ] && git_dir=$git_dir/.git   # some snapshots are a work tree with .git inside
  if ! git --git-dir="$git_dir" rev-parse -q --verify "$commit^{commit}" >/dev/null 2>&1; then
    echo "fetch github:$repo first (commit $commit)"; missing=$((missing+1)); continue
  fi
  mkdir -p "$(dirname "$here/$local")"
  if git --git-dir="$git_dir" show "$commit:$path" > "$here/$local.part" 2>/dev/null; then
    mv "$here/$local.part" "$here/$local"; done_=$((done_+1))
  else
    rm -f "$here/$local.part"; echo "not in the snapshot: $repo $commit $path"
  fi
done < "$here/FILES.tsv"
echo "rebuilt $done_ files into $out; $missing rows wait for a fetch"
