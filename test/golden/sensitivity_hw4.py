"""How sensitive are hw4's q7 (lr 1.0, lr 5.0) and q8 (Adam) curves to rounding?

Prints the numbers behind the rubric's tolerances for those items; writes
nothing. Run from the repository root: python3 test/golden/sensitivity_hw4.py
"""

import math
import warnings

import numpy as np

EPOCHS = 100


def J(w):
    return 1 / 4 * w**4 - 4 / 3 * w**3 + 3 / 2 * w**2


GRADIENTS = {
    "expanded w**3-4w**2+3w": lambda w: w**3 - 4 * w**2 + 3 * w,
    "factored w(w-1)(w-3)": lambda w: w * (w - 1) * (w - 3),
    "products w*w*w-4*w*w+3*w": lambda w: w * w * w - 4 * w * w + 3 * w,
}
BASE = "expanded w**3-4w**2+3w"


def descend(w0, lr, grad, epochs=EPOCHS):
    w, ws, Js = w0, [], []
    for _ in range(epochs):
        try:
            w = w - lr * grad(w)
            j = J(w)
        except OverflowError:
            break
        if not (math.isfinite(w) and math.isfinite(j)):
            break
        ws.append(w)
        Js.append(j)
    return ws, Js


def adam(w0, grad, eta=5, rho1=0.9, rho2=0.999, delta=1e-8, epochs=EPOCHS):
    w, s, r, ws, Js = w0, 0.0, 0.0, [], []
    for t in range(1, epochs + 1):
        g = grad(w)
        s = rho1 * s + (1 - rho1) * g
        r = rho2 * r + (1 - rho2) * g**2
        w = w - eta * (s / (1 - rho1**t)) / (math.sqrt(r / (1 - rho2**t)) + delta)
        ws.append(w)
        Js.append(J(w))
    return ws, Js


def first_departure(a, b, rtol=1e-6):
    """1-based epoch of the first element with |a - b| > rtol * |b|, None if never"""
    for i, (x, y) in enumerate(zip(a, b)):
        if abs(x - y) > rtol * abs(y):
            return i + 1
    return None


def max_relative(a, b, epochs):
    return max(abs(x - y) / abs(y) for x, y in zip(a[:epochs], b[:epochs]))


def variants(run):
    w0 = 0.2
    out = {"baseline (w0 0.2, " + BASE + ")": run(w0, GRADIENTS[BASE])}
    out["w0 + 1 ulp"] = run(math.nextafter(w0, math.inf), GRADIENTS[BASE])
    out["w0 - 1 ulp"] = run(math.nextafter(w0, -math.inf), GRADIENTS[BASE])
    out["w0 + 1e-12"] = run(w0 + 1e-12, GRADIENTS[BASE])
    for name, grad in GRADIENTS.items():
        if name != BASE:
            out[name] = run(w0, grad)
    out["numpy float64 scalars"] = run(np.float64(w0), GRADIENTS[BASE])
    return out


def report(title, runs):
    print(f"\n== {title}")
    (base_name, (base_w, base_J)), *others = runs.items()
    for name, (ws, Js) in [(base_name, (base_w, base_J))] + others:
        tail_w, tail_J = ws[49:100], Js[49:100]
        line = f"{name:34s} final w {ws[-1]!r:>22} J {Js[-1]!r:>22}"
        if name != base_name:
            line += f" | departs (1e-6 rel) at epoch J {first_departure(Js, base_J)}, w {first_departure(ws, base_w)}"
            spread = ", ".join(f"1..{e} {max_relative(Js, base_J, e):.1e}" for e in (10, 20, 30, 100))
            line += f"\n{'':34s} max relative J difference over epochs {spread}"
        print(line)
        print(
            f"{'':34s} epochs 50..100: w in [{min(tail_w):.6f}, {max(tail_w):.6f}], J in [{min(tail_J):.6f}, {max(tail_J):.6f}]"
        )


def overflow_report():
    print("\n== q7 lr 5.0")
    ws, Js = descend(0.2, 5.0, GRADIENTS[BASE])
    print(f"python floats, try/except OverflowError: {len(Js)} finite J values; w = {ws}")
    # a numpy student: float64 scalars give inf/nan with a RuntimeWarning instead of raising
    w = np.float64(0.2)
    recorded = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for epoch in range(1, 11):
            w = w - 5.0 * GRADIENTS[BASE](w)
            recorded.append((epoch, float(w), float(J(w))))
    finite = [e for e, wv, jv in recorded if math.isfinite(wv) and math.isfinite(jv)]
    print(f"numpy float64, no try/except: finite through epoch {max(finite)}; then {recorded[len(finite):len(finite) + 3]}")
    for name, grad in GRADIENTS.items():
        ws, Js = descend(0.2, 5.0, grad)
        print(f"  {name:34s} finite J values: {len(Js)}")


def main():
    report("q7 lr 1.0", variants(lambda w0, grad: descend(w0, 1.0, grad)))
    report("q8 Adam (eta 5)", variants(lambda w0, grad: adam(w0, grad)))
    overflow_report()


if __name__ == "__main__":
    main()
