#!/usr/bin/env python3
"""Concord's performance benchmark: every stage against `cmark` on the same bytes.

Usage: scripts/benchmark.py [--corpus DIR] [--source-locale en-US] [--export-locale L] [--runs N] [--no-build]

Builds concord in release mode, then times (best of N runs, wall clock) and
measures peak memory of:
  cmark     the `cmark` command rendering every article's bytes to HTML (one process, one core)
  models    `concord inspect --content DIR`  (discover, split, parse, build every typed model)
  check     `concord check --content DIR`    (models + every translation rule)
  export    `concord export xliff --locale L` (XLIFF, then PO) of one translation locale to a file,
            as a ratio of the check of the same tree
  git check `concord check` on a git-backed copy of the corpus (each translation's
            ms.sourcegitcommit rewritten to a commit of a made-up history that edits the source
            between commits), against the same copy without its .git folder
  build     `concord build --content DIR`    (models + checks + the HTML site + JSON), on a copy of
            the corpus: a full build into a new output folder (and a new cache); a rebuild of
            that folder with nothing changed; a rebuild after one sentence was added to one
            French file; a rebuild with nothing changed and --no-cache (every page rendered);
            full builds into a new folder in memory (/dev/shm), where creating files is cheap
and prints each stage's time as a ratio of cmark's. Timings live here, never in unit tests.
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_timed(cmd, runs, stdin_path=None, before_each=None):
    best, peak = None, 0
    for run in range(runs):
        if before_each:
            cmd = before_each(run)
        # Dirty pages of earlier runs (a build writes over 100 MB) are flushed first, so their
        # writeback does not compete with the run being timed.
        os.sync()
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=stdin,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if stdin_path:
            stdin.close()
        if proc.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
        try:
            peak = max(peak, int(proc.stderr.decode().strip().splitlines()[-1]))
        except (ValueError, IndexError):
            pass
        best = elapsed if best is None else min(best, elapsed)
    return best, peak / 1024


def git_backed_copy(corpus, target, source_locale):
    """Copies `corpus` to `target` as a git work tree whose history the translations name.

    The corpus's ms.sourcegitcommit values come from a repository that is not here. The copy gets
    one commit per distinct value, each editing every 97th source file (offset by the commit's
    rank), and each translation's value is rewritten to the commit of the same rank, so that
    staleness is asked about as many commits as the real tree names and finds real changes.
    Returns the number of commits."""
    import re
    shutil.copytree(corpus, target)
    key = re.compile(rb"^(ms\.sourcegitcommit:\s*)([0-9a-fA-F]+)", re.M)
    source_root = os.path.join(target, source_locale)
    sources, translations = [], []
    for folder, dirs, names in os.walk(target):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(".md"):
                path = os.path.join(folder, name)
                (sources if path.startswith(source_root + os.sep) else translations).append(path)
    values = set()
    for path in translations:
        with open(path, "rb") as f:
            values.update(m.group(2).lower() for m in key.finditer(f.read()))
    values = sorted(values)

    def git(*arguments):
        return subprocess.run(["git", "-C", target, "-c", "user.name=Benchmark", "-c", "user.email=bench@example.com",
                               "-c", "commit.gpgsign=false"] + list(arguments),
                              check=True, capture_output=True, text=True).stdout.strip()
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "the corpus")
    commits = [git("rev-parse", "HEAD")]
    for rank in range(1, max(1, len(values))):
        for path in sources[rank % 97::97]:
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nA sentence added in revision {rank}.\n")
        git("commit", "-q", "-a", "-m", f"revision {rank}")
        commits.append(git("rev-parse", "HEAD"))
    mapping = {value: commits[min(rank, len(commits) - 1)].encode() for rank, value in enumerate(values)}
    for path in translations:
        with open(path, "rb") as f:
            data = f.read()
        rewritten = key.sub(lambda m: m.group(1) + mapping.get(m.group(2).lower(), m.group(2)), data)
        if rewritten != data:
            with open(path, "wb") as f:
                f.write(rewritten)
    git("commit", "-q", "-a", "-m", "translations name the made-up history")
    return len(commits)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "powershell"))
    parser.add_argument("--source-locale", default="en-US")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--export-locale", help="the locale `export xliff` hands off (default: the first besides the source)")
    args = parser.parse_args()

    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        sys.exit(f"corpus not found: {corpus}")
    if not shutil.which("cmark"):
        sys.exit("the cmark command is missing: apt-get install -y cmark")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("/usr/bin/time is missing: apt-get install -y time")
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "concord"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    concord = os.path.join(ROOT, ".build", "release", "concord")

    files = []
    for folder, dirs, names in os.walk(corpus):
        dirs.sort()
        files += [os.path.join(folder, n) for n in sorted(names) if n.lower().endswith(".md")]
    with tempfile.TemporaryDirectory() as scratch:
        all_bytes = os.path.join(scratch, "all.md")
        total = 0
        with open(all_bytes, "wb") as out:
            for path in files:
                with open(path, "rb") as f:
                    data = f.read()
                total += len(data)
                out.write(data + b"\n\n")
        print(f"corpus: {corpus}\n{len(files)} Markdown files, {total / 1e6:.1f} MB; best of {args.runs} runs; "
              f"{os.cpu_count()} cores\n")

        cmark_time, cmark_mem = run_timed(["cmark", all_bytes], args.runs)
        rows = [("cmark (render to HTML)", cmark_time, cmark_mem)]
        rebuild_note = None
        content = ["--content", corpus, "--source-locale", args.source_locale]
        help_text = subprocess.run([concord, "--help"], capture_output=True, text=True).stdout
        commands = {line.split()[0] for line in help_text.split("SUBCOMMANDS:")[-1].splitlines()
                    if line.startswith("  ") and not line.startswith("   ") and line.strip()}

        def has(command):
            return command in commands
        stages = [("concord models (inspect)", [concord, "inspect", "--format", "json"] + content)]
        if has("check"):
            stages.append(("concord check", [concord, "check", "--format", "json"] + content))
        timed = {}
        for name, cmd in stages:
            seconds, memory = run_timed(cmd, args.runs)
            rows.append((name, seconds, memory))
            timed[name] = seconds
        export_note = None
        targets = sorted(d for d in os.listdir(corpus)
                         if d != args.source_locale and os.path.isdir(os.path.join(corpus, d)) and not d.startswith("."))
        export_locale = args.export_locale or (targets[0] if targets else None)
        if has("export") and export_locale and "concord check" in timed:
            # The translation handoff of one locale, written to a file as a translation system gets it.
            handoff = os.path.join(scratch, "handoff")
            for label, extra in (("xliff", []), ("po", ["--format", "po"])):
                cmd = [concord, "export", "xliff", "--locale", export_locale, "--output", handoff] + content + extra
                seconds, memory = run_timed(cmd, args.runs)
                rows.append((f"export {label} ({export_locale})", seconds, memory))
                timed[label] = seconds
            export_note = (f"export {export_locale}: XLIFF {timed['xliff'] / timed['concord check']:.2f}× the check, "
                           f"PO {timed['po'] / timed['concord check']:.2f}×")
        git_note = None
        if has("check") and shutil.which("git"):
            backed = os.path.join(scratch, "git-backed")
            commits = git_backed_copy(corpus, backed, args.source_locale)
            plain = os.path.join(scratch, "no-git")
            shutil.copytree(backed, plain, ignore=shutil.ignore_patterns(".git"))
            check = [concord, "check", "--format", "json", "--source-locale", args.source_locale, "--content"]
            with_git, memory = run_timed(check + [backed], args.runs)
            rows.append((f"check, git ({commits} commits)", with_git, memory))
            without_git, memory = run_timed(check + [plain], args.runs)
            rows.append(("check, same tree, no git", without_git, memory))
            git_note = f"check with git history: {with_git / without_git:.2f}× the check without"
        if has("build"):
            # Builds read a copy of the corpus, which the one-file rebuild edits.
            copy = os.path.join(scratch, "content")
            shutil.copytree(corpus, copy)
            content = ["--content", copy, "--source-locale", args.source_locale]
            # A full build into an output folder that does not exist yet, as on a fresh checkout or
            # in CI (its cache, beside the output, is new too, and is written).
            # Earlier fresh folders are kept until the end: deleting thousands of files just before
            # a build makes ext4 (mounted with discard here) free their blocks during the build.
            def fresh(run):
                return [concord, "build", "--output", os.path.join(scratch, f"fresh-{run}")] + content
            seconds, memory = run_timed(None, args.runs, before_each=fresh)
            full = seconds
            rows.append(("concord build (full)", seconds, memory))
            live = os.path.join(scratch, "fresh-0")
            again = [concord, "build", "--output", live] + content
            seconds, memory = run_timed(again, args.runs)
            unchanged_seconds = seconds
            rows.append(("build, nothing changed", seconds, memory))
            # One sentence more in one French file before each run: the edit the issue measured.
            edited = sorted(f for f in (os.path.join(d, n) for d, _, ns in os.walk(copy) for n in ns)
                            if f.endswith(".md") and os.sep + "fr-FR" + os.sep in f)
            target = edited[len(edited) // 2] if edited else None

            def one_file(run):
                if target:
                    with open(target, "a", encoding="utf-8") as f:
                        f.write(f"\nUne phrase de plus ({run}).\n")
                return again
            seconds, memory = run_timed(None, args.runs, before_each=one_file)
            one_file_seconds = seconds
            rows.append(("build, one file changed", seconds, memory))
            seconds, memory = run_timed(again + ["--no-cache"], args.runs)
            rows.append(("build, no cache, no change", seconds, memory))
            # The same full build into memory (tmpfs), where making a file costs next to nothing:
            # the difference from the first row is the file system's, not Concord's.
            if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
                memory_scratch = tempfile.mkdtemp(prefix="concord-benchmark-", dir="/dev/shm")
                try:
                    def fresh_in_memory(run):
                        return [concord, "build", "--output", os.path.join(memory_scratch, f"fresh-{run}")] + content
                    seconds, memory = run_timed(None, args.runs, before_each=fresh_in_memory)
                    rows.append(("concord build (full, tmpfs)", seconds, memory))
                finally:
                    shutil.rmtree(memory_scratch, ignore_errors=True)
            rebuild_note = (f"one-file rebuild: {one_file_seconds / full:.0%} of a full build; "
                            f"nothing changed: {unchanged_seconds / full:.0%}")

    print(f"{'stage':28} {'seconds':>8} {'× cmark':>8} {'peak MB':>8}")
    for name, seconds, memory in rows:
        print(f"{name:28} {seconds:8.2f} {seconds / cmark_time:8.2f} {memory:8.0f}")
    if rebuild_note:
        print(rebuild_note)
    if git_note:
        print(git_note)
    if export_note:
        print(export_note)


if __name__ == "__main__":
    main()
