// Short numbers for labels and legends: 3 significant digits (whole numbers from 100 up), no trailing
// zeros, exponent form outside 0.001…9999 ("0.5", "12.3", "-0.0421", "1234", "1.2e5", "3e-4").

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const [m, e] = v.toExponential(2).split("e") as [string, string];
    return `${trimZeros(m)}e${e.replace("+", "")}`;
  }
  if (a >= 100) return String(Math.round(v)); // toPrecision(3) would write 1234 as "1.23e+3"
  return trimZeros(v.toPrecision(3));
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}
