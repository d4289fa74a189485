#!/bin/sh
# profile.sh - where lede's extraction time goes, in instructions.
#
# Runs lede-bench under valgrind --tool=callgrind twice over the same first N
# pages (instruction counts are stable on a busy machine, unlike time):
# libxml2 parse-only, then lede's whole extraction; prints the ratio, the
# inclusive cost of each pipeline stage and the functions that cost most by
# themselves (self cost). Profiles stay in OUT for callgrind_annotate /
# kcachegrind.
#
# Usage: tests/bench/profile.sh [-n PAGES] [-o OUT] [-a] BENCH_BINARY DIR
#   -a: analyse the profiles already in OUT, run nothing
set -eu

pages=200
out=${TMPDIR:-/tmp}/lede-profile
analyse_only=0
while getopts n:o:a opt; do
    case $opt in
    n) pages=$OPTARG ;;
    o) out=$OPTARG ;;
    a) analyse_only=1 ;;
    *) echo "usage: $0 [-n PAGES] [-o OUT] BENCH_BINARY DIR" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: $0 [-n PAGES] [-o OUT] BENCH_BINARY DIR" >&2; exit 2; }
bench=$1
dir=$2
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is not installed" >&2; exit 1; }
mkdir -p "$out"

run() { # mode file
    valgrind --tool=callgrind --callgrind-out-file="$out/$2" "$bench" \
        --repeat 1 --no-warmup --only "$1" --threads 0 --cli-runs 0 \
        -n "$pages" "$dir" >"$out/$2.log" 2>&1
}
if [ "$analyse_only" = 0 ]; then
    echo "callgrind: parse-only and extraction over the first $pages pages of $dir (a few minutes)"
    run parse parse.out
    run extract extract.out
fi

# Inclusive instruction count of the first function matching $2 in profile $1.
incl() {
    callgrind_annotate --inclusive=yes "$out/$1" 2>/dev/null |
        awk -v pat="$2" '$0 ~ pat && /\[/ { gsub(",", "", $1); print $1; exit }'
}

parse=$(( $(incl parse.out 'htmlReadMemory') + $(incl parse.out 'xmlFreeDoc') ))
extract=$(( $(incl extract.out 'bench_extract_one') ))
echo
awk -v p="$parse" -v e="$extract" 'BEGIN {
    printf "parse-only (htmlReadMemory + xmlFreeDoc) %15.0f Ir\n", p
    printf "extraction (lede_extract + render JSON)  %15.0f Ir   ratio %.2fx\n", e, e / p }'
echo
echo "per stage (inclusive; % of parse-only):"
for f in charset_decode dom_parse htmlReadMemory check_limits find_base_url \
         metadata_extract meta_scan_run dates_extract content_extract \
         render_text render_markdown render_html text_nfc lede_render \
         free_ctx xmlFreeDoc; do
    v=$(incl extract.out ":$f ")
    [ -n "$v" ] || continue
    awk -v f="$f" -v v="$v" -v p="$parse" 'BEGIN { printf "  %-18s %15.0f Ir  %6.1f%%\n", f, v, 100 * v / p }'
done
echo
echo "top functions by self cost (extraction run, loading excluded):"
callgrind_annotate "$out/extract.out" 2>/dev/null |
    awk '/file:function/ { on = 1; getline; next } on && NF == 0 { exit } on' |
    grep -v -e 'inflate' -e 'libz\.so' -e 'bench_add' -e 'crc32' | head -25
echo
echo "profiles: $out/parse.out $out/extract.out (callgrind_annotate --inclusive=yes FILE)"
