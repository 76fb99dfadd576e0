"""The default scenario's export chart drawn with numpy + matplotlib, for a side-by-side
timing against `crossover export` (issue 4). Not part of the test suite.

    pip install numpy matplotlib
    hyperfine -w 3 'python3 benches/matplotlib_compare.py /tmp/m.png' \
        'target/release/crossover export --force --out /tmp/c.png'

It computes the same curves (docs/MODEL.md §2 with the default scenario) and draws the same
elements: log-log axes, three series, cheapest-option bands, crossing marker and label,
current-volume marker, legend, assumptions box, title and footer, at 1600x900.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

D = 365.25 / 12
V = np.logspace(1, 7, 600)
p = (2000 * 2.5 + 500 * 10.0) / 1e6
api = V * p
s = 2000 / 20000 + 500 / 2500
def self_host(v):
    demand = v * s * 2.0 / 86400
    r = np.maximum(1, np.ceil(demand / 0.7))
    gpu = r * 1 * 2.5 * 24
    return gpu + gpu * 0.1 + 100 * (20 + 80 / 12) / D
sh = self_host(V)
hy = self_host(0.7 * V) + 0.3 * V * p
cheapest = np.argmin(np.vstack([api, hy, sh]), axis=0)

fig = plt.figure(figsize=(16, 9), dpi=100)
ax = fig.add_axes([0.06, 0.1, 0.66, 0.8])
ax.set_xscale("log")
ax.set_yscale("log")
colors = ["#1f77b4", "#7570b3", "#d95f02"]
start = 0
for i in range(1, len(V) + 1):
    if i == len(V) or cheapest[i] != cheapest[start]:
        ax.axvspan(V[start], V[i - 1], color=colors[cheapest[start]], alpha=0.09, lw=0)
        start = i
ax.plot(V, api, color=colors[0], lw=2.5, label="API (GPT-4o)")
ax.plot(V, sh, color=colors[2], lw=2.5, ls="--", drawstyle="steps-post", label="Self-host (Llama 3.1 8B)")
ax.plot(V, hy, color=colors[1], lw=2.5, ls=":", label="Hybrid (70% local)")
b = (66 + 100 * (20 + 80 / 12) / D) / p
ax.plot([b], [b * p], "o", color="#c81e2d", ms=9)
ax.annotate(f"break-even {b:,.0f}/day", (b, b * p), xytext=(b, api.max() * 3), color="#1b8246",
            ha="center", arrowprops=dict(arrowstyle="-", color="#1b8246", alpha=0.5))
ax.axvline(10000, color="#5a5a5a", ls="--", lw=1.5)
ax.set_xlabel("requests per day", fontsize=14)
ax.set_ylabel("cost per day (USD)", fontsize=14)
ax.legend(loc="upper left")
fig.suptitle("Default: cost per day by daily volume", fontsize=22)
fig.text(0.75, 0.85, "Assumptions (prices 2025-06)\nAPI GPT-4o\n  $2.50 in · $10.00 out per Mtok\n"
         "GPU H100 80GB × 1 per replica\n  $2.50 per GPU-hour\nVerdict: API", va="top", fontsize=12,
         bbox=dict(facecolor="white", edgecolor="#999"))
fig.text(0.98, 0.02, "matplotlib comparison", ha="right", fontsize=10)
fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "matplotlib.png")
