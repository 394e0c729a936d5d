#!/usr/bin/env bash
# Rebuild a born-digital sample of issue 22 (benchmarks/born22b … born22g): every file its FILES.tsv lists
# (each manuscript's main file plus the .tex/.bib/.bst/.cls/.sty/… it needs), byte for byte, from public
# repository snapshots, into OUT/files/ (never commit them anywhere; measurement only).
#   MIRROR=/work/.mirror benchmarks/rebuild_sample.sh benchmarks/born22b ../shared/corpus/wild-born2
# First bring each repository of the sample's SOURCES.tsv onto the machine with the `fetch` look-up
# (github:OWNER/NAME); MIRROR is the folder fetch writes its snapshots into (the parent of OWNER+NAME/repo).
# Reports the repositories still missing. The manifests' local_file paths start with files/.
set -u
sample=$(cd "${1:?the manifest folder of the sample, e.g. benchmarks/born22b}" && pwd)
out=${2:?the corpus folder to rebuild into, e.g. ../shared/corpus/wild-born2}
mkdir -p "$out" && out=$(cd "$out" && pwd)
mirror=${MIRROR:?set MIRROR to the folder fetch writes its snapshots into}
missing=0; done_=0
while IFS=$'\t' read -r local repo commit path _rest; do
  [ "$local" = local_file ] && continue
  git_dir=$mirror/${repo/\//+}/repo
  [ -d "$git_dir/.git" ] && git_dir=$git_dir/.git   # some snapshots are a work tree with .git inside
  if ! git --git-dir="$git_dir" rev-parse -q --verify "$commit^{commit}" >/dev/null 2>&1; then
    echo "fetch github:$repo first (commit $commit)"; missing=$((missing+1)); continue
  fi
  mkdir -p "$(dirname "$out/$local")"
  if git --git-dir="$git_dir" show "$commit:$path" > "$out/$local.part" 2>/dev/null; then
    mv "$out/$local.part" "$out/$local"; done_=$((done_+1))
  else
    rm -f "$out/$local.part"; echo "not in the snapshot: $repo $commit $path"
  fi
done < "$sample/FILES.tsv"
cp "$sample/SOURCES.tsv" "$out/SOURCES.tsv"
echo "rebuilt $done_ files into $out/files; $missing rows wait for a fetch"
