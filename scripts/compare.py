#!/usr/bin/env python3
"""Two concord executables timed side by side on the same corpus, run for run.

Usage: scripts/compare.py BEFORE [AFTER] [--corpus DIR] [--source-locale en-US] [--export-locale L]
                          [--rounds N] [--only STAGE ...]

AFTER defaults to .build/release/concord. A shared machine's speed drifts by tens of percent
within minutes, so a benchmark run of each executable, one after the other, cannot tell them
apart by less than that. Here every round runs each stage once with each executable, in an
order that alternates from round to round, and the medians of the rounds are compared.

Stages (each on its own copy of the corpus in memory, /dev/shm when there is one):
  check     `concord check --format json`
  export    `concord export xliff --locale L` to a file
  full      `concord build` into a new output folder with a new cache (the removal of the last
            round's folder is not timed)
  rebuild   `concord build` again after one sentence was added to one file of the export locale
  unchanged `concord build` again with nothing changed

Prints, per stage, each executable's median wall and CPU (user + system) time, AFTER's median
as a ratio of BEFORE's, and in how many rounds AFTER was the faster. Read the last column
first: two executables that do the same work win about half the rounds each, whatever the
ratio says, and a real difference of a few percent wins nearly all of them. Instruction counts
(docs/performance.md, "Where the time goes") are steadier still; this is for the clock.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGES = ["check", "export", "full", "rebuild", "unchanged"]


def timed(cmd):
    """Wall and CPU seconds of `cmd` (its children's rusage), which must exit 0 or 1 (findings)."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", default=os.path.join(ROOT, ".build", "release", "concord"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "powershell"))
    parser.add_argument("--source-locale", default="en-US")
    parser.add_argument("--export-locale", help="the locale exported and edited (default: the first besides the source)")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--only", nargs="+", choices=STAGES, default=STAGES)
    args = parser.parse_args()

    binaries = [os.path.abspath(args.before), os.path.abspath(args.after)]
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"not an executable: {binary}")
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        sys.exit(f"corpus not found: {corpus}")
    targets = sorted(d for d in os.listdir(corpus)
                     if d != args.source_locale and os.path.isdir(os.path.join(corpus, d)) and not d.startswith("."))
    locale = args.export_locale or (targets[0] if targets else None)
    if locale is None and {"export", "rebuild"} & set(args.only):
        sys.exit("the corpus has no locale besides the source: name one with --export-locale")

    scratch_root = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    scratch = tempfile.mkdtemp(prefix="concord-compare-", dir=scratch_root)
    try:
        # Each executable builds its own copy, so that a rebuild finds its own cache and output.
        copies = []
        for index in range(2):
            copy = os.path.join(scratch, f"content-{index}")
            shutil.copytree(corpus, copy)
            copies.append(copy)
        edited = []
        for copy in copies:
            files = sorted(os.path.join(d, n) for d, _, ns in os.walk(os.path.join(copy, locale or "")) for n in ns if n.endswith(".md"))
            edited.append(files[len(files) // 2] if files else None)

        def command(stage, index, round_number):
            binary, copy = binaries[index], copies[index]
            content = ["--content", copy, "--source-locale", args.source_locale]
            site = os.path.join(scratch, f"site-{index}")
            if stage == "check":
                return [binary, "check", "--format", "json"] + content
            if stage == "export":
                return [binary, "export", "xliff", "--locale", locale, "--output", os.path.join(scratch, f"handoff-{index}")] + content
            if stage == "full":
                fresh = os.path.join(scratch, f"fresh-{index}")
                shutil.rmtree(fresh, ignore_errors=True)
                os.mkdir(fresh)
                return [binary, "build", "--output", os.path.join(fresh, "site")] + content
            if stage == "rebuild" and edited[index]:
                with open(edited[index], "a", encoding="utf-8") as f:
                    f.write(f"\nUne phrase de plus ({round_number}).\n")
            return [binary, "build", "--output", site] + content

        # A round untimed first: the executables and the copies are then in memory, and the
        # rebuilds start from a live site and a cache of their own.
        results = {stage: ([], []) for stage in args.only}
        for round_number in range(0, args.rounds + 1):
            order = (0, 1) if round_number % 2 else (1, 0)
            for stage in args.only:
                for index in order:
                    cmd = command(stage, index, round_number)
                    os.sync()
                    measured = timed(cmd)
                    if round_number > 0:
                        results[stage][index].append(measured)
            if sys.stderr.isatty():
                print(f"round {round_number} of {args.rounds}", file=sys.stderr, end="\r")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"before: {binaries[0]}\nafter:  {binaries[1]}\ncorpus: {corpus}; medians of {args.rounds} interleaved rounds\n")
    print(f"{'stage':10} {'before wall':>11} {'cpu':>6} {'after wall':>11} {'cpu':>6} {'after/before':>13} {'after faster':>13}")
    for stage in args.only:
        before, after = results[stage]
        wall = [statistics.median(w for w, _ in runs) for runs in (before, after)]
        cpu = [statistics.median(c for _, c in runs) for runs in (before, after)]
        wins = sum(1 for (b, _), (a, _) in zip(before, after) if a < b)
        print(f"{stage:10} {wall[0]:10.3f}s {cpu[0]:5.2f}s {wall[1]:10.3f}s {cpu[1]:5.2f}s {wall[1] / wall[0]:13.3f} "
              f"{f'{wins} of {len(before)}':>13}")


if __name__ == "__main__":
    main()
