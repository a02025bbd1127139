"""Reference values for src/release/stats/boundary.ts, computed with SciPy independently of it.

The one-sided half-normal mixture boundary: the z at which
    M(z) = 2 / sqrt(1 + a) * exp(z^2 a / (2 (1 + a))) * Phi(z sqrt(a / (1 + a))),  a = t rho^2,
reaches 1 / alpha, found with scipy.optimize.brentq; M itself is also checked against numerical
integration of the mixture (scipy.integrate.quad over the half-normal), so the closed form is
tested too. Writes test/fixtures/release/reference/boundary.json. Run from the repository root
with Debian's Python (python3-scipy):
    /usr/bin/python3 test/release/stats/py/boundary_vectors.py
"""
import json
import math

import scipy
from scipy import integrate, optimize, stats


def rho_for(target_t, alpha):
    l = -2 * math.log(alpha)
    return math.sqrt((l + math.log(1 + l)) / target_t)


def log_m(z, a):
    return math.log(2) - 0.5 * math.log1p(a) + z * z * a / (2 * (1 + a)) + stats.norm.logcdf(z * math.sqrt(a / (1 + a)))


def m_by_integration(z, t, rho):
    # E over theta ~ half-normal(rho) of exp(theta S - theta^2 t / 2), S = z sqrt(t).
    s = z * math.sqrt(t)
    f = lambda th: math.exp(th * s - th * th * t / 2) * 2 * stats.norm.pdf(th / rho) / rho
    return integrate.quad(f, 0, math.inf, epsabs=0, epsrel=1e-12, limit=200)[0]


cases = []
for t, alpha, target in [(40, 0.05, 80), (80, 0.05, 80), (1000, 0.05, 80), (2_000_000, 0.05, 80), (60, 0.0125, 120), (500, 0.0304, 400), (12, 0.05, 40)]:
    rho = rho_for(target, alpha)
    a = t * rho * rho
    z = optimize.brentq(lambda zz: log_m(zz, a) + math.log(alpha), 0, 60, xtol=1e-14, rtol=1e-15)
    p_at = [(zz, min(1.0, math.exp(-log_m(zz, a)))) for zz in (1.0, 2.5, z)]
    check = m_by_integration(2.5, t, rho) if t < 100_000 else None
    cases.append({"t": t, "alpha": alpha, "targetT": target, "rho": rho, "z": z, "pValues": p_at, "mAt2.5ByIntegration": check, "mAt2.5": math.exp(log_m(2.5, a))})

with open("test/fixtures/release/reference/boundary.json", "w") as f:
    json.dump({"producedBy": f"/usr/bin/python3 test/release/stats/py/boundary_vectors.py (SciPy {scipy.__version__})", "cases": cases}, f, indent=2)
    f.write("\n")
