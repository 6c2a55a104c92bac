"""Picks the corpus inputs worth committing as seeds, within a size budget.

    python3 fuzz/pick_seeds.py CONTROL_FILE KEEP_DIR BUDGET_BYTES OUT_DIR [MAX_FILES]

CONTROL_FILE is what `TARGET -merge=1 -merge_control_file=CONTROL_FILE EMPTY_DIR KEEP_DIR CORPUS`
leaves: each input with the features it was the first to reach (libFuzzer runs them smallest
first). Every input under KEEP_DIR (the committed seeds) is kept; corpus inputs are then added
greedily by new features per byte (plus a cost per file, so that a few larger inputs beat many
tiny ones) until BUDGET_BYTES in all or MAX_FILES added, and copied to OUT_DIR. Features are
counted as first reached, so the count printed is a lower bound: run `-merge=1` on the result
for the real one.
"""
import os, shutil, sys
ctl, keep_dir, budget, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
max_files = int(sys.argv[5]) if len(sys.argv) > 5 else 10**9
lines = open(ctl).read().split('\n')
n = int(lines[0]); paths = lines[2:2 + n]
feats = {}
for l in lines[2 + n:]:
    p = l.split()
    if p and p[0] == 'FT':
        feats[int(p[1])] = set(map(int, p[2:]))
size = {i: os.path.getsize(paths[i]) for i in feats}
covered = set(); used = 0; kept = []
for i, f in feats.items():
    if os.path.dirname(os.path.abspath(paths[i])) == os.path.abspath(keep_dir):
        covered |= f; used += size[i]
total = set().union(*feats.values())
print(f'features: all {len(total)}, kept seeds {len(covered)} in {used} bytes')
cands = [i for i in feats if os.path.dirname(os.path.abspath(paths[i])) != os.path.abspath(keep_dir)]
while True:
    best, score = None, 0
    for i in cands:
        if used + size[i] > budget: continue
        gain = len(feats[i] - covered)
        s = gain / (size[i] + 256)
        if gain and s > score: best, score = i, s
    if best is None or len(kept) >= max_files: break
    covered |= feats[best]; used += size[best]; kept.append(best); cands.remove(best)
print(f'picked {len(kept)} corpus files, {used} bytes in all, features {len(covered)} of {len(total)}')
os.makedirs(out, exist_ok=True)
for i in kept:
    shutil.copy(paths[i], os.path.join(out, os.path.basename(paths[i])))
